/**
 * The timeline summary: everything `nextAction` reads from an invoice's timeline on its common
 * path, folded into one small value that storage can keep next to the invoice.
 *
 * An invoice's timeline only grows, and most of it (messages queued and sent, deliveries,
 * opens) matters to the decision only through a few facts: how far up the ladder the invoice
 * is, whether anything failed or suspended collection, and when the customer was last touched.
 * Rather than re-derive them on every decision (reading each action once per outcome, parsing
 * every instant, copying the timeline when an action failed), the facts are a fold that storage
 * maintains as it appends (`extendSummary`), the way a projection is kept beside an event log. The fold is order-independent and its result
 * canonical, so extending a summary one activity at a time gives exactly the summary of the
 * whole timeline, whatever the order.
 *
 * The summary is a cache, never a source of truth: `nextAction` uses `snapshot.summary` only
 * when it covers exactly `snapshot.activities` (same number of entries) and otherwise folds the
 * timeline itself, and `parseSnapshot` rejects a summary that does not match the activities.
 *
 * @module
 */
import { z } from 'zod';
import { ActionOutcomeSchema, ActionTypeSchema, type ActionActivity, type ActionOutcome, type Activity } from '../model/activity.js';
import { CUSTOMER_FACING_ACTIONS } from '../model/customer-facing.js';
import { ChannelKindSchema } from '../model/primitives.js';

/** Failed attempts of one step occurrence before the engine gives up on it (counts as done). */
export const MAX_ATTEMPTS = 3;

/** A touch with the customer as the guardrails count it. */
export const TouchKindSchema = z.enum(['message', 'call-attempt', 'conversation']);
/** A touch with the customer as the guardrails count it. */
export type TouchKind = z.infer<typeof TouchKindSchema>;

const StepCountSchema = z.object({
  stepId: z.string().max(100),
  occurrence: z.number().int().min(1),
  /** Set when the step referred the invoice to an agency (an agency referral sent or approved). */
  referral: z.literal(true).optional(),
});
const FailureCountSchema = z.object({
  stepId: z.string().max(100),
  occurrence: z.number().int().min(1),
  count: z.number().int().min(1),
  /** Channels on which an attempt failed permanently (an invalid address); sorted. */
  channels: z.array(ChannelKindSchema),
});
const SummaryTouchSchema = z.object({
  /** Epoch milliseconds. */
  at: z.number().int(),
  kind: TouchKindSchema,
  /** For actions, the key the touch is counted under (an action is logged once per outcome). */
  key: z.string().optional(),
});
const ActionRecordSchema = z.object({
  /** The action's idempotency key, or `#` and the activity id when it has none. */
  key: z.string(),
  /** Id of the activity that holds the key's effective outcome. */
  id: z.string(),
  stepId: z.string().max(100),
  occurrence: z.number().int().min(1),
  action: ActionTypeSchema,
  outcome: ActionOutcomeSchema,
  /** Epoch milliseconds. */
  at: z.number().int(),
  channel: ChannelKindSchema.optional(),
  permanent: z.boolean().optional(),
});

/** A step's highest occurrence taken (any outcome but `failed`). */
export type StepCount = z.infer<typeof StepCountSchema>;
/** Failed attempts of one step occurrence. */
export type FailureCount = z.infer<typeof FailureCountSchema>;
/** One counted touch of the customer on this invoice. */
export type SummaryTouch = z.infer<typeof SummaryTouchSchema>;
/** The effective outcome of one action key. */
export type ActionRecord = z.infer<typeof ActionRecordSchema>;

/** What the decision engine needs from an invoice's timeline (see the module comment). */
export const TimelineSummarySchema = z.object({
  /** Number of activities folded in: the summary describes a timeline of exactly this length. */
  entries: z.number().int().min(0),
  /**
   * One record per action key with its effective outcome (see `effectiveActivities`: final
   * outcomes over intermediate ones, then the later instant, then the larger activity id); sorted
   * by key. The state the other fields are derived from when activities are added.
   */
  actions: z.array(ActionRecordSchema),
  /** Per step id, the highest occurrence whose effective outcome is not `failed`; sorted by step id. */
  steps: z.array(StepCountSchema),
  /** Failed attempts per step occurrence; sorted by step id, then occurrence. */
  failures: z.array(FailureCountSchema),
  /** Whether some action's effective outcome is `failed`. */
  anyFailed: z.boolean(),
  /** Whether the timeline holds pauses, disputes, promises or plans (suspensions may move the ladder). */
  suspensions: z.boolean(),
  /** Touches that count towards contact caps (one per action key); newest first. */
  touches: z.array(SummaryTouchSchema),
});
/** What the decision engine needs from an invoice's timeline. */
export type TimelineSummary = z.infer<typeof TimelineSummarySchema>;

