import { arbScenario } from '@dueflow/testing/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAction } from '../engine/next-action.js';
import { parseSnapshot } from '../engine/snapshot.js';
import { compilePolicy } from '../model/policy.js';
import { settleSnapshot } from './settle-snapshot.js';

describe('settleSnapshot', () => {
  it('is deterministic, settles once, and hands the engine a valid snapshot', () => {
    fc.assert(
      fc.property(arbScenario(), fc.integer({ min: 0, max: 40 * 86_400_000 }), ({ policyInput, snapshot: input, now }, later) => {
        const policy = compilePolicy(policyInput);
        const snapshot = parseSnapshot(input);
        const first = settleSnapshot(snapshot, now, policy);
        expect(settleSnapshot(snapshot, now, policy)).toEqual(first);
        // What the collector stores is the settled snapshot: settling it again changes nothing.
        const stored = parseSnapshot(first.snapshot);
        const again = settleSnapshot(stored, now + later, policy);
        for (const a of again.activities) expect(first.activities.map((b) => b.id)).not.toContain(a.id);
        expect(again.promises.filter((p) => first.promises.some((q) => q.id === p.id))).toEqual([]);
        expect(again.plans.filter((p) => first.plans.some((q) => q.id === p.id))).toEqual([]);
        expect(() => nextAction(stored, now, policy)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
