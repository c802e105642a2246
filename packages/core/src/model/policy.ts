/**
 * Policy: everything a user configures about collection, validated as a whole.
 *
 * `compilePolicy` validates the input (throwing a `ValidationError` that names every bad field
 * and value), checks cross-references, and precomputes what the engine evaluates per invoice.
 *
 * @module
 */
import { z } from 'zod';
import { strictObject } from './strict-object.js';
import { compileCalendar, type CompiledCalendar } from '../calendar/business-calendar.js';
import { ZoneCache } from '../calendar/zone.js';
import { ConfigError } from '../errors.js';
import { parseWith } from '../validate.js';
import { PerCurrencyAmountsSchema } from './money.js';
import { CUSTOMER_FACING_ACTIONS } from './customer-facing.js';
import { DEFAULT_LADDER, LadderSchema, SlugSchema, type Ladder, type Step } from './ladder.js';
import { CalendarDateSchema, ChannelKindSchema, TimeZoneSchema, ToneSchema, type ChannelKind } from './primitives.js';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM');

/** Working days, holidays and the send window. */
export const CalendarSchema = strictObject({
  /** The business's own zone: internal actions (alerts, credit holds) follow it. */
  timeZone: TimeZoneSchema.default('UTC'),
  /** ISO weekdays that are working days (1 = Monday ... 7 = Sunday). */
  businessDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  holidays: z.array(CalendarDateSchema).default([]),
  /** Local window in which customer-facing messages may go out, in the contact's zone. */
  sendWindow: strictObject({ start: ClockSchema, end: ClockSchema }).default({ start: '09:00', end: '17:00' }),
}).superRefine((cal, ctx) => {
  if (cal.sendWindow.start >= cal.sendWindow.end) {
    ctx.addIssue({
      code: 'custom',
      path: ['sendWindow', 'end'],
      message: `must be after start ${cal.sendWindow.start}`,
      input: cal.sendWindow.end,
    });
  }
});
/** Working days, holidays and the send window. */
export type Calendar = z.infer<typeof CalendarSchema>;

/** A per-segment change to one step of the base ladder. */
export const StepOverrideSchema = strictObject({
  step: SlugSchema,
  shiftDays: z.number().int().min(-365).max(365).optional(),
  skip: z.boolean().optional(),
  tone: ToneSchema.optional(),
  template: z.string().min(1).max(200).optional(),
  channels: z.array(ChannelKindSchema).min(1).optional(),
  copyAccountManager: z.boolean().optional(),
  requiresApproval: z.boolean().optional(),
});
/** A per-segment change to one step of the base ladder. */
export type StepOverride = z.infer<typeof StepOverrideSchema>;

const PerCurrencySchema = PerCurrencyAmountsSchema;

/**
 * Conditions over customer and invoice features. Every condition given must hold; an empty
 * object matches everyone. Payment-history conditions read the snapshot's `customerStats` and
 * fail when the stats are absent.
 */
export const SegmentConditionsSchema = strictObject({
  /** Customer tier is one of these. */
  tiers: z.array(z.string().max(64)).min(1).optional(),
  /** Customer has at least one of these tags. */
  tagsAny: z.array(z.string().max(64)).min(1).optional(),
  /** Customer has all of these tags. */
  tagsAll: z.array(z.string().max(64)).min(1).optional(),
  /** Annual revenue at least this much, per currency in minor units. */
  minAnnualRevenue: PerCurrencySchema.optional(),
  /** Days since `customer.since` (customers without `since` have unknown tenure and fail). */
  tenureDays: strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).optional(),
  /** Invoice total within bounds, per currency in minor units. */
  invoiceAmount: strictObject({ min: PerCurrencySchema.optional(), max: PerCurrencySchema.optional() }).optional(),
  /** Mean days late over the settled invoices in `customerStats`, with at least `minInvoices` of them. */
  averageDaysLate: strictObject({
    min: z.number().min(0).optional(),
    max: z.number().min(0).optional(),
    minInvoices: z.number().int().min(1).default(3),
  }).optional(),
  /** Share of settled invoices paid late (0-1), with at least `minInvoices` of them. */
  lateShare: strictObject({
    min: z.number().min(0).max(1).optional(),
    max: z.number().min(0).max(1).optional(),
    minInvoices: z.number().int().min(1).default(3),
  }).optional(),
  /** Number of settled invoices. */
  settledInvoices: strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).optional(),
  brokenPromises: strictObject({ min: z.number().int().min(0) }).optional(),
  openDisputes: strictObject({ min: z.number().int().min(0) }).optional(),
});
/** Conditions over customer and invoice features. */
export type SegmentConditions = z.infer<typeof SegmentConditionsSchema>;

