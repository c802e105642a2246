/**
 * Invariant 1: `nextAction` is deterministic.
 *
 * @module
 */
import { compilePolicy, type CompiledPolicy, type InstantLike, type Snapshot } from '@dueflow/core';
import { firstDifference } from './deep-equal.js';
import { decider, fail, OK, toEpochMs, type InvariantOptions, type InvariantResult } from './invariant-result.js';

function freshCopy(policy: CompiledPolicy): CompiledPolicy | undefined {
  try {
    return compilePolicy(policy.source);
  } catch {
    // A normalised source that does not compile again is reported by its own test, not here.
    return undefined;
  }
}

/**
 * Invariant 1: the same arguments give deep-equal decisions: twice in a row, after a JSON
 * round trip of the snapshot, with `now` as a `Date` or as epoch ms, and with a freshly
 * compiled copy of the policy (empty caches, when its source compiles again).
 *
 * @example
 * ```ts
 * expect(checkDeterminism(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkDeterminism(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const decide = decider(options);
  const nowMs = toEpochMs(now);
  const first = decide(snapshot, now, policy);
  const variants: [string, () => unknown][] = [
    ['a second call', () => decide(snapshot, now, policy)],
    ['a JSON round trip of the snapshot', () => decide(JSON.parse(JSON.stringify(snapshot)) as Snapshot, now, policy)],
    ['now given as a Date', () => decide(snapshot, new Date(nowMs), policy)],
    [
      'a freshly compiled policy',
      () => {
        const fresh = freshCopy(policy);
        return fresh === undefined ? first : decide(snapshot, nowMs, fresh);
      },
    ],
  ];
  for (const [what, decide] of variants) {
    const difference = firstDifference(first, decide());
    if (difference !== undefined) return fail(`decision differs after ${what} at ${new Date(nowMs).toISOString()}: ${difference}`);
  }
  return OK;
}
