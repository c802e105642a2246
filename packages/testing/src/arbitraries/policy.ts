/**
 * Arbitraries for whole policies: ladders, calendars and segments that reference each other.
 *
 * @module
 */
import fc from 'fast-check';
import { DEFAULT_LADDER, type LadderInput, type PolicyInput, type SegmentInput } from '@dueflow/core';
import { arbCalendarDate } from './calendar-date.js';
import { arbChannels, arbLadder, arbTone, SAMPLE_SEGMENTS } from './ladder.js';
import { arbTimeZone } from './time-zone.js';
import { sometimes } from './sometimes.js';

type CalendarInput = NonNullable<PolicyInput['calendar']>;

/**
 * Send windows people rarely test: the whole day, one hour inside the usual spring-forward
 * gap, the last hour before midnight, quarter hours.
 *
 * @example
 * ```ts
 * ODD_SEND_WINDOWS[0]; // { start: '00:00', end: '24:00' }
 * ```
 */
export const ODD_SEND_WINDOWS: readonly { readonly start: string; readonly end: string }[] = [
  { start: '00:00', end: '24:00' },
  { start: '02:00', end: '03:00' },
  { start: '02:30', end: '03:30' },
  { start: '23:00', end: '24:00' },
  { start: '00:00', end: '01:00' },
  { start: '08:30', end: '08:45' },
  { start: '01:30', end: '02:15' },
];

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A send window: usually office hours, often one of {@link ODD_SEND_WINDOWS}, sometimes any
 * quarter-hour window.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbSendWindow(), (w) => w.start < w.end));
 * ```
 */
export function arbSendWindow(): fc.Arbitrary<{ start: string; end: string }> {
  const any = fc
    .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
    .map(([start, length]) => ({ start: clock(start * 15), end: clock(Math.min(96, start + length) * 15) }));
  return fc.oneof(
    { arbitrary: fc.constant({ start: '09:00', end: '17:00' }), weight: 3 },
    { arbitrary: fc.constantFrom(...ODD_SEND_WINDOWS).map((w) => ({ ...w })), weight: 3 },
    { arbitrary: any, weight: 2 },
  );
}

/**
 * A business calendar: a zone (often one with DST), a non-empty set of working weekdays
 * (sometimes including weekends), holidays and a send window.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbCalendarInput(), (calendar) => { compilePolicy({ calendar }); }));
 * ```
 */
export function arbCalendarInput(): fc.Arbitrary<CalendarInput> {
  return fc.record(
    {
      timeZone: arbTimeZone(),
      businessDays: fc.oneof(fc.constant<number[]>([1, 2, 3, 4, 5]), fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 })),
      holidays: fc.array(arbCalendarDate(), { maxLength: 12 }),
      sendWindow: arbSendWindow(),
    },
    { requiredKeys: [] },
  );
}

function arbSegment(id: string, ladders: readonly LadderInput[]): fc.Arbitrary<SegmentInput> {
  return fc
    .record({
      ladderIndex: sometimes(fc.integer({ min: 0, max: ladders.length - 1 }), 2),
      tone: sometimes(arbTone(), 2),
      when: sometimes(
        fc.record(
          {
            tiers: fc.subarray(['strategic', 'enterprise', 'smb'], { minLength: 1 }),
            tagsAny: fc.subarray(['net-terms', 'key-account', 'new'], { minLength: 1 }),
            settledInvoices: fc.record({ max: fc.integer({ min: 0, max: 5 }) }),
          },
          { requiredKeys: [] },
        ),
        2,
      ),
    })
    .chain(({ ladderIndex, tone, when }) => {
      const ladder = ladders[ladderIndex ?? 0]!;
      const override = fc.record(
        {
          step: fc.constantFrom(...ladder.steps.map((s) => s.id)),
          shiftDays: fc.integer({ min: -10, max: 10 }),
          skip: fc.boolean(),
          tone: arbTone(),
          template: fc.constantFrom('segment.custom', 'notice.gentle'),
          channels: arbChannels(),
          copyAccountManager: fc.boolean(),
          requiresApproval: fc.boolean(),
        },
        { requiredKeys: ['step'] },
      );
      return fc.uniqueArray(override, { maxLength: 3, selector: (o) => o.step }).map((overrides): SegmentInput => {
        const segment: SegmentInput = { id, name: `Segment ${id}`, overrides };
        if (ladderIndex !== undefined) segment.ladder = ladder.id;
        if (tone !== undefined) segment.tone = tone;
        if (when !== undefined) segment.when = when;
        return segment;
      });
    });
}

/** Options of {@link arbPolicyInput}. */
export interface ArbPolicyInputOptions {
  /**
   * Most ladders in the policy.
   * @default 3
   */
  readonly maxLadders?: number;
}

/**
 * A valid policy input: one to three ladders (sometimes the default ladder), an optional
 * default ladder, a calendar with holidays and odd send windows, and segments (or, one time in
 * four, the default segments) with rules, and ladders and step overrides that reference
 * ladders and steps that exist. Passing it to `compilePolicy`
 * never throws.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbPolicyInput(), (input) => {
 *   const policy = compilePolicy(input);
 *   return policy.hasLadder(policy.defaultLadderId);
 * }));
 * ```
 */
export function arbPolicyInput(options: ArbPolicyInputOptions = {}): fc.Arbitrary<PolicyInput> {
  const maxLadders = Math.max(1, options.maxLadders ?? 3);
  const ladders = fc
    .tuple(fc.integer({ min: 1, max: maxLadders }), fc.boolean())
    .chain(([count, withDefault]) =>
      fc.tuple(
        ...Array.from({ length: count }, (_, i) =>
          i === 0 && withDefault ? fc.constant(DEFAULT_LADDER) : arbLadder({ id: `ladder-${i}` }),
        ),
      ),
    );
  return fc
    .record({
      ladders,
      calendar: fc.option(arbCalendarInput(), { freq: 5, nil: undefined }),
      segmentIds: fc.option(fc.subarray([...SAMPLE_SEGMENTS], { maxLength: 3 }), { freq: 4, nil: undefined }),
      defaultIndex: sometimes(fc.nat(), 3),
      defaultSegment: sometimes(fc.constantFrom(...SAMPLE_SEGMENTS), 4),
    })
    .chain(({ ladders: ls, calendar, segmentIds, defaultIndex, defaultSegment }) => {
      const defaultLadder = defaultIndex === undefined ? undefined : ls[defaultIndex % ls.length]!;
      // Overrides are checked against the segment's ladder, or the default ladder when it names none.
      const base = defaultLadder === undefined ? ls : [defaultLadder, ...ls.filter((l) => l !== defaultLadder)];
      // Absent segments mean the policy's default segments.
      const segments =
        segmentIds === undefined
          ? fc.constant(undefined)
          : segmentIds.length === 0
            ? fc.constant<SegmentInput[]>([])
            : fc.tuple(...segmentIds.map((id) => arbSegment(id, base)));
      return segments.map((segs): PolicyInput => {
        const policy: PolicyInput = { ladders: ls };
        if (segs !== undefined) policy.segments = segs;
        if (defaultLadder !== undefined) policy.defaultLadder = defaultLadder.id;
        if (calendar !== undefined) policy.calendar = calendar;
        if (defaultSegment !== undefined) policy.defaultSegment = defaultSegment;
        return policy;
      });
    });
}
