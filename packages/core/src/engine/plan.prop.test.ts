import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '@dueflow/testing/arbitraries';
import { runWithoutPayment } from '@dueflow/testing';
import { compilePolicy } from '../model/policy.js';
import { plan } from './plan.js';
import { parseSnapshot } from './snapshot.js';

const DAY = 86_400_000;

describe('plan', () => {
  it('lists the same actions, at the same instants, as stepping nextAction forward independently', () => {
    fc.assert(
      fc.property(arbScenario({ maxMoves: 4 }), ({ policyInput, snapshot, now }) => {
        const policy = compilePolicy(policyInput);
        const s = parseSnapshot(snapshot);
        const planned = plan(s, now, policy, { until: now + 200 * DAY, maxActions: 30 });
        const run = runWithoutPayment(s, now, policy, { horizonDays: 200, maxDecisions: 400 });
        const ours = run.acts.slice(0, 30).map((a) => [new Date(a.at).toISOString(), a.decision.idempotencyKey]);
        expect(planned.actions.map((a) => [a.at, a.decision.idempotencyKey])).toEqual(ours);
        if (planned.actions.length < 30) expect(planned.last.kind).toBe(run.last.kind);
      }),
      { numRuns: 50 },
    );
  });
});
