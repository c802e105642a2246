import fc from 'fast-check';
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { arbScenario, checkDecisionInvariants } from '@dueflow/testing';
import { compilePolicy } from '../model/policy.js';
import { parseSnapshot } from './snapshot.js';
import { nextAction } from './next-action.js';

it('hunt', () => {
  const found: unknown[] = [];
  const counts = new Map<string, number>();
  for (const seed of [11, 12, 13]) {
    for (const sc of fc.sample(arbScenario(), { numRuns: 400, seed })) {
      const s = parseSnapshot(sc.snapshot); const p = compilePolicy(sc.policyInput);
      const failures = checkDecisionInvariants(s, sc.now, p);
      const plain = nextAction(s, sc.now, p); const traced = nextAction(s, sc.now, p, { trace: [] });
      const strip = (d: typeof plain) => JSON.stringify({ ...d, reasons: d.reasons.filter((r) => r.code !== 'superseded') });
      if (strip(plain) !== strip(traced)) failures.push({ invariant: 'trace', message: strip(plain) + '\n VS \n' + strip(traced) });
      for (const f of failures) {
        counts.set(f.invariant, (counts.get(f.invariant) ?? 0) + 1);
        if ((counts.get(f.invariant) ?? 0) <= 3) found.push({ f, sc });
      }
    }
  }
  console.log([...counts]);
  writeFileSync('/tmp/hunt.json', JSON.stringify(found, null, 1));
}, 600_000);
