/**
 * Arbitraries for ladders: valid `LadderInput`s with every kind of step.
 *
 * @module
 */
import fc from 'fast-check';
import type { ChannelKind, LadderInput, StepInput, Tone } from '@dueflow/core';
import { SAMPLE_CURRENCIES } from './money.js';
import { sometimes } from './sometimes.js';

/**
 * Segment ids the arbitraries draw from, so conditions, overrides and customers meet.
 *
 * @example
 * ```ts
 * SAMPLE_SEGMENTS.includes('standard'); // true (the policy's default segment)
 * ```
 */
export const SAMPLE_SEGMENTS: readonly string[] = ['standard', 'vip', 'smb', 'enterprise', 'public-sector'];

const CHANNELS: readonly ChannelKind[] = ['email', 'sms', 'voice', 'letter', 'webhook'];
const TONES: readonly Tone[] = ['partnership', 'friendly', 'neutral', 'firm', 'final'];
const WORDS = ['remind', 'notice', 'nudge', 'call', 'alert', 'hold', 'letter', 'refer', 'ping', 'final'];

/**
 * A non-empty list of distinct channels, in a random order of preference.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbChannels(), (cs) => cs.length > 0 && new Set(cs).size === cs.length));
 * ```
 */
export function arbChannels(): fc.Arbitrary<ChannelKind[]> {
  return fc.shuffledSubarray([...CHANNELS], { minLength: 1 });
}

/**
 * A message tone.
 *
 * @example
 * ```ts
 * fc.sample(arbTone(), 1); // e.g. ['firm']
 * ```
 */
export function arbTone(): fc.Arbitrary<Tone> {
  return fc.constantFrom(...TONES);
}

const arbTemplate = fc.constantFrom('reminder.pre-due', 'notice.due', 'notice.overdue', 'notice.final', 'custom.a', 'custom.b');

/**
 * What a step does: any of the action types (messages, tasks, alerts, holds, letters,
 * referrals, webhooks, offers, percentage late fees and interest under every convention), with channels,
 * templates and tones where they apply, sometimes left to the schema defaults.
 *
 * @example
 * ```ts
 * fc.sample(arbStepAction(), 1); // e.g. [{ type: 'message', channels: ['sms', 'email'], template: 'custom.a', tone: 'firm' }]
 * ```
 */
export function arbStepAction(): fc.Arbitrary<StepInput['action']> {
  return fc.oneof(
    {
      arbitrary: fc.record(
        { type: fc.constant('message' as const), channels: arbChannels(), template: arbTemplate, tone: arbTone() },
        { requiredKeys: ['type', 'template'] },
      ),
      weight: 5,
    },
    { arbitrary: fc.record({ type: fc.constant('call-task' as const), tone: arbTone() }, { requiredKeys: ['type'] }), weight: 1 },
    { arbitrary: fc.constant({ type: 'account-manager-alert' as const }), weight: 1 },
    { arbitrary: fc.constant({ type: 'credit-hold' as const }), weight: 1 },
    {
      arbitrary: fc.record({ type: fc.constant('demand-letter' as const), channels: arbChannels() }, { requiredKeys: ['type'] }),
      weight: 1,
    },
    { arbitrary: fc.constant({ type: 'agency-referral' as const }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant('webhook' as const), event: fc.constantFrom('invoice.overdue', 'crm.task') }), weight: 1 },
    {
      arbitrary: fc.record(
        {
          type: fc.constant('offer' as const),
          offer: fc.constantFrom('payment-plan' as const, 'early-payment-discount' as const),
          channels: arbChannels(),
        },
        { requiredKeys: ['type', 'offer'] },
      ),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('late-fee' as const),
        // Only the percent fee applies to every currency: the fixed, EU and UK fees throw for invoices they do not cover.
        fee: fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('interest' as const),
        interest: fc.oneof(
          fc.record({
            kind: fc.constant('rate' as const),
            annualBasisPoints: fc.integer({ min: 0, max: 100_000 }),
            dayCount: fc.constantFrom('ACT/365' as const, 'ACT/360' as const, '30/360' as const),
          }),
          fc.record({ kind: fc.constant('eu-late-payment' as const), referenceRateBasisPoints: fc.integer({ min: -1000, max: 10_000 }) }),
          fc.record({ kind: fc.constant('uk-late-payment' as const), baseRateBasisPoints: fc.integer({ min: -1000, max: 10_000 }) }),
        ),
      }),
      weight: 1,
    },
  );
}

