/**
 * Rule 5, the installment plan: an active plan covering the invoice replaces the ladder. Only
 * installment reminders go out (before the due date, on it, after a missed installment), from the
 * plan's first invoice, so a plan over several invoices sends one reminder. A completed,
 * defaulted or cancelled plan hands the invoice back to the ladder.
 *
 * @module
 */
import { MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import type { InstallmentPlan } from '../model/promise.js';
import { planState } from '../operations/installment-plan.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { waitUntil } from './decision-builders.js';
import { actOn } from './act-on.js';
import { target } from './act-target.js';
import { targetDone } from './step-history.js';
import { dueDayOf, dueInstant } from './step-schedule.js';

/** The active plan of the snapshot that covers this invoice, if any. */
export function activePlanOf(ctx: DecisionContext): InstallmentPlan | undefined {
  const plan = ctx.snapshot.plan;
  return plan !== undefined && plan.status === 'active' && plan.invoiceIds.includes(ctx.snapshot.invoice.id) ? plan : undefined;
}

/** The plan's decision (a reminder, or a wait), or `undefined` when the plan no longer replaces the ladder. */
export function decidePlan(ctx: DecisionContext, plan: InstallmentPlan): Decision | undefined {
  const { snapshot, zones, nowMs, customerZone } = ctx;
  const state = planState(plan, snapshot.payments, ctx.todayCustomer);
  if (state.status !== 'on-track' && state.status !== 'in-arrears') return undefined;
  const settings = ctx.policy.source.plans;
  // Payments fill installments oldest first, so the unpaid ones are a suffix; remind about the
  // latest one whose first reminder is due (or the first unpaid), and the arrears go in the reasons.
  const unpaid = state.installments.filter((i) => i.paid < i.amount.amount);
  let current = unpaid[0]!;
  for (const i of unpaid) if (toEpochDay(i.dueDate) - settings.reminderDaysBefore <= ctx.todayCustomer) current = i;
  const dueDay = toEpochDay(current.dueDate);
  ctx.reasons.push({
    code: 'plan',
    planId: plan.id,
    status: state.status,
    arrears: state.arrears,
    daysInArrears: state.daysInArrears,
    missed: state.missed,
    installment: {
      seq: current.seq,
      dueDate: current.dueDate,
      remaining: { amount: current.amount.amount - current.paid, currency: current.amount.currency },
    },
  });
  // The plan is re-examined when the oldest unpaid installment turns missed (it may default then).
  const oldestMissedAt = zones.instantOf(customerZone, toEpochDay(unpaid[0]!.dueDate) + plan.graceDays + 1, 0);
  const missedAt = zones.instantOf(customerZone, dueDay + plan.graceDays + 1, 0);
  const recheck = [oldestMissedAt, missedAt].filter((t) => t > nowMs).reduce((a, b) => Math.min(a, b), Infinity);
  // One invoice speaks for the plan, so a plan over several invoices sends one reminder.
  if (snapshot.invoice.id !== plan.invoiceIds[0]) return waitUntil(ctx, recheck === Infinity ? nowMs + MS_PER_DAY : recheck, 'plan');
  const kinds: { kind: 'upcoming' | 'due' | 'missed'; day: number }[] = [];
  if (settings.reminderDaysBefore > 0) kinds.push({ kind: 'upcoming', day: dueDay - settings.reminderDaysBefore });
  if (settings.remindOnDueDate) kinds.push({ kind: 'due', day: dueDay });
  kinds.push({ kind: 'missed', day: dueDay + plan.graceDays + 1 });
  let nextAt = recheck;
  const createdDay = zones.localDay(customerZone, Date.parse(plan.createdAt));
  for (let i = kinds.length - 1; i >= 0; i--) {
    const { kind, day } = kinds[i]!;
    const id = `plan:${plan.id}:${current.seq}:${kind}`;
    if (targetDone(ctx.summary, id, 1) || day < createdDay) break; // never step back to an earlier reminder
    const at = dueInstant(ctx, customerZone, dueDayOf(ctx, day));
    if (at > nowMs) {
      if (at < nextAt) nextAt = at;
      continue;
    }
    const { channels, template, tone } = settings[kind];
    const name =
      kind === 'upcoming'
        ? `Installment ${current.seq} reminder`
        : kind === 'due'
          ? `Installment ${current.seq} due`
          : `Installment ${current.seq} missed`;
    return actOn(ctx, target({ id, name, actionType: 'installment-reminder', channels, template, tone }), nextAt);
  }
  return waitUntil(ctx, nextAt === Infinity ? nowMs + MS_PER_DAY : nextAt, 'plan');
}