/** A named segment: who is in it, and how they are treated. */
export const SegmentSchema = strictObject({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  /** Who is in the segment; absent for a catch-all. Rules are tried in order; the first match wins. */
  when: SegmentConditionsSchema.optional(),
  /** Ladder for this segment; the policy's default ladder when absent. */
  ladder: SlugSchema.optional(),
  /** Tone used for every message step of the segment unless a step override says otherwise. */
  tone: ToneSchema.optional(),
  /** Per-step overrides of the segment's ladder. */
  overrides: z.array(StepOverrideSchema).default([]),
  /** Channels this segment prefers, in order; steps' own channel lists still bound what is allowed. */
  channels: z.array(ChannelKindSchema).min(1).optional(),
});
/** A named segment. */
export type Segment = z.infer<typeof SegmentSchema>;
/** What a user writes for a segment. */
export type SegmentInput = z.input<typeof SegmentSchema>;

/**
 * The default segments, tried in this order: strategic accounts (partnership tone, account
 * manager copied, credit hold and demand letter only after a person's approval, a payment-plan
 * offer at +40), chronic late payers (firm tone; adaptive timing moves their reminders earlier),
 * new customers (friendly tone, credit hold needs approval), and standard (everyone else).
 *
 * @example
 * ```ts
 * compilePolicy({ segments: [...DEFAULT_SEGMENTS] });
 * ```
 */
export const DEFAULT_SEGMENTS: readonly SegmentInput[] = [
  {
    id: 'strategic',
    name: 'Strategic account',
    when: { tiers: ['strategic'] },
    tone: 'partnership',
    overrides: [
      { step: 'overdue-notice', copyAccountManager: true },
      { step: 'call-request', copyAccountManager: true },
      { step: 'credit-hold', requiresApproval: true },
      { step: 'demand-letter', requiresApproval: true, copyAccountManager: true },
    ],
  },
  {
    id: 'chronic-late-payer',
    name: 'Chronic late payer',
    when: { averageDaysLate: { min: 10, minInvoices: 3 } },
    overrides: [{ step: 'overdue-notice', tone: 'firm', channels: ['email', 'sms'] }],
  },
  {
    id: 'new-customer',
    name: 'New customer',
    when: { settledInvoices: { max: 1 } },
    tone: 'friendly',
    overrides: [{ step: 'credit-hold', requiresApproval: true }],
  },
  { id: 'standard', name: 'Standard' },
];

/**
 * Adaptive timing: customers who habitually pay late get their pre-due reminders earlier (and
 * more of them), not louder. Applies when the customer's `customerStats` show at least
 * `minInvoices` settled invoices paid `minAverageDaysLate` days late or more on average.
 */
export const AdaptiveTimingSchema = strictObject({
  enabled: z.boolean().default(true),
  minInvoices: z.number().int().min(1).default(3),
  minAverageDaysLate: z.number().min(0).default(10),
  /** Offsets (days from due, negative) replacing the ladder's pre-due message steps. */
  preDueOffsets: z.array(z.number().int().min(-90).max(-1)).min(1).max(5).default([-14, -3]),
});
/** Adaptive timing settings. */
export type AdaptiveTiming = z.infer<typeof AdaptiveTimingSchema>;

