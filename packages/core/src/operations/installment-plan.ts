/**
 * Installment plans over one or more invoices of a customer: building the schedule, applying
 * payments oldest installment first, telling whether the plan is on track, and its lifecycle
 * (defaulted after too many missed installments, completed, cancelled).
 *
 * @module
 */
import { addMonths } from '../calendar/add-months.js';
import { fromEpochDay, toEpochDay } from '../calendar/day.js';
import { describeValue, ValidationError } from '../errors.js';
import type { Activity } from '../model/activity.js';
import type { Invoice, Payment } from '../model/invoice.js';
import { split, type Money } from '../model/money.js';
import { InstallmentPlanSchema, type Installment, type InstallmentPlan } from '../model/promise.js';
import { parseWith } from '../validate.js';
import { activityBase, invalid, isoOf, type TransitionContext } from './common.js';

/** Input of {@link createInstallmentPlan}. */
export interface CreatePlanInput {
  readonly id: string;
  /** The invoices covered, with what is outstanding on each (all of one customer, one currency). */
  readonly invoices: readonly { readonly invoice: Invoice; readonly outstanding: number }[];
  /** Total to repay; defaults to the sum outstanding. */
  readonly total?: Money;
  readonly frequency: 'weekly' | 'fortnightly' | 'monthly';
  /** Number of installments for an equal split (remainder on the first installments). */
  readonly count?: number;
  /** Due date of the first installment (`YYYY-MM-DD`). */
  readonly firstDueDate: string;
  /** A custom schedule instead of an equal split; must sum to the total exactly. */
  readonly schedule?: readonly { readonly dueDate: string; readonly amount: number }[];
  /** The smallest acceptable repayment per week, in minor units. */
  readonly minimumWeekly?: number;
  /** Missed installments after which the plan defaults. @default 2 */
  readonly maxMissed?: number;
  /** Days after a due date before an installment counts as missed. @default 3 */
  readonly graceDays?: number;
  /** `proposed` for a plan awaiting approval, `active` otherwise. @default 'active' */
  readonly status?: 'proposed' | 'active';
}

const DAYS_PER_PERIOD = { weekly: 7, fortnightly: 14, monthly: 365.25 / 12 } as const;

function dueDates(first: string, frequency: CreatePlanInput['frequency'], count: number): string[] {
  const out: string[] = [];
  const firstDay = toEpochDay(first);
  for (let i = 0; i < count; i++) {
    if (frequency === 'monthly') {
      // Clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
      out.push(addMonths(first, i));
    } else {
      out.push(fromEpochDay(firstDay + i * (frequency === 'weekly' ? 7 : 14)));
    }
  }
  return out;
}

function fail(field: string, message: string, value: unknown): never {
  throw new ValidationError('installment plan', [{ path: [field], field, message, value }]);
}

/**
 * Builds an installment plan: an equal split with the remainder on the first installments
 * (84,200.00 in 3 is 28,067.00 + 28,067.00 + 28,066.00), or a custom schedule that must sum to the
 * total to the cent. Weekly, fortnightly or monthly; an optional minimum weekly repayment is
 * enforced. Throws a `ValidationError` naming the field otherwise.
 *
 * @example
 * ```ts
 * const { plan } = createInstallmentPlan(
 *   { id: 'plan-1', invoices: [{ invoice, outstanding: 8_420_000 }], frequency: 'monthly', count: 3, firstDueDate: '2025-04-01' },
 *   { at: '2025-03-20T10:00:00Z', idPrefix: 'req-12' },
 * );
 * plan.installments.map((i) => i.amount.amount); // [2806700, 2806700, 2806600]
 * ```
 */
