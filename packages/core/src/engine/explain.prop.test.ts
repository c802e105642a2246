import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '@dueflow/testing/arbitraries';
import { compilePolicy } from '../model/policy.js';
import { explain, explainDecision } from './explain.js';
import { parseSnapshot } from './snapshot.js';

describe('explanations of any decision', () => {
  it('trace each ladder step at most once, in ladder order, and render every reason as a line', () => {
    fc.assert(
      fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
        const { decision, steps, text } = explainDecision(parseSnapshot(snapshot), now, compilePolicy(policyInput));
        const indices = steps.map((s) => s.index);
        expect(indices).toEqual([...indices].sort((a, b) => a - b));
        expect(new Set(indices).size).toBe(indices.length);
        expect(new Set(steps.map((s) => s.stepId)).size).toBe(steps.length);
        expect(steps.filter((s) => s.status === 'due').length).toBeLessThanOrEqual(1);
        const plain = explain(decision);
        expect(plain.split('\n')).toHaveLength(decision.reasons.length + 1);
        expect(text.startsWith(plain)).toBe(true);
        if (decision.kind === 'act') expect(plain).toContain(`(${decision.step.id})`);
        for (const s of steps) expect(text).toContain(`(${s.stepId}) on ${s.date}: ${s.status}`);
      }),
      { numRuns: 60 },
    );
  });
});
