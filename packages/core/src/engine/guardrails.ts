/**
 * Guardrails: contact caps across a customer's invoices, quiet days after a conversation, and
 * the `us-consumer` profile (Regulation F's call presumption). Enforced by `nextAction` before it
 * acts; the runtime checks again at dispatch.
 *
 * @module
 */
import type { Activity } from '../model/activity.js';
import type { Guardrails } from '../model/policy.js';
import type { ChannelKind } from '../model/primitives.js';
import type { Snapshot } from './snapshot.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Regulation F: call attempts per debt in 7 days before the presumption of harassment. */
export const REG_F_MAX_CALL_ATTEMPTS = 7;

/** A touch with the customer, as the guardrails count it. */
interface Touch {
  readonly at: number;
  readonly kind: 'message' | 'call-attempt' | 'conversation';
  readonly sameInvoice: boolean;
}

const CUSTOMER_FACING_ACTIONS = new Set<string>(['message', 'demand-letter', 'offer', 'promise-reminder', 'promise-follow-up', 'installment-reminder']);
// An action appears on the timeline once per state (queued, then sent): it is one touch, counted
// by its key. Approval alone reaches nobody.
const COUNTED_OUTCOMES = new Set<string>(['queued', 'sent']);

function touchOf(a: Activity): Touch | undefined {
  switch (a.type) {
    case 'action':
      if (a.action === 'call-task') return COUNTED_OUTCOMES.has(a.outcome) ? { at: Date.parse(a.at), kind: 'call-attempt', sameInvoice: true } : undefined;
      if (!CUSTOMER_FACING_ACTIONS.has(a.action) || !COUNTED_OUTCOMES.has(a.outcome)) return undefined;
      return { at: Date.parse(a.at), kind: a.channel === 'voice' ? 'call-attempt' : 'message', sameInvoice: true };
    case 'call':
      return { at: Date.parse(a.at), kind: a.outcome === 'reached' ? 'conversation' : 'call-attempt', sameInvoice: true };
    case 'delivery':
      return a.event === 'replied' ? { at: Date.parse(a.at), kind: 'conversation', sameInvoice: true } : undefined;
    default:
      return undefined;
  }
}

/**
 * Every touch that counts, newest window only: this invoice's own timeline plus the customer's
 * touches on its other invoices (`recentContacts` entries about this invoice are ignored, the
 * timeline being authoritative for it).
 */
function touches(snapshot: Snapshot, since: number): Touch[] {
  const out: Touch[] = [];
  let actions: Map<string, Touch> | undefined;
  for (const a of snapshot.activities) {
    const t = touchOf(a);
    if (t === undefined || t.at <= since) continue;
    if (a.type === 'action') {
      const key = a.idempotencyKey ?? `${a.stepId}:${a.occurrence}:${a.id}`;
      const seen = (actions ??= new Map()).get(key);
      if (seen === undefined || t.at > seen.at) actions.set(key, t);
    } else out.push(t);
  }
  if (actions !== undefined) for (const t of actions.values()) out.push(t);
  const invoiceId = snapshot.invoice.id;
  for (const c of snapshot.recentContacts) {
    if (c.invoiceId === invoiceId) continue;
    const at = Date.parse(c.at);
    if (at > since) out.push({ at, kind: c.kind, sameInvoice: false });
  }
  return out;
}

/** Which guardrail holds an action back, and until when (epoch ms). */
export interface GuardrailBlock {
  readonly until: number;
  readonly rule: 'max-per-day' | 'max-per-week' | 'quiet-after-conversation' | 'reg-f-call-attempts' | 'reg-f-after-conversation';
}

/** The time at which the `limit`-th most recent touch leaves a window of `span` ms. */
function releaseTime(times: number[], limit: number, span: number): number {
  times.sort((a, b) => b - a);
  return times[limit - 1]! + span;
}

/**
 * Checks an intended customer-facing action against the guardrails. Returns `undefined` when it
 * may go, or the rule that blocks it and when it will next be allowed (always after `nowMs`).
 *
 * @example
 * ```ts
 * checkGuardrails(snapshot, Date.now(), 'sms', false, policy.source.guardrails); // undefined, or { rule: 'max-per-day', until }
 * ```
 */
export function checkGuardrails(
  snapshot: Snapshot,
  nowMs: number,
  channel: ChannelKind | undefined,
  isCall: boolean,
  rules: Guardrails,
  /** Reminders the customer agreed to (promise and installment reminders) are not held back by the quiet period after a conversation. */
  agreed = false,
): GuardrailBlock | undefined {
  const list = touches(snapshot, nowMs - WEEK);
  if (list.length === 0) return undefined;
  let block: GuardrailBlock | undefined;
  const hold = (until: number, rule: GuardrailBlock['rule']): void => {
    if (until > nowMs && (block === undefined || until > block.until)) block = { until, rule };
  };
  const call = isCall || channel === 'voice';
  if (!call) {
    const day: number[] = [];
    const week: number[] = [];
    for (const t of list) {
      if (t.kind !== 'message') continue;
      week.push(t.at);
      if (t.at > nowMs - DAY) day.push(t.at);
    }
    if (day.length >= rules.maxPerDay) hold(releaseTime(day, rules.maxPerDay, DAY), 'max-per-day');
    if (week.length >= rules.maxPerWeek) hold(releaseTime(week, rules.maxPerWeek, WEEK), 'max-per-week');
  }
  const quiet = rules.quietDaysAfterConversation * DAY;
  let lastConversation = -Infinity;
  let lastConversationHere = -Infinity;
  for (const t of list) {
    if (t.kind !== 'conversation') continue;
    if (t.at > lastConversation) lastConversation = t.at;
    if (t.sameInvoice && t.at > lastConversationHere) lastConversationHere = t.at;
  }
  if (!agreed && quiet > 0 && lastConversation + quiet > nowMs) hold(lastConversation + quiet, 'quiet-after-conversation');
  if (rules.profile === 'us-consumer' && call) {
    const attempts: number[] = [];
    for (const t of list) if (t.sameInvoice && (t.kind === 'call-attempt' || t.kind === 'conversation')) attempts.push(t.at);
    if (attempts.length >= REG_F_MAX_CALL_ATTEMPTS) hold(releaseTime(attempts, REG_F_MAX_CALL_ATTEMPTS, WEEK), 'reg-f-call-attempts');
    if (lastConversationHere + WEEK > nowMs) hold(lastConversationHere + WEEK, 'reg-f-after-conversation');
  }
  return block;
}
