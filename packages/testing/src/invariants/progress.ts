/**
 * Invariant 5: waits make progress; acts happen inside their window.
 *
 * @module
 */
import type { CompiledPolicy, InstantLike, Snapshot } from '@dueflow/core';
import { firstDifference } from './deep-equal.js';
import { decider, fail, OK, toEpochMs, type InvariantOptions, type InvariantResult } from './invariant-result.js';

/**
 * Invariant 5: a wait's `until` is after `now`, and deciding again at `until` does not return
 * the same wait (nor a wait that is not after `until`).
 *
 * @example
 * ```ts
 * expect(checkProgress(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkProgress(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const decide = decider(options);
  const nowMs = toEpochMs(now);
  const decision = decide(snapshot, nowMs, policy);
  if (decision.kind !== 'wait' || decision.until === null) return OK;
  const until = Date.parse(decision.until);
  const at = new Date(nowMs).toISOString();
  if (!(until > nowMs)) return fail(`wait (${decision.reason}) until ${decision.until} is not after now ${at}`);
  const again = decide(snapshot, until, policy);
  if (again.kind === 'wait') {
    if (firstDifference(again, decision) === undefined)
      return fail(`deciding again at ${decision.until} returns the same wait (${decision.reason}), decided at ${at}`);
    if (again.until !== null && !(Date.parse(again.until) > until)) {
      return fail(
        `deciding again at ${decision.until} waits (${again.reason}) until ${again.until}, which is not later (first wait ${decision.reason} decided at ${at})`,
      );
    }
  }
  return OK;
}

/**
 * An act's send window contains `now` (start inclusive, end exclusive) and is not empty.
 *
 * @example
 * ```ts
 * expect(checkActInWindow(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkActInWindow(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const nowMs = toEpochMs(now);
  const decision = decider(options)(snapshot, nowMs, policy);
  if (decision.kind !== 'act') return OK;
  const start = Date.parse(decision.window.start);
  const end = Date.parse(decision.window.end);
  if (!(start <= nowMs && nowMs < end)) {
    return fail(
      `act ${decision.idempotencyKey} at ${new Date(nowMs).toISOString()} is outside its window ${decision.window.start} - ${decision.window.end}`,
    );
  }
  return OK;
}
