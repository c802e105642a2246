/**
 * Policy: everything a user configures about collection, validated as a whole.
 *
 * `compilePolicy` validates the input (throwing a `ValidationError` that names every bad field
 * and value), checks cross-references, and precomputes what the engine evaluates per invoice.
 *
 * @module
 */
import { z } from 'zod';
import { compileCalendar, type CompiledCalendar } from '../calendar/business-calendar.js';
import { ZoneCache } from '../calendar/zone.js';
import { ConfigError } from '../errors.js';
import { parseWith } from '../validate.js';
import { DEFAULT_LADDER, LadderSchema, SlugSchema, type Ladder, type Step } from './ladder.js';
import { CalendarDateSchema, ChannelKindSchema, TimeZoneSchema, ToneSchema } from './primitives.js';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM');

/** Working days, holidays and the send window. */
export const CalendarSchema = z
  .object({
    /** The business's own zone: internal actions (alerts, credit holds) follow it. */
    timeZone: TimeZoneSchema.default('UTC'),
    /** ISO weekdays that are working days (1 = Monday ... 7 = Sunday). */
    businessDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    holidays: z.array(CalendarDateSchema).default([]),
    /** Local window in which customer-facing messages may go out, in the contact's zone. */
    sendWindow: z.object({ start: ClockSchema, end: ClockSchema }).default({ start: '09:00', end: '17:00' }),
  })
  .superRefine((cal, ctx) => {
    if (cal.sendWindow.start >= cal.sendWindow.end) {
      ctx.addIssue({ code: 'custom', path: ['sendWindow', 'end'], message: `must be after start ${cal.sendWindow.start}`, input: cal.sendWindow.end });
    }
  });
/** Working days, holidays and the send window. */
export type Calendar = z.infer<typeof CalendarSchema>;

/** A per-segment change to one step of the base ladder. */
export const StepOverrideSchema = z.object({
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

/** A named segment: who is in it, and how they are treated. */
export const SegmentSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  /** Ladder for this segment; the policy's default ladder when absent. */
  ladder: SlugSchema.optional(),
  /** Tone used for every message step of the segment unless a step override says otherwise. */
  tone: ToneSchema.optional(),
  /** Per-step overrides of the segment's ladder. */
  overrides: z.array(StepOverrideSchema).default([]),
});
/** A named segment. */
export type Segment = z.infer<typeof SegmentSchema>;

/** Everything a user configures about collection. */
export const PolicySchema = z
  .object({
    ladders: z.array(LadderSchema).min(1).prefault([DEFAULT_LADDER]),
    /** Ladder used when neither the invoice, the customer nor the segment names one. */
    defaultLadder: SlugSchema.optional(),
    calendar: CalendarSchema.prefault({}),
    segments: z.array(SegmentSchema).default([]),
    /** Segment used when no rule matches and the customer names none. */
    defaultSegment: SlugSchema.default('standard'),
  })
  .superRefine((policy, ctx) => {
    const ids = new Set<string>();
    policy.ladders.forEach((ladder, i) => {
      if (ids.has(ladder.id)) ctx.addIssue({ code: 'custom', path: ['ladders', i, 'id'], message: 'duplicate ladder id', input: ladder.id });
      ids.add(ladder.id);
    });
    if (policy.defaultLadder !== undefined && !ids.has(policy.defaultLadder)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLadder'], message: 'names no ladder of the policy', input: policy.defaultLadder });
    }
    const segmentIds = new Set<string>();
    policy.segments.forEach((segment, i) => {
      if (segmentIds.has(segment.id)) ctx.addIssue({ code: 'custom', path: ['segments', i, 'id'], message: 'duplicate segment id', input: segment.id });
      segmentIds.add(segment.id);
      if (segment.ladder !== undefined && !ids.has(segment.ladder)) {
        ctx.addIssue({ code: 'custom', path: ['segments', i, 'ladder'], message: 'names no ladder of the policy', input: segment.ladder });
      }
    });
  });
/** Everything a user configures about collection (validated, defaults applied). */
export type Policy = z.infer<typeof PolicySchema>;
/** What a user writes to configure collection (defaults not yet applied). */
export type PolicyInput = z.input<typeof PolicySchema>;

/** A step as the engine evaluates it, with segment overrides applied. */
export interface CompiledStep {
  readonly index: number;
  readonly step: Step;
  /** Offset after segment shifts. */
  readonly offsetDays: number;
  readonly requiresApproval: boolean;
  readonly copyAccountManager: boolean;
  /** Set when a segment override skips the step. */
  readonly skipped: boolean;
}