/** Channel costs and effectiveness, and learning from engagement. */
export const ChannelStrategySchema = strictObject({
  /** Cost per message in minor units of one reference currency (only ratios matter). */
  costs: z.record(ChannelKindSchema, z.number().min(0)).default({ email: 0.1, webhook: 0.1, sms: 5, voice: 15, letter: 120 }),
  /** Expected chance (0-1] that a message on the channel leads to payment or a reply. */
  effectiveness: z
    .record(ChannelKindSchema, z.number().gt(0).max(1))
    .default({ email: 0.2, webhook: 0.2, sms: 0.35, voice: 0.3, letter: 0.4 }),
  /**
   * `step`: keep each step's channel order. `cost-effectiveness`: order the step's channels by cost
   * per expected success (cost / effectiveness), cheapest first.
   * @default 'step'
   */
  order: z.enum(['step', 'cost-effectiveness']).default('step'),
  /** Put the contact's preferred channel first when the step allows it. */
  honourPreferred: z.boolean().default(true),
  /** Put the channel with the best engagement score first (see `engagementScore`). */
  learn: strictObject({ enabled: z.boolean().default(true), minMessages: z.number().int().min(1).default(3) }).prefault({}),
});
/** Channel strategy settings. */
export type ChannelStrategy = z.infer<typeof ChannelStrategySchema>;

/** Contact caps and legal profiles, enforced by `nextAction` and again at dispatch. */
export const GuardrailsSchema = strictObject({
  /** Customer-facing messages per customer across all its invoices, in a rolling 24 hours. */
  maxPerDay: z.number().int().min(1).default(1),
  /** Customer-facing messages per customer across all its invoices, in a rolling 7 days. */
  maxPerWeek: z.number().int().min(1).default(3),
  /** No message for this many days after a conversation (a call where someone was reached, a reply). */
  quietDaysAfterConversation: z.number().int().min(0).default(2),
  /**
   * `b2b`: the caps above. `us-consumer`: also Regulation F's call presumption (at most 7 call
   * attempts in 7 days per debt, none within 7 days after a telephone conversation about it)
   * and its 08:00-21:00 local-time window for every communication.
   * @default 'b2b'
   */
  profile: z.enum(['b2b', 'us-consumer']).default('b2b'),
  /** Use the customer's learned best contact hour as the start of its window when inside it. */
  useBestContactHour: z.boolean().default(true),
});
/** Guardrail settings. */
export type Guardrails = z.infer<typeof GuardrailsSchema>;

const MessageSpecSchema = (template: string, tone: 'friendly' | 'neutral' | 'firm') =>
  strictObject({
    channels: z.array(ChannelKindSchema).min(1).default(['email', 'sms']),
    template: z.string().min(1).max(200).default(template),
    tone: ToneSchema.default(tone),
  }).prefault({});

/** Promises to pay: grace, reminders and the follow-up when one is broken. */
export const PromiseSettingsSchema = strictObject({
  /** Days after the promised date before a promise short of its amount counts as broken. */
  graceDays: z.number().int().min(0).max(60).default(2),
  /** Days before the promised date to remind the customer (0: no reminder). */
  reminderDaysBefore: z.number().int().min(0).max(30).default(1),
  reminder: MessageSpecSchema('promise.reminder', 'friendly'),
  followUp: MessageSpecSchema('promise.broken', 'firm'),
});
/** Promise settings. */
export type PromiseSettings = z.infer<typeof PromiseSettingsSchema>;

/** Installment plan reminders. */
export const PlanSettingsSchema = strictObject({
  /** Days before an installment's due date to remind (0: no reminder). */
  reminderDaysBefore: z.number().int().min(0).max(30).default(3),
  /** Remind on the due date itself. */
  remindOnDueDate: z.boolean().default(true),
  upcoming: MessageSpecSchema('plan.installment-upcoming', 'friendly'),
  due: MessageSpecSchema('plan.installment-due', 'neutral'),
  missed: MessageSpecSchema('plan.installment-missed', 'firm'),
});
/** Plan settings. */
export type PlanSettings = z.infer<typeof PlanSettingsSchema>;