/**
 * Step conditions: a minimum outstanding balance in some currencies, segments the step is
 * limited to, or segments it excludes.
 *
 * @example
 * ```ts
 * fc.sample(arbStepConditions(), 1); // e.g. [{ minOutstanding: { USD: 50000 } }]
 * ```
 */
export function arbStepConditions(): fc.Arbitrary<NonNullable<StepInput['conditions']>> {
  return fc.record(
    {
      minOutstanding: fc.dictionary(fc.constantFrom(...SAMPLE_CURRENCIES), fc.integer({ min: 0, max: 5_000_000 }), { maxKeys: 3 }),
      segments: fc.subarray([...SAMPLE_SEGMENTS], { minLength: 1 }),
      exceptSegments: fc.subarray([...SAMPLE_SEGMENTS], { minLength: 1 }),
    },
    { requiredKeys: [] },
  );
}

/** Options of {@link arbLadder}. */
export interface ArbLadderOptions {
  /**
   * Ladder id.
   * @default 'ladder'
   */
  readonly id?: string;
  /**
   * Fewest steps.
   * @default 1
   */
  readonly minSteps?: number;
  /**
   * Most steps.
   * @default 10
   */
  readonly maxSteps?: number;
}

const arbStep = (index: number): fc.Arbitrary<StepInput> =>
  fc
    .record(
      {
        word: fc.constantFrom(...WORDS),
        anchor: fc.constantFrom('due' as const, 'due' as const, 'due' as const, 'issue' as const),
        offsetDays: fc.oneof(fc.integer({ min: -14, max: 90 }), fc.integer({ min: -3650, max: 3650 })),
        action: arbStepAction(),
        conditions: sometimes(arbStepConditions(), 4),
        requiresApproval: sometimes(fc.boolean(), 3),
        repeat: sometimes(
          fc.record(
            { everyDays: fc.integer({ min: 1, max: 30 }), maxOccurrences: fc.integer({ min: 1, max: 10 }) },
            { requiredKeys: ['everyDays'] },
          ),
          4,
        ),
      },
      { requiredKeys: ['word', 'offsetDays', 'action'] },
    )
    .map(({ word, ...rest }) => {
      const step: StepInput = { id: `${word}-${index}`, name: `${word} ${index}`, offsetDays: rest.offsetDays, action: rest.action };
      if (rest.anchor !== undefined) step.anchor = rest.anchor;
      if (rest.conditions !== undefined) step.conditions = rest.conditions;
      if (rest.requiresApproval !== undefined) step.requiresApproval = rest.requiresApproval;
      if (rest.repeat !== undefined) step.repeat = rest.repeat;
      return step;
    });

/**
 * A valid ladder of 1-10 steps: mixed anchors (mostly the due date), negative and positive
 * offsets (mostly within -14..90 days, sometimes up to ten years), every action type, repeats
 * with and without a cap, conditions and approval flags. Steps are usually in offset order,
 * as people write them, and sometimes not (which is still a valid ladder).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbLadder(), (ladder) => {
 *   compilePolicy({ ladders: [ladder] }); // never throws
 * }));
 * ```
 */
export function arbLadder(options: ArbLadderOptions = {}): fc.Arbitrary<LadderInput> {
  const id = options.id ?? 'ladder';
  const min = options.minSteps ?? 1;
  const max = options.maxSteps ?? 10;
  return fc.tuple(fc.integer({ min, max }), fc.boolean()).chain(([count, sorted]) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => arbStep(i))).map((steps) => {
      const ordered = sorted ? [...steps].sort((a, b) => a.offsetDays - b.offsetDays) : steps;
      return { id, name: `Ladder ${id}`, steps: ordered };
    }),
  );
}