export function createInstallmentPlan(input: CreatePlanInput, ctx: TransitionContext): { plan: InstallmentPlan; activities: Activity[] } {
  if (input.invoices.length === 0) fail('invoices', 'a plan covers at least one invoice', input.invoices);
  const first = input.invoices[0]!.invoice;
  const currency = input.total?.currency ?? first.total.currency;
  for (const [i, { invoice }] of input.invoices.entries()) {
    if (invoice.customerId !== first.customerId)
      fail(`invoices[${i}]`, `belongs to customer ${invoice.customerId}, not ${first.customerId}`, invoice.id);
    if (invoice.total.currency !== currency) fail(`invoices[${i}]`, `is in ${invoice.total.currency}, not ${currency}`, invoice.id);
    if (invoice.status !== 'open') fail(`invoices[${i}]`, `is ${invoice.status}, not open`, invoice.id);
  }
  const owed = input.invoices.reduce((a, b) => a + b.outstanding, 0);
  const total: Money = input.total ?? { amount: owed, currency };
  if (!Number.isSafeInteger(total.amount) || total.amount <= 0) fail('total', 'must be a positive number of minor units', total.amount);
  let installments: Installment[];
  if (input.schedule !== undefined) {
    if (input.schedule.length === 0) fail('schedule', 'must not be empty', input.schedule);
    const sum = input.schedule.reduce((a, b) => a + b.amount, 0);
    if (sum !== total.amount) fail('schedule', `sums to ${sum}, not the plan total ${total.amount}`, sum);
    installments = input.schedule.map((s, i) => ({ seq: i + 1, dueDate: s.dueDate, amount: { amount: s.amount, currency }, paid: 0 }));
  } else {
    const count = input.count ?? 0;
    if (!Number.isSafeInteger(count) || count < 1 || count > 520) fail('count', 'must be an integer from 1 to 520', input.count);
    const dates = dueDates(input.firstDueDate, input.frequency, count);
    installments = split(total, count).map((amount, i) => ({ seq: i + 1, dueDate: dates[i]!, amount, paid: 0 }));
  }
  if (input.minimumWeekly !== undefined && input.frequency !== undefined) {
    const perWeek = 7 / DAYS_PER_PERIOD[input.frequency];
    const smallest = Math.min(...installments.map((i) => i.amount.amount));
    if (smallest * perWeek < input.minimumWeekly) {
      fail(
        'count',
        `installments of ${smallest} repay ${Math.floor(smallest * perWeek)} a week, below the minimum ${input.minimumWeekly}; use fewer installments`,
        input.count,
      );
    }
  }
  for (let i = 1; i < installments.length; i++) {
    if (installments[i]!.dueDate < installments[i - 1]!.dueDate)
      fail(`schedule[${i}].dueDate`, 'due dates must not go backwards', installments[i]!.dueDate);
  }
  const plan = parseWith(InstallmentPlanSchema, 'installment plan', {
    id: input.id,
    customerId: first.customerId,
    invoiceIds: input.invoices.map((i) => i.invoice.id),
    total,
    frequency: input.schedule !== undefined ? 'custom' : input.frequency,
    installments,
    status: input.status ?? 'active',
    createdAt: isoOf(ctx.at),
    maxMissed: input.maxMissed ?? 2,
    graceDays: input.graceDays ?? 3,
  });
  const activities: Activity[] = plan.invoiceIds.map((invoiceId, n) => ({
    ...activityBase(ctx, plan.customerId, invoiceId, n + 1),
    type: 'plan',
    planId: plan.id,
    event: plan.status === 'proposed' ? 'proposed' : 'created',
    amount: plan.total,
  }));
  return { plan, activities };
}

/** The state of a plan at an instant. */
export interface PlanState {
  readonly status: 'on-track' | 'in-arrears' | 'completed' | 'defaulted' | 'cancelled' | 'proposed';
  /** Installments with what was paid towards each (payments applied oldest first). */
  readonly installments: readonly Installment[];
  /** Amount due so far and not paid. */
  readonly arrears: Money;
  /** Days since the oldest unpaid installment fell due (0 when none is overdue). */
  readonly daysInArrears: number;
  /** Installments past their due date plus grace and not fully paid. */
  readonly missed: number;
  /** The first installment not fully paid. */
  readonly next: Installment | undefined;
  readonly paid: Money;
}

/**
 * Applies the payments made on the plan's invoices since it was created to its installments,
 * oldest first, and tells whether the plan is on track, in arrears (with amount and days),
 * completed or defaulted (`maxMissed` installments missed) as of local day `today` (epoch days).
 *
 * @example
 * ```ts
 * planState(plan, payments, toEpochDay('2025-05-05')).status; // 'in-arrears'
 * ```
 */
