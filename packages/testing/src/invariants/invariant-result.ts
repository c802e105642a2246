/**
 * The result of an invariant check, and the error thrown when one fails.
 *
 * @module
 */
import { nextAction, type CompiledPolicy, type Decision, type InstantLike, type Snapshot } from '@dueflow/core';

/** What an invariant check returns: `ok`, or the reason it does not hold. */
export type InvariantResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** A decision function with the contract of `nextAction`. */
export type Decide = (snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy) => Decision;

/** Options every decision invariant accepts. */
export interface InvariantOptions {
  /**
   * The decision function under test: `nextAction`, or a wrapper of it (a cache, a service
   * client) that must keep its contract.
   * @default nextAction
   */
  readonly decide?: Decide;
}

/**
 * A check of the decision contract for one snapshot, instant and policy.
 *
 * @example
 * ```ts
 * const check: DecisionInvariant = (snapshot, now, policy) => checkProgress(snapshot, now, policy);
 * ```
 */
export type DecisionInvariant = (
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options?: InvariantOptions,
) => InvariantResult;

/**
 * The decision function an invariant runs: `options.decide`, else `nextAction`.
 *
 * @example
 * ```ts
 * const decide = decider(options);
 * decide(snapshot, now, policy).kind;
 * ```
 */
export function decider(options: InvariantOptions = {}): Decide {
  return options.decide ?? ((snapshot, now, policy) => nextAction(snapshot, now, policy));
}

/**
 * The passing result.
 *
 * @example
 * ```ts
 * return cond ? OK : fail('it broke');
 * ```
 */
export const OK: InvariantResult = Object.freeze({ ok: true });

/**
 * A failing result with `message`.
 *
 * @example
 * ```ts
 * fail('wait.until 2025-01-01T00:00:00.000Z is not after now'); // { ok: false, message: '...' }
 * ```
 */
export function fail(message: string): InvariantResult {
  return { ok: false, message };
}

/**
 * Thrown by the `assert*` helpers when an invariant does not hold; names the invariant.
 *
 * @example
 * ```ts
 * try { assertDecisionInvariants(snapshot, now, policy); }
 * catch (e) { if (e instanceof InvariantViolation) console.log(e.invariant, e.message); }
 * ```
 */
export class InvariantViolation extends Error {
  /** Name of the invariant that failed, e.g. `progress`. */
  readonly invariant: string;

  constructor(invariant: string, message: string) {
    super(`${invariant}: ${message}`);
    this.name = 'InvariantViolation';
    this.invariant = invariant;
  }
}

/**
 * Epoch milliseconds of an instant given as a `Date` or a number.
 *
 * @example
 * ```ts
 * toEpochMs(new Date('1970-01-01T00:00:01Z')); // 1000
 * ```
 */
export function toEpochMs(now: InstantLike): number {
  return typeof now === 'number' ? now : now.getTime();
}
