/**
 * Invariant 4: escalation is monotonic when nothing new happens.
 *
 * @module
 */
import { actionActivity } from '@dueflow/core/engine';
import type { ActDecision, CompiledPolicy, Decision, InstantLike, Snapshot } from '@dueflow/core';
import { decider, fail, OK, toEpochMs, type InvariantOptions, type InvariantResult } from './invariant-result.js';

/** Options of {@link runWithoutPayment}. */
export interface NoPaymentRunOptions extends InvariantOptions {
  /**
   * How far ahead to simulate, in days.
   * @default 400
   */
  readonly horizonDays?: number;
  /**
   * Most decisions to take before stopping.
   * @default 100
   */
  readonly maxDecisions?: number;
}

/** One act of a no-payment run and the instant it was decided at. */
export interface RunStep {
  readonly at: number;
  readonly decision: ActDecision;
}

/** What {@link runWithoutPayment} saw. */
export interface NoPaymentRun {
  readonly acts: readonly RunStep[];
  /** The decision the run stopped on. */
  readonly last: Decision;
  /** A wait whose `until` was not after the instant it was decided at, if the run met one. */
  readonly stalled?: { readonly at: number; readonly until: string };
}

/**
 * Steps the engine forward as `plan` does, but independently of it: every act is recorded as
 * done at the instant it was decided (`approved` when it needed approval, else `sent`), every
 * wait jumps to its `until`, and the run stops on `done`, on a wait without `until`, past the
 * horizon, or after `maxDecisions`. Nothing is paid and nobody replies.
 *
 * @example
 * ```ts
 * const { acts } = runWithoutPayment(snapshot, Date.parse('2025-01-01T00:00:00Z'), policy);
 * acts.map((a) => a.decision.step.id);
 * ```
 */
export function runWithoutPayment(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: NoPaymentRunOptions = {},
): NoPaymentRun {
  const decide = decider(options);
  let t = toEpochMs(now);
  const horizon = t + (options.horizonDays ?? 400) * 86_400_000;
  const maxDecisions = options.maxDecisions ?? 100;
  const activities = [...snapshot.activities];
  const acts: RunStep[] = [];
  let current = snapshot;
  let last = decide(current, t, policy);
  for (let i = 0; i < maxDecisions; i++) {
    if (last.kind === 'done') break;
    if (last.kind === 'wait') {
      if (last.until === null) break;
      const until = Date.parse(last.until);
      if (!(until > t)) return { acts, last, stalled: { at: t, until: last.until } };
      if (until > horizon) break;
      t = until;
    } else {
      acts.push({ at: t, decision: last });
      activities.push(
        actionActivity(last, {
          id: `run-${acts.length}`,
          customerId: snapshot.customer.id,
          at: t,
          outcome: last.requiresApproval ? 'approved' : 'sent',
        }),
      );
      current = { ...snapshot, activities: [...activities] };
    }
    last = decide(current, t, policy);
  }
  return { acts, last };
}

/**
 * Invariant 4: in a no-payment run ({@link runWithoutPayment}), the ladder position of
 * successive acts on the same ladder never goes back, and stays put only for a later
 * occurrence (a repeat) or a later attempt of the same step; no key is issued twice. Engine
 * steps outside the ladder (index -1: promise, plan and write-off steps) are only checked for
 * fresh keys.
 *
 * @example
 * ```ts
 * expect(checkMonotonicEscalation(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkMonotonicEscalation(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: NoPaymentRunOptions = {},
): InvariantResult {
  const run = runWithoutPayment(snapshot, now, policy, options);
  const keys = new Set<string>();
  let previous: RunStep | undefined;
  const describe = (s: RunStep): string =>
    `${s.decision.step.id} #${s.decision.step.index} occurrence ${s.decision.step.occurrence} at ${new Date(s.at).toISOString()}`;
  for (const s of run.acts) {
    const d = s.decision;
    if (keys.has(d.idempotencyKey)) return fail(`key ${d.idempotencyKey} issued twice in a no-payment run`);
    keys.add(d.idempotencyKey);
    // Engine steps outside the ladder (promise, plan and write-off steps, index -1) hold no ladder position.
    if (d.step.index < 0) continue;
    if (previous !== undefined && previous.decision.ladderId === d.ladderId) {
      const p = previous.decision.step;
      const backwards = d.step.index < p.index;
      const stuck = d.step.index === p.index && d.step.occurrence <= p.occurrence && d.step.attempt <= p.attempt;
      if (backwards || stuck) return fail(`escalation went from ${describe(previous)} to ${describe(s)}`);
    }
    previous = s;
  }
  return OK;
}