export function planState(plan: InstallmentPlan, payments: readonly Payment[], today: number): PlanState {
  const currency = plan.total.currency;
  const created = Date.parse(plan.createdAt);
  const covered = new Set(plan.invoiceIds);
  let pool = 0;
  for (const p of payments) {
    if (p.status !== 'succeeded' || Date.parse(p.at) < created) continue;
    for (const a of p.allocations) if (covered.has(a.invoiceId)) pool += a.amount;
  }
  const totalPaid = Math.min(pool, plan.total.amount);
  const installments = plan.installments.map((i) => {
    const paid = Math.min(pool, i.amount.amount);
    pool -= paid;
    return { ...i, paid };
  });
  let arrears = 0;
  let oldestDue: number | undefined;
  let missed = 0;
  for (const i of installments) {
    const due = toEpochDay(i.dueDate);
    const short = i.amount.amount - i.paid;
    if (short <= 0 || due > today) continue;
    arrears += short;
    oldestDue ??= due;
    if (due + plan.graceDays < today) missed++;
  }
  const next = installments.find((i) => i.paid < i.amount.amount);
  const base = {
    installments,
    arrears: { amount: arrears, currency },
    daysInArrears: oldestDue === undefined ? 0 : today - oldestDue,
    missed,
    next,
    paid: { amount: totalPaid, currency },
  };
  if (plan.status === 'cancelled' || plan.status === 'proposed') return { status: plan.status, ...base };
  if (next === undefined) return { status: 'completed', ...base };
  if (plan.status === 'defaulted' || missed >= plan.maxMissed) return { status: 'defaulted', ...base };
  return { status: arrears > 0 ? 'in-arrears' : 'on-track', ...base };
}

/**
 * Moves a plan to what its payments say it is now (completed or defaulted), with the timeline
 * activities; an active plan that is still running is returned unchanged with no activity.
 *
 * @example
 * ```ts
 * const { plan: next, activities } = settlePlan(plan, payments, toEpochDay('2025-06-10'), { at: now, idPrefix: 'tick-3' });
 * ```
 */
export function settlePlan(
  plan: InstallmentPlan,
  payments: readonly Payment[],
  today: number,
  ctx: TransitionContext,
): { plan: InstallmentPlan; activities: Activity[] } {
  if (plan.status !== 'active') return { plan, activities: [] };
  const state = planState(plan, payments, today);
  if (state.status !== 'completed' && state.status !== 'defaulted')
    return { plan: { ...plan, installments: [...state.installments] }, activities: [] };
  const next: InstallmentPlan = { ...plan, status: state.status, installments: [...state.installments] };
  const activities: Activity[] = plan.invoiceIds.map((invoiceId, n) => ({
    ...activityBase(ctx, plan.customerId, invoiceId, n + 1),
    type: 'plan',
    planId: plan.id,
    event: state.status === 'completed' ? 'completed' : 'defaulted',
    amount: state.status === 'completed' ? state.paid : state.arrears,
  }));
  return { plan: next, activities };
}

/**
 * Cancels an active or proposed plan (an agent's decision); the ladder resumes.
 *
 * @example
 * ```ts
 * cancelPlan(plan, 'customer asked to pay in full instead', { at: now, idPrefix: 'req-5', by: { type: 'user', id: 'sam' } });
 * ```
 */
export function cancelPlan(
  plan: InstallmentPlan,
  reason: string,
  ctx: TransitionContext,
): { plan: InstallmentPlan; activities: Activity[] } {
  if (plan.status !== 'active' && plan.status !== 'proposed') invalid(`cancelPlan: plan ${plan.id} is ${plan.status}`);
  if (reason.trim() === '') invalid(`cancelPlan: reason must not be empty (got ${describeValue(reason)})`);
  return {
    plan: { ...plan, status: 'cancelled' },
    activities: plan.invoiceIds.map((invoiceId, n) => ({
      ...activityBase(ctx, plan.customerId, invoiceId, n + 1),
      type: 'plan',
      planId: plan.id,
      event: 'cancelled',
    })),
  };
}

/**
 * Activates a proposed plan once a person approved it.
 *
 * @example
 * ```ts
 * approvePlan(plan, { at: now, idPrefix: 'req-6', by: { type: 'user', id: 'lead' } });
 * ```
 */
export function approvePlan(plan: InstallmentPlan, ctx: TransitionContext): { plan: InstallmentPlan; activities: Activity[] } {
  if (plan.status !== 'proposed') invalid(`approvePlan: plan ${plan.id} is ${plan.status}, not proposed`);
  return {
    plan: { ...plan, status: 'active' },
    activities: plan.invoiceIds.map((invoiceId, n) => ({
      ...activityBase(ctx, plan.customerId, invoiceId, n + 1),
      type: 'plan',
      planId: plan.id,
      event: 'created',
    })),
  };
}
