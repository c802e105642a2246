/**
 * Invariant 2: no action on an invoice that is settled, closed, paused or disputed.
 *
 * @module
 */
import { planState, toEpochDay, type CompiledPolicy, type InstantLike, type Snapshot } from '@dueflow/core';
import { decider, fail, OK, toEpochMs, type InvariantOptions, type InvariantResult } from './invariant-result.js';

/**
 * What is still owed on the snapshot's invoice in minor units, computed independently of the
 * engine: the total less succeeded payment allocations to it and its credit notes, never below 0.
 *
 * @example
 * ```ts
 * owedOn(snapshot); // 420000
 * ```
 */
export function owedOn(snapshot: Snapshot): number {
  const id = snapshot.invoice.id;
  let owed = snapshot.invoice.total.amount;
  for (const p of snapshot.payments) {
    if (p.status === 'succeeded') for (const a of p.allocations) if (a.invoiceId === id) owed -= a.amount;
  }
  for (const c of snapshot.credits) if (c.invoiceId === id) owed -= c.amount.amount;
  return Math.max(0, owed);
}

/**
 * Why the engine must not act on the snapshot's invoice at `now`, or `undefined` when it may:
 * a status other than `open`, nothing owed, an open dispute, or a pause whose `until` date (a
 * local date in the policy calendar's zone) has not come.
 *
 * @example
 * ```ts
 * closedBecause(snapshot, now, policy); // 'the invoice is disputed'
 * ```
 */
export function closedBecause(snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy): string | undefined {
  const invoice = snapshot.invoice;
  if (invoice.status !== 'open') return `the invoice is ${invoice.status}`;
  if (owedOn(snapshot) === 0) return 'nothing is outstanding';
  if (invoice.dispute !== undefined) return 'the invoice is disputed';
  const pause = invoice.pause;
  if (pause !== undefined) {
    if (pause.until === undefined) return 'the invoice is paused';
    const today = policy.zones.localDay(policy.calendar.timeZone, toEpochMs(now));
    if (today < toEpochDay(pause.until)) return `the invoice is paused until ${pause.until}`;
  }
  return undefined;
}

/**
 * Whether the snapshot's invoice is on an installment plan that is still running at `now`
 * (on track or in arrears, in the customer's zone): then only installment reminders may go out.
 *
 * @example
 * ```ts
 * onActivePlan(snapshot, now, policy); // true while the plan is on track or in arrears
 * ```
 */
export function onActivePlan(snapshot: Snapshot, now: InstantLike, policy: CompiledPolicy): boolean {
  const plan = snapshot.plan;
  if (plan === undefined || plan.status !== 'active' || !plan.invoiceIds.includes(snapshot.invoice.id)) return false;
  const today = policy.zones.localDay(snapshot.customer.timeZone, toEpochMs(now));
  const status = planState(plan, snapshot.payments, today).status;
  return status === 'on-track' || status === 'in-arrears';
}

/**
 * Invariant 2: never acts on a paid, void, written-off, draft, settled, paused or disputed
 * invoice, and acts on an invoice on a running installment plan only with installment
 * reminders (no campaign step); paid, void and written-off invoices (and settled ones) are
 * `done`.
 *
 * @example
 * ```ts
 * expect(checkNeverActsWhenClosed(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkNeverActsWhenClosed(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const why = closedBecause(snapshot, now, policy);
  const decision = decider(options)(snapshot, now, policy);
  if (why === undefined) {
    if (decision.kind === 'act' && decision.action.type !== 'installment-reminder' && onActivePlan(snapshot, now, policy)) {
      return fail(`acted with ${decision.action.type} step ${decision.step.id} although the invoice is on a running installment plan`);
    }
    return OK;
  }
  if (decision.kind === 'act') return fail(`acted (${decision.idempotencyKey}) although ${why}`);
  const status = snapshot.invoice.status;
  const final = status === 'paid' || status === 'void' || status === 'written-off' || (status === 'open' && owedOn(snapshot) === 0);
  if (final && decision.kind !== 'done') return fail(`returned ${decision.kind} (${decision.reason}) instead of done although ${why}`);
  return OK;
}
