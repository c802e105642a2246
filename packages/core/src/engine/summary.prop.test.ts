import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '@dueflow/testing/arbitraries';
import { ValidationError } from '../errors.js';
import type { Activity } from '../model/activity.js';
import { compilePolicy } from '../model/policy.js';
import type { StepTrace } from './decision.js';
import { nextAction } from './next-action.js';
import { parseSnapshot } from './snapshot.js';
import { EMPTY_SUMMARY, extendSummary, sameSummary, summarizeTimeline } from './summary.js';

/** A permutation of `items` driven by `keys` (one sort key per item, ties kept in order). */
function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

const arbCase = arbScenario().chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    keys: fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
    cut: fc.nat(),
    at: fc.integer({ min: -3, max: 40 }),
  }),
);

describe('timeline summary', () => {
  it('does not depend on the order of the activities, nor on how they were added', () => {
    fc.assert(
      fc.property(arbCase, ({ scenario, keys, cut }) => {
        const activities = parseSnapshot(scenario.snapshot).activities;
        const whole = summarizeTimeline(activities);
        const shuffled = permute(activities, keys);
        const split = cut % (shuffled.length + 1);
        const incremental = extendSummary(summarizeTimeline(shuffled.slice(0, split)), shuffled.slice(split));
        const oneByOne = shuffled.reduce((s, a) => extendSummary(s, [a]), EMPTY_SUMMARY);
        expect(incremental).toEqual(whole);
        expect(oneByOne).toEqual(whole);
        expect(sameSummary(incremental, whole)).toBe(true);
        expect(whole.entries).toBe(activities.length);
      }),
      { numRuns: 80 },
    );
  });

  it('gives nextAction the same decision and trace as folding the timeline itself', () => {
    fc.assert(
      fc.property(arbCase, ({ scenario, at }) => {
        const policy = compilePolicy(scenario.policyInput);
        const bare = parseSnapshot(scenario.snapshot);
        const kept = parseSnapshot({ ...scenario.snapshot, summary: summarizeTimeline(bare.activities) });
        const now = scenario.now + at * 3_600_000;
        const traceA: StepTrace[] = [];
        const traceB: StepTrace[] = [];
        expect(nextAction(kept, now, policy, { trace: traceA })).toEqual(nextAction(bare, now, policy, { trace: traceB }));
        expect(traceA).toEqual(traceB);
      }),
      { numRuns: 80 },
    );
  });

  it('is ignored when it covers a different number of activities than the snapshot holds', () => {
    fc.assert(
      fc.property(arbCase, ({ scenario }) => {
        const policy = compilePolicy(scenario.policyInput);
        const bare = parseSnapshot(scenario.snapshot);
        // A stale summary (of an empty timeline) next to a longer timeline must not be trusted.
        if (bare.activities.length === 0) return;
        const stale = { ...bare, summary: EMPTY_SUMMARY };
        expect(nextAction(stale, scenario.now, policy)).toEqual(nextAction(bare, scenario.now, policy));
      }),
      { numRuns: 40 },
    );
  });
});

describe('summarizeTimeline', () => {
  const at = (h: number): string => new Date(Date.UTC(2026, 2, 2, h)).toISOString();
  const action = (
    id: string,
    key: string,
    stepId: string,
    outcome: 'queued' | 'sent' | 'failed',
    h: number,
    extra: Partial<Activity> = {},
  ): Activity =>
    ({
      id,
      type: 'action',
      at: at(h),
      invoiceId: 'i1',
      customerId: 'c1',
      actor: { type: 'system' },
      idempotencyKey: key,
      stepId,
      occurrence: 1,
      action: 'message',
      channel: 'email',
      outcome,
      ...extra,
    }) as Activity;

  it('reads one outcome per action key: a queued message that then failed is a failure, not a step taken', () => {
    const summary = summarizeTimeline([
      action('a1', 'i1:overdue-7:1', 'overdue-7', 'queued', 9),
      action('a2', 'i1:overdue-7:1', 'overdue-7', 'failed', 10, { permanent: true } as Partial<Activity>),
    ]);
    expect(summary.steps).toEqual([]);
    expect(summary.failures).toEqual([{ stepId: 'overdue-7', occurrence: 1, count: 1, channels: ['email'] }]);
    expect(summary.anyFailed).toBe(true);
    expect(summary.touches).toEqual([]);
  });

  it('counts a message queued then sent as one touch, at the later instant, and the step as taken', () => {
    const summary = summarizeTimeline([action('a2', 'k', 'due-date', 'sent', 11), action('a1', 'k', 'due-date', 'queued', 9)]);
    expect(summary.steps).toEqual([{ stepId: 'due-date', occurrence: 1 }]);
    expect(summary.touches).toEqual([{ at: Date.parse(at(11)), kind: 'message', key: 'k' }]);
  });

  it('is rejected by parseSnapshot when it does not match the activities, naming the field', () => {
    const activities = [action('a1', 'k', 'due-date', 'sent', 11)];
    const snapshot = {
      invoice: {
        id: 'i1',
        customerId: 'c1',
        number: 'INV-1',
        issueDate: '2026-02-01',
        dueDate: '2026-03-01',
        total: { amount: 10_000, currency: 'USD' },
        status: 'open',
      },
      customer: { id: 'c1', name: 'Acme', timeZone: 'UTC', contacts: [] },
      activities,
    };
    expect(parseSnapshot({ ...snapshot, summary: summarizeTimeline(activities) }).summary?.steps).toHaveLength(1);
    const error = (() => {
      try {
        parseSnapshot({ ...snapshot, summary: { ...summarizeTimeline(activities), steps: [] } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.some((i) => i.path.join('.') === 'summary')).toBe(true);
  });
});
