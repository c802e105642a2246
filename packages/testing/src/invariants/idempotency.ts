/**
 * Invariant 3: an act's idempotency key is new.
 *
 * @module
 */
import type { ActionActivity, CompiledPolicy, InstantLike, Snapshot } from '@dueflow/core';
import { decider, fail, OK, type InvariantOptions, type InvariantResult } from './invariant-result.js';

/**
 * Every key the timeline already used for actions: the `idempotencyKey` recorded on each action
 * activity, and the key the engine gives each one, `${invoiceId}:${stepId}:${occurrence}`
 * followed by `:${attempt}` for attempts after the first (the attempt of an action being one
 * more than the failures of the same step occurrence recorded before it).
 *
 * @example
 * ```ts
 * historyKeys(snapshot); // Set { 'inv-1:pre-due-reminder:1', 'inv-1:overdue-notice:1', 'inv-1:overdue-notice:1:2' }
 * ```
 */
export function historyKeys(snapshot: Snapshot): Set<string> {
  const invoiceId = snapshot.invoice.id;
  const actions = snapshot.activities
    .map((a, i) => ({ a, i }))
    .filter((x): x is { a: ActionActivity; i: number } => x.a.type === 'action')
    .sort((x, y) => Date.parse(x.a.at) - Date.parse(y.a.at) || x.i - y.i);
  const failures = new Map<string, number>();
  const keys = new Set<string>();
  for (const { a } of actions) {
    if (a.idempotencyKey !== undefined) keys.add(a.idempotencyKey);
    const base = `${invoiceId}:${a.stepId}:${a.occurrence}`;
    const failed = failures.get(base) ?? 0;
    keys.add(failed === 0 ? base : `${base}:${failed + 1}`);
    if (a.outcome === 'failed') failures.set(base, failed + 1);
  }
  return keys;
}

/**
 * Invariant 3: never repeats a step: an act's idempotency key matches no key already in the
 * history (the `idempotencyKey` of each action activity, and the key the engine gives each one),
 * and has the engine's shape.
 *
 * @example
 * ```ts
 * expect(checkFreshIdempotencyKey(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkFreshIdempotencyKey(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const decision = decider(options)(snapshot, now, policy);
  if (decision.kind !== 'act') return OK;
  const key = decision.idempotencyKey;
  const { id, occurrence, attempt } = decision.step;
  const expected = `${snapshot.invoice.id}:${id}:${occurrence}${attempt > 1 ? `:${attempt}` : ''}`;
  if (key !== expected) return fail(`key ${key} does not have the form ${expected}`);
  if (historyKeys(snapshot).has(key)) return fail(`key ${key} is already in the history: the step would run twice`);
  return OK;
}
