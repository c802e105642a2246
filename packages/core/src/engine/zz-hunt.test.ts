import fc from 'fast-check';
import { it } from 'vitest';
import { arbScenario, checkDecisionInvariants } from '@dueflow/testing';
import { compilePolicy } from '../model/policy.js';
import { parseSnapshot } from './snapshot.js';

it('hunt', () => {
  const seen = new Map<string, { msg: string; n: number }>();
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const { policyInput, snapshot, now } of fc.sample(arbScenario(), { numRuns: 500, seed })) {
      const failures = checkDecisionInvariants(parseSnapshot(snapshot), now, compilePolicy(policyInput));
      for (const f of failures) {
        const e = seen.get(f.invariant);
        if (e === undefined) seen.set(f.invariant, { msg: f.message, n: 1 }); else e.n++;
      }
    }
  }
  console.log(JSON.stringify([...seen], null, 1));
}, 600_000);
