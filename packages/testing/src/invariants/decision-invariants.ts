/**
 * All decision invariants at once.
 *
 * @module
 */
import type { CompiledPolicy, InstantLike, Snapshot } from '@dueflow/core';
import { checkNeverActsWhenClosed } from './closed-invoice.js';
import { checkContactRules } from './contact-rules.js';
import { checkDeterminism } from './determinism.js';
import { checkMonotonicEscalation } from './escalation.js';
import { checkFreshIdempotencyKey } from './idempotency.js';
import { InvariantViolation, type DecisionInvariant, type InvariantOptions, type InvariantResult } from './invariant-result.js';
import { checkOutstandingExact } from './money-exact.js';
import { checkActInWindow, checkProgress } from './progress.js';

/**
 * The decision invariants by name, in the numbering of the architecture (1 determinism, 2
 * closed invoices, 3 fresh keys, 4 monotonic escalation, 5 progress, 6 the send-window and
 * contact parts of the guardrails, 7 exact outstanding amounts).
 *
 * @example
 * ```ts
 * for (const [name, check] of Object.entries(DECISION_INVARIANTS)) console.log(name, check(snapshot, now, policy));
 * ```
 */
export const DECISION_INVARIANTS: Readonly<Record<string, DecisionInvariant>> = Object.freeze({
  determinism: checkDeterminism,
  'never-acts-when-closed': checkNeverActsWhenClosed,
  'fresh-idempotency-key': checkFreshIdempotencyKey,
  'monotonic-escalation': (snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy, options?: InvariantOptions) =>
    checkMonotonicEscalation(snapshot, now, policy, options),
  progress: checkProgress,
  'act-in-window': checkActInWindow,
  'contact-rules': checkContactRules,
  'outstanding-exact': checkOutstandingExact,
});

/** Options of {@link checkDecisionInvariants}. */
export interface DecisionInvariantOptions extends InvariantOptions {
  /**
   * Names of invariants to leave out (see {@link DECISION_INVARIANTS}).
   * @default []
   */
  readonly skip?: readonly string[];
}

/**
 * Runs every decision invariant and returns the failures, named (empty when all hold).
 *
 * @example
 * ```ts
 * const failures = checkDecisionInvariants(snapshot, now, policy);
 * for (const f of failures) console.log(f.invariant, f.message);
 * ```
 */
export function checkDecisionInvariants(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: DecisionInvariantOptions = {},
): { invariant: string; message: string }[] {
  const skip = new Set(options.skip ?? []);
  const failures: { invariant: string; message: string }[] = [];
  for (const [name, check] of Object.entries(DECISION_INVARIANTS)) {
    if (skip.has(name)) continue;
    const result: InvariantResult = check(snapshot, now, policy, options);
    if (!result.ok) failures.push({ invariant: name, message: result.message });
  }
  return failures;
}

/**
 * Throws an {@link InvariantViolation} naming the first decision invariant that does not hold
 * for this snapshot, instant and policy. Use it inside a fast-check property.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbScenario(), ({ policyInput, snapshot, now }) => {
 *   assertDecisionInvariants(parseSnapshot(snapshot), now, compilePolicy(policyInput));
 * }));
 * ```
 */
export function assertDecisionInvariants(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: DecisionInvariantOptions = {},
): void {
  const [first] = checkDecisionInvariants(snapshot, now, policy, options);
  if (first !== undefined) throw new InvariantViolation(first.invariant, first.message);
}