/** A ladder as the engine evaluates it for one segment. */
export interface CompiledLadder {
  readonly ladder: Ladder;
  readonly segmentId: string | undefined;
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
  readonly segments: ReadonlyMap<string, Segment>;
  /** Whether the policy has a ladder with this id. */
  hasLadder(ladderId: string): boolean;
  /** Resolved ladder for a ladder id and a segment (overrides applied). */
  ladderFor(ladderId: string, segmentId: string | undefined): CompiledLadder | undefined;
  /** Memo of time-zone offsets; only changes the cost of decisions, never their result. */
  readonly zones: ZoneCache;
}

function compileLadder(ladder: Ladder, segment: Segment | undefined): CompiledLadder {
  const overrides = new Map((segment?.overrides ?? []).map((o) => [o.step, o]));
  const steps = ladder.steps.map((step, index): CompiledStep => {
    const o = overrides.get(step.id);
    let resolved: Step = step;
    if (o !== undefined && (o.tone !== undefined || o.template !== undefined || o.channels !== undefined || segment?.tone !== undefined)) {
      const action = { ...step.action } as Step['action'];
      if ('tone' in action) action.tone = o.tone ?? segment?.tone ?? action.tone;
      if (o.template !== undefined && 'template' in action) action.template = o.template;
      if (o.channels !== undefined && 'channels' in action) action.channels = o.channels;
      resolved = { ...step, action };
    } else if (segment?.tone !== undefined && 'tone' in step.action) {
      resolved = { ...step, action: { ...step.action, tone: segment.tone } as Step['action'] };
    }
    return {
      index,
      step: resolved,
      offsetDays: step.offsetDays + (o?.shiftDays ?? 0),
      requiresApproval: o?.requiresApproval ?? step.requiresApproval,
      copyAccountManager: o?.copyAccountManager ?? false,
      skipped: o?.skip === true,
    };
  });
  return { ladder, segmentId: segment?.id, steps, indexOf: new Map(steps.map((s) => [s.step.id, s.index])) };
}

/**
 * Validates a policy and compiles it for the engine. Throws a `ValidationError` naming every bad
 * field and value, or a `ConfigError` for inconsistent references.
 *
 * @example
 * ```ts
 * const policy = compilePolicy({
 *   calendar: { timeZone: 'America/New_York', holidays: ['2025-12-25'] },
 * }); // the default ladder, Monday-Friday 09:00-17:00
 * ```
 */
export function compilePolicy(input: PolicyInput = {}): CompiledPolicy {
  const source = parseWith(PolicySchema, 'policy', input);
  const ladders = new Map(source.ladders.map((l) => [l.id, l]));
  const segments = new Map(source.segments.map((s) => [s.id, s]));
  for (const segment of source.segments) {
    const ladder = ladders.get(segment.ladder ?? source.defaultLadder ?? source.ladders[0]!.id)!;
    for (const o of segment.overrides) {
      if (!ladder.steps.some((s) => s.id === o.step)) {
        throw new ConfigError(`segments.${segment.id}.overrides: step "${o.step}" is not in ladder "${ladder.id}"`);
      }
    }
  }
  // Compiled lazily per (ladder, segment): segments may name any ladder, and most pairs never occur.
  const compiled = new Map<string, Map<string, CompiledLadder>>();
  const ladderFor = (ladderId: string, segmentId: string | undefined): CompiledLadder | undefined => {
    let bySegment = compiled.get(ladderId);
    if (bySegment === undefined) {
      if (!ladders.has(ladderId)) return undefined;
      bySegment = new Map();
      compiled.set(ladderId, bySegment);
    }
    const segmentKey = segmentId ?? '';
    let found = bySegment.get(segmentKey);
    if (found === undefined) {
      found = compileLadder(ladders.get(ladderId)!, segmentId === undefined ? undefined : segments.get(segmentId));
      bySegment.set(segmentKey, found);
    }
    return found;
  };
  return {
    source,
    calendar: compileCalendar(source.calendar),
    defaultLadderId: source.defaultLadder ?? source.ladders[0]!.id,
    segments,
    ladderFor,
    hasLadder: (ladderId: string) => ladders.has(ladderId),
    zones: new ZoneCache(),
  };
}