/** Write-off early warning: an alert a few days before an invoice reaches the write-off age. */
export const WriteOffWarningSchema = strictObject({
  enabled: z.boolean().default(true),
  /** Whether the age counts from the issue date or the due date. */
  anchor: z.enum(['issue', 'due']).default('due'),
  /** Age at which invoices are written off. */
  ageDays: z.number().int().min(1).max(3650).default(90),
  /** Days before that age to warn. */
  warnDaysBefore: z.number().int().min(0).max(365).default(12),
});
/** Write-off warning settings. */
export type WriteOffWarning = z.infer<typeof WriteOffWarningSchema>;

/** Everything a user configures about collection. */
export const PolicySchema = strictObject({
  ladders: z.array(LadderSchema).min(1).prefault([DEFAULT_LADDER]),
  /** Ladder used when neither the invoice, the customer nor the segment names one. */
  defaultLadder: SlugSchema.optional(),
  calendar: CalendarSchema.prefault({}),
  /** Segment rules, tried in order; the first match wins. Defaults to {@link DEFAULT_SEGMENTS}. */
  segments: z.array(SegmentSchema).prefault(DEFAULT_SEGMENTS as SegmentInput[]),
  /** Segment used when no rule matches and the customer names none. */
  defaultSegment: SlugSchema.default('standard'),
  adaptiveTiming: AdaptiveTimingSchema.prefault({}),
  channels: ChannelStrategySchema.prefault({}),
  guardrails: GuardrailsSchema.prefault({}),
  promises: PromiseSettingsSchema.prefault({}),
  plans: PlanSettingsSchema.prefault({}),
  writeOffWarning: WriteOffWarningSchema.prefault({}),
  /**
   * When several invoices of one customer reach the same step on the same day, send one message
   * listing them all (see `consolidate`).
   * @default true
   */
  consolidate: z.boolean().default(true),
}).superRefine((policy, ctx) => {
  const ids = new Set<string>();
  const unknownLadder = (): string => `names no ladder of the policy (${listLadderIds(policy.ladders)})`;
  policy.ladders.forEach((ladder, i) => {
    if (ids.has(ladder.id)) ctx.addIssue({ code: 'custom', path: ['ladders', i, 'id'], message: 'duplicate ladder id', input: ladder.id });
    ids.add(ladder.id);
  });
  if (policy.defaultLadder !== undefined && !ids.has(policy.defaultLadder)) {
    ctx.addIssue({ code: 'custom', path: ['defaultLadder'], message: unknownLadder(), input: policy.defaultLadder });
  }
  const segmentIds = new Set<string>();
  policy.segments.forEach((segment, i) => {
    if (segmentIds.has(segment.id))
      ctx.addIssue({ code: 'custom', path: ['segments', i, 'id'], message: 'duplicate segment id', input: segment.id });
    segmentIds.add(segment.id);
    if (segment.ladder !== undefined && !ids.has(segment.ladder)) {
      ctx.addIssue({ code: 'custom', path: ['segments', i, 'ladder'], message: unknownLadder(), input: segment.ladder });
    }
  });
});
/** Names the ladders a reference may point at, with their paths, for cross-reference errors. */
function listLadderIds(ladders: readonly { readonly id: string }[]): string {
  const shown = ladders.slice(0, 8).map((ladder, i) => `ladders[${i}].id ${JSON.stringify(ladder.id)}`);
  const more = ladders.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** Everything a user configures about collection (validated, defaults applied). */
export type Policy = z.infer<typeof PolicySchema>;
/** What a user writes to configure collection (defaults not yet applied). */
export type PolicyInput = z.input<typeof PolicySchema>;

/** A step as the engine evaluates it, with segment overrides applied. */
export interface CompiledStep {
  readonly index: number;
  readonly step: Step;
  /** Offset after segment shifts and adaptive timing. */
  readonly offsetDays: number;
  readonly requiresApproval: boolean;
  readonly copyAccountManager: boolean;
  /** Set when a segment override skips the step. */
  readonly skipped: boolean;
  /** Set on pre-due reminders placed by adaptive timing. */
  readonly adaptive: boolean;
  /** Internal actions (tasks, alerts, holds) follow the business's zone; the others the customer's. */
  readonly internal: boolean;
}

/** A ladder as the engine evaluates it for one segment. */
export interface CompiledLadder {
  readonly ladder: Ladder;
  readonly segmentId: string | undefined;
  /** Whether adaptive timing rewrote the pre-due reminders. */
  readonly adaptive: boolean;
  /** Whether any step charges money (late fees, interest): those are never superseded. */
  readonly charges: boolean;
  readonly steps: readonly CompiledStep[];
  /** Step index by id. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/** A validated, precomputed policy: the only form `nextAction` accepts. */
export interface CompiledPolicy {
  /** The validated policy, defaults applied. */
  readonly source: Policy;
  readonly calendar: CompiledCalendar;
  readonly defaultLadderId: string;
  /** Segments by id, and in rule order in `source.segments`. */
  readonly segments: ReadonlyMap<string, Segment>;
  /** Whether the policy has a ladder with this id. */
  hasLadder(ladderId: string): boolean;
  /** Resolved ladder for a ladder id, a segment (overrides applied) and adaptive timing. */
  ladderFor(ladderId: string, segmentId: string | undefined, adaptive?: boolean): CompiledLadder | undefined;
  /** Channel order by cost per expected success, cheapest first (ties in declaration order). */
  readonly channelRank: Readonly<Record<ChannelKind, number>>;
  /** Memo of time-zone offsets; only changes the cost of decisions, never their result. */
  readonly zones: ZoneCache;
}

function applyOverride(step: Step, o: StepOverride | undefined, segment: Segment | undefined): Step {
  const tone = o?.tone ?? segment?.tone;
  if (tone === undefined && o?.template === undefined && o?.channels === undefined) return step;
  const action = { ...step.action } as Step['action'];
  if (tone !== undefined && 'tone' in action) action.tone = tone;
  if (o?.template !== undefined && 'template' in action) action.template = o.template;
  if (o?.channels !== undefined && 'channels' in action) action.channels = o.channels;
  return { ...step, action };
}

function isPreDueMessage(step: Step): boolean {
  return step.anchor === 'due' && step.offsetDays < 0 && step.action.type === 'message';
}

function compileLadder(ladder: Ladder, segment: Segment | undefined, adaptive: AdaptiveTiming | undefined): CompiledLadder {
  const overrides = new Map((segment?.overrides ?? []).map((o) => [o.step, o]));
  const steps: CompiledStep[] = [];
  let placedAdaptive = false;
  for (const step of ladder.steps) {
    const o = overrides.get(step.id);
    const base = {
      internal: !CUSTOMER_FACING_ACTIONS.has(step.action.type),
      step: applyOverride(step, o, segment),
      requiresApproval: o?.requiresApproval ?? step.requiresApproval,
      copyAccountManager: o?.copyAccountManager ?? false,
      skipped: o?.skip === true,
    };
    if (adaptive !== undefined && isPreDueMessage(step)) {
      // The first pre-due reminder becomes the adaptive series; later ones are folded into it.
      if (placedAdaptive) continue;
      placedAdaptive = true;
      adaptive.preDueOffsets.forEach((offsetDays, k) => {
        const id = k === 0 ? step.id : `${step.id}.${k + 1}`;
        steps.push({ ...base, index: steps.length, step: { ...base.step, id, offsetDays }, offsetDays, adaptive: true });
      });
      continue;
    }
    steps.push({ ...base, index: steps.length, offsetDays: step.offsetDays + (o?.shiftDays ?? 0), adaptive: false });
  }
  return {
    ladder,
    segmentId: segment?.id,
    adaptive: placedAdaptive,
    charges: steps.some((st) => st.step.action.type === 'late-fee' || st.step.action.type === 'interest'),
    steps,
    indexOf: new Map(steps.map((s) => [s.step.id, s.index])),
  };
}

function rankChannels(strategy: ChannelStrategy): Record<ChannelKind, number> {
  const kinds = ChannelKindSchema.options;
  const score = (k: ChannelKind): number => (strategy.costs[k] ?? 0) / (strategy.effectiveness[k] ?? 0.01);
  const ordered = [...kinds].sort((a, b) => score(a) - score(b) || kinds.indexOf(a) - kinds.indexOf(b));
  return Object.fromEntries(ordered.map((k, i) => [k, i])) as Record<ChannelKind, number>;
}

/**
 * Validates a policy and compiles it for the engine. Throws a `ValidationError` naming every bad
 * field and value, or a `ConfigError` for inconsistent references.
 *
 * @example
 * ```ts
 * const policy = compilePolicy({
 *   calendar: { timeZone: 'America/New_York', holidays: ['2025-12-25'] },
 * }); // the default ladder and segments, Monday-Friday 09:00-17:00
 * ```
 */
export function compilePolicy(input: PolicyInput = {}): CompiledPolicy {
  const parsed = parseWith(PolicySchema, 'policy', input);
  const ladders = new Map(parsed.ladders.map((l) => [l.id, l]));
  const defaultLadderId = parsed.defaultLadder ?? parsed.ladders[0]!.id;
  const userSegments = input.segments !== undefined;
  const segments = new Map<string, Segment>();
  for (const segment of parsed.segments) {
    const ladder = ladders.get(segment.ladder ?? defaultLadderId)!;
    const known = segment.overrides.filter((o) => ladder.steps.some((s) => s.id === o.step));
    if (userSegments && known.length !== segment.overrides.length) {
      const missing = segment.overrides.find((o) => !ladder.steps.some((s) => s.id === o.step))!;
      throw new ConfigError(`segments.${segment.id}.overrides: step "${missing.step}" is not in ladder "${ladder.id}"`);
    }
    // The default segments name the default ladder's steps; with a custom ladder those overrides simply do not apply.
    segments.set(segment.id, known.length === segment.overrides.length ? segment : { ...segment, overrides: known });
  }
  // `source` holds the segments as applied, so compiling `policy.source` again gives the same policy.
  const source: Policy = { ...parsed, segments: [...segments.values()] };
  const adaptive = source.adaptiveTiming.enabled ? source.adaptiveTiming : undefined;
  // Compiled lazily per (ladder, segment, adaptive): most combinations never occur.
  const plain = new Map<string, Map<string, CompiledLadder>>();
  const adapted = new Map<string, Map<string, CompiledLadder>>();
  const ladderFor = (ladderId: string, segmentId: string | undefined, useAdaptive = false): CompiledLadder | undefined => {
    const withAdaptive = useAdaptive && adaptive !== undefined;
    const cache = withAdaptive ? adapted : plain;
    let bySegment = cache.get(ladderId);
    if (bySegment === undefined) {
      if (!ladders.has(ladderId)) return undefined;
      bySegment = new Map();
      cache.set(ladderId, bySegment);
    }
    const key = segmentId ?? '';
    let found = bySegment.get(key);
    if (found === undefined) {
      found = compileLadder(
        ladders.get(ladderId)!,
        segmentId === undefined ? undefined : segments.get(segmentId),
        withAdaptive ? adaptive : undefined,
      );
      bySegment.set(key, found);
    }
    return found;
  };
  let calendar = compileCalendar(source.calendar);
  if (source.guardrails.profile === 'us-consumer') {
    // Regulation F presumes communications outside 08:00-21:00 local time inconvenient.
    calendar = { ...calendar, windowStart: Math.max(calendar.windowStart, 8 * 60), windowEnd: Math.min(calendar.windowEnd, 21 * 60) };
    if (calendar.windowStart >= calendar.windowEnd) {
      throw new ConfigError(
        `calendar.sendWindow: ${source.calendar.sendWindow.start}-${source.calendar.sendWindow.end} does not overlap the us-consumer window 08:00-21:00`,
      );
    }
  }
  return {
    source,
    calendar,
    defaultLadderId,
    segments,
    ladderFor,
    hasLadder: (ladderId: string) => ladders.has(ladderId),
    channelRank: rankChannels(source.channels),
    zones: new ZoneCache(),
  };
}