/** The summary of an empty timeline. */
export const EMPTY_SUMMARY: TimelineSummary = Object.freeze({
  entries: 0,
  actions: [],
  steps: [],
  failures: [],
  anyFailed: false,
  suspensions: false,
  touches: [],
});

// An action appears on the timeline once per state (queued, then sent): it is one touch, counted
// by its key. Approval alone reaches nobody.
const COUNTED_OUTCOMES: ReadonlySet<string> = new Set(['queued', 'sent']);

/** How final an action outcome is: a later outcome of the same key replaces an earlier one of lower rank. */
export const OUTCOME_RANK: Readonly<Record<ActionOutcome, number>> = {
  queued: 0,
  'awaiting-approval': 0,
  approved: 1,
  sent: 2,
  failed: 2,
  rejected: 2,
  cancelled: 2,
};

/** Whether `next` replaces `kept` as its key's effective outcome; never depends on arrival order. */
function supersedes(next: ActionRecord, kept: ActionRecord): boolean {
  const rank = OUTCOME_RANK[next.outcome] - OUTCOME_RANK[kept.outcome];
  if (rank !== 0) return rank > 0;
  if (next.at !== kept.at) return next.at > kept.at;
  return next.id > kept.id;
}

function recordOf(a: ActionActivity): ActionRecord {
  const r: ActionRecord = {
    key: a.idempotencyKey ?? `#${a.id}`,
    id: a.id,
    stepId: a.stepId,
    occurrence: a.occurrence,
    action: a.action,
    outcome: a.outcome,
    at: Date.parse(a.at),
  };
  if (a.channel !== undefined) r.channel = a.channel;
  if (a.permanent !== undefined) r.permanent = a.permanent;
  return r;
}

/** The touch an action's effective outcome counts as, if any (a call task or a voice message is a call attempt). */
function actionTouch(r: ActionRecord): SummaryTouch | undefined {
  if (!COUNTED_OUTCOMES.has(r.outcome)) return undefined;
  if (r.action === 'call-task') return { at: r.at, kind: 'call-attempt', key: r.key };
  if (!CUSTOMER_FACING_ACTIONS.has(r.action)) return undefined;
  return { at: r.at, kind: r.channel === 'voice' ? 'call-attempt' : 'message', key: r.key };
}

/** The touch any other activity counts as: a call (a conversation when the customer was reached), or a reply. */
function contactTouch(a: Activity): SummaryTouch | undefined {
  if (a.type === 'call') return { at: Date.parse(a.at), kind: a.outcome === 'reached' ? 'conversation' : 'call-attempt' };
  if (a.type === 'delivery' && a.event === 'replied') return { at: Date.parse(a.at), kind: 'conversation' };
  return undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byStep(a: { stepId: string; occurrence: number }, b: { stepId: string; occurrence: number }): number {
  return compareText(a.stepId, b.stepId) || a.occurrence - b.occurrence;
}

/** Newest first; equal instants ordered by kind, then key, so the order never depends on input order. */
function byRecency(a: SummaryTouch, b: SummaryTouch): number {
  return b.at - a.at || compareText(a.kind, b.kind) || compareText(a.key ?? '', b.key ?? '');
}

/** Derives the engine's fields from the action records, keeping the touches of other activities. */
function derive(entries: number, actions: ActionRecord[], suspensions: boolean, contactTouches: SummaryTouch[]): TimelineSummary {
  const steps: StepCount[] = [];
  const failures: FailureCount[] = [];
  const touches = contactTouches;
  for (const r of actions) {
    const touch = actionTouch(r);
    if (touch !== undefined) touches.push(touch);
    if (r.outcome === 'failed') {
      let f = failures.find((x) => x.stepId === r.stepId && x.occurrence === r.occurrence);
      if (f === undefined) failures.push((f = { stepId: r.stepId, occurrence: r.occurrence, count: 0, channels: [] }));
      f.count++;
      if (r.permanent === true && r.channel !== undefined && !f.channels.includes(r.channel)) f.channels.push(r.channel);
      continue;
    }
    let s = steps.find((x) => x.stepId === r.stepId);
    if (s === undefined) steps.push((s = { stepId: r.stepId, occurrence: r.occurrence }));
    else if (r.occurrence > s.occurrence) s.occurrence = r.occurrence;
    if (r.action === 'agency-referral' && (r.outcome === 'sent' || r.outcome === 'approved')) s.referral = true;
  }
  steps.sort(byStep);
  failures.sort(byStep);
  for (const f of failures) f.channels.sort();
  touches.sort(byRecency);
  return { entries, actions, steps, failures, anyFailed: failures.length > 0, suspensions, touches };
}

/**
 * Adds activities to a summary, returning a new summary (the argument is not changed). The
 * result does not depend on the order of the activities, in the call or across calls:
 * `extendSummary(summarizeTimeline(a), b)` deep-equals `summarizeTimeline([...a, ...b])`.
 *
 * @example
 * ```ts
 * // In a storage adapter, when activities are appended to an invoice's timeline:
 * row.summary = extendSummary(row.summary ?? EMPTY_SUMMARY, appended);
 * ```
 */
export function extendSummary(summary: TimelineSummary, activities: readonly Activity[]): TimelineSummary {
  const byKey = new Map<string, ActionRecord>();
  for (const r of summary.actions) byKey.set(r.key, r);
  const contactTouches = summary.touches.filter((t) => t.key === undefined);
  let suspensions = summary.suspensions;
  for (let i = 0; i < activities.length; i++) {
    const a = activities[i]!;
    if (a.type === 'action') {
      const r = recordOf(a);
      const kept = byKey.get(r.key);
      if (kept === undefined || supersedes(r, kept)) byKey.set(r.key, r);
      continue;
    }
    const touch = contactTouch(a);
    if (touch !== undefined) contactTouches.push(touch);
    if (a.type === 'promise' || a.type === 'plan' || (a.type === 'status' && (a.change === 'paused' || a.change === 'dispute-opened')))
      suspensions = true;
  }
  const actions = [...byKey.values()].sort((x, y) => compareText(x.key, y.key));
  return derive(summary.entries + activities.length, actions, suspensions, contactTouches);
}

/**
 * The summary of a whole timeline.
 *
 * @example
 * ```ts
 * const summary = summarizeTimeline(snapshot.activities);
 * summary.steps; // [{ stepId: 'due-date-notice', occurrence: 1 }, { stepId: 'pre-due-reminder', occurrence: 1 }]
 * ```
 */
export function summarizeTimeline(activities: readonly Activity[]): TimelineSummary {
  return extendSummary(EMPTY_SUMMARY, activities);
}

/**
 * The summary `nextAction` uses for a snapshot: `snapshot.summary` when it covers exactly the
 * snapshot's activities (the same number of entries), otherwise one folded from the activities.
 *
 * @example
 * ```ts
 * summaryOf({ activities, summary: undefined }).entries === activities.length; // true
 * ```
 */
export function summaryOf(snapshot: {
  readonly activities: readonly Activity[];
  readonly summary?: TimelineSummary | undefined;
}): TimelineSummary {
  const given = snapshot.summary;
  return given !== undefined && given.entries === snapshot.activities.length ? given : summarizeTimeline(snapshot.activities);
}

/**
 * Whether two summaries say the same (both canonical, as every function here returns them).
 *
 * @example
 * ```ts
 * sameSummary(summarizeTimeline([b, a]), summarizeTimeline([a, b])); // true
 * ```
 */
export function sameSummary(a: TimelineSummary, b: TimelineSummary): boolean {
  return sameJson(a, b);
}

/** Deep equality of JSON-like values, ignoring key order; an absent key equals `undefined`. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameJson(ra[k], rb[k])) return false;
  return true;
}
