/**
 * Promises to pay: recording one, telling whether it was kept, and settling it.
 *
 * While a promise is pending the ladder is suspended until the promised date plus a grace
 * period; a reminder goes out before the date; a broken (or only partly kept) promise triggers a
 * follow-up and escalation resumes where it stopped. See `nextAction`.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import type { ZoneCache } from '../calendar/zone.js';
import type { Activity } from '../model/activity.js';
import type { Invoice, Payment } from '../model/invoice.js';
import type { Money } from '../model/money.js';
import { PromiseToPaySchema, type PromiseToPay } from '../model/promise.js';
import type { ChannelKind } from '../model/primitives.js';
import { parseWith } from '../validate.js';
import { activityBase, invalid, isoOf, msOf, type TransitionContext } from './common.js';

/** What a promise looks like at an instant, given the payments made since it was taken. */
export interface PromiseState {
  readonly status: 'pending' | 'kept' | 'partially-kept' | 'broken' | 'cancelled';
  /** Minor units paid on the invoice since the promise was made, capped at the promised amount. */
  readonly paid: number;
  /** Local day (epoch days, customer zone) after which an unkept promise is broken: date + grace. */
  readonly lastDay: number;
  /** Epoch ms at which the promise turns broken if still unpaid (start of the day after `lastDay`). */
  readonly breaksAt: number;
}

/**
 * Evaluates a promise at `nowMs`: kept once payments since it was made reach the promised
 * amount; broken (or partially kept) once the promised date plus `graceDays` has passed in the
 * customer's time zone without that; pending otherwise.
 *
 * @example
 * ```ts
 * promiseState(promise, payments, Date.now(), { graceDays: 2, zone: 'Europe/Paris', zones: new ZoneCache() }).status; // 'pending'
 * ```
 */
export function promiseState(
  promise: PromiseToPay,
  payments: readonly Payment[],
  nowMs: number,
  options: { readonly graceDays: number; readonly zone: string; readonly zones: ZoneCache },
): PromiseState {
  const lastDay = toEpochDay(promise.date) + options.graceDays;
  const breaksAt = options.zones.instantOf(options.zone, lastDay + 1, 0);
  if (promise.status === 'cancelled') return { status: 'cancelled', paid: promise.paid, lastDay, breaksAt };
  const madeAt = Date.parse(promise.madeAt);
  let paid = 0;
  for (const p of payments) {
    if (p.status !== 'succeeded') continue;
    const t = Date.parse(p.at);
    if (t < madeAt || t > nowMs) continue;
    for (const a of p.allocations) if (a.invoiceId === promise.invoiceId) paid += a.amount;
  }
  const capped = Math.min(paid, promise.amount.amount);
  if (capped >= promise.amount.amount) return { status: 'kept', paid: capped, lastDay, breaksAt };
  if (nowMs >= breaksAt) return { status: capped > 0 ? 'partially-kept' : 'broken', paid: capped, lastDay, breaksAt };
  return { status: 'pending', paid: capped, lastDay, breaksAt };
}

/** Input of {@link makePromise}. */
export interface MakePromiseInput {
  readonly id: string;
  readonly invoice: Invoice;
  readonly amount: Money;
  /** Local date by which the customer promised to pay (`YYYY-MM-DD`). */
  readonly date: string;
  readonly channel?: ChannelKind | 'call' | 'portal' | 'in-person';
  readonly takenBy?: string;
  /** A condition attached by the customer ("if a 5% discount is approved"). */
  readonly condition?: string;
  /** Ladder step the invoice had reached, for the record. */
  readonly resumeAfterStep?: string;
}

/**
 * Records a promise to pay. Throws a `ValidationError` naming the field for a bad amount, date or
 * currency, and `INVALID_OPERATION` for a promise on an invoice that is not open.
 *
 * @example
 * ```ts
 * const { promise, activities } = makePromise(
 *   { id: 'p1', invoice, amount: money(399_000, 'USD'), date: '2025-03-13', channel: 'call', takenBy: 'sam' },
 *   { at: '2025-03-11T15:00:00Z', idPrefix: 'req-81', by: { type: 'user', id: 'sam' } },
 * );
 * ```
 */
export function makePromise(input: MakePromiseInput, ctx: TransitionContext): { promise: PromiseToPay; activities: Activity[] } {
  if (input.invoice.status !== 'open') invalid(`makePromise: invoice ${input.invoice.id} is ${input.invoice.status}, not open`);
  if (input.amount.currency !== input.invoice.total.currency) {
    invalid(`makePromise: amount currency ${input.amount.currency} differs from the invoice currency ${input.invoice.total.currency}`);
  }
  const promise = parseWith(PromiseToPaySchema, 'promise', {
    id: input.id,
    invoiceId: input.invoice.id,
    amount: input.amount,
    date: input.date,
    madeAt: isoOf(ctx.at),
    status: 'pending',
    paid: 0,
    ...(input.channel !== undefined ? { channel: input.channel } : {}),
    ...(input.takenBy !== undefined ? { takenBy: input.takenBy } : {}),
    ...(input.condition !== undefined ? { condition: input.condition } : {}),
    ...(input.resumeAfterStep !== undefined ? { resumeAfterStep: input.resumeAfterStep } : {}),
  });
  if (promise.amount.amount <= 0) invalid(`makePromise: amount must be positive, got ${promise.amount.amount}`);
  const activity: Activity = {
    ...activityBase(ctx, input.invoice.customerId, input.invoice.id, 1),
    type: 'promise',
    promiseId: promise.id,
    event: 'made',
    amount: promise.amount,
    date: promise.date,
  };
  return { promise, activities: [activity] };
}

/**
 * Settles a promise if its state changed: records kept, partially kept or broken (with the
 * amount paid). Returns the promise unchanged and no activity while it is still pending or was
 * already settled.
 *
 * @example
 * ```ts
 * const { promise: settled, activities } = settlePromise(promise, { customerId, payments, graceDays: 2, zone, zones }, { at: now, idPrefix: 'tick-9' });
 * ```
 */
export function settlePromise(
  promise: PromiseToPay,
  input: {
    /** The customer the promise's activities are recorded on. */
    readonly customerId: string;
    /** The payments on the promise's invoice. */
    readonly payments: readonly Payment[];
    /** Days after the promised date before an unpaid promise is broken. */
    readonly graceDays: number;
    /** The customer's time zone: the promised date ends at its midnight. */
    readonly zone: string;
    readonly zones: ZoneCache;
  },
  ctx: TransitionContext,
): { promise: PromiseToPay; activities: Activity[] } {
  if (promise.status !== 'pending') return { promise, activities: [] };
  const { customerId } = input;
  const state = promiseState(promise, input.payments, msOf(ctx.at), input);
  if (state.status === 'pending' || state.status === 'cancelled') return { promise: { ...promise, paid: state.paid }, activities: [] };
  const settled: PromiseToPay = { ...promise, status: state.status, paid: state.paid, settledAt: isoOf(ctx.at) };
  const activity: Activity = {
    ...activityBase(ctx, customerId, promise.invoiceId, 1),
    type: 'promise',
    promiseId: promise.id,
    event: state.status,
    amount: { amount: state.paid, currency: promise.amount.currency },
  };
  return { promise: settled, activities: [activity] };
}

/**
 * Cancels a pending promise (the agent agreed something else).
 *
 * @example
 * ```ts
 * cancelPromise(promise, 'c1', { at: now, idPrefix: 'req-90', by: { type: 'user', id: 'sam' } });
 * ```
 */
export function cancelPromise(
  promise: PromiseToPay,
  customerId: string,
  ctx: TransitionContext,
): { promise: PromiseToPay; activities: Activity[] } {
  if (promise.status !== 'pending') invalid(`cancelPromise: promise ${promise.id} is ${promise.status}, not pending`);
  return {
    promise: { ...promise, status: 'cancelled', settledAt: isoOf(ctx.at) },
    activities: [{ ...activityBase(ctx, customerId, promise.invoiceId, 1), type: 'promise', promiseId: promise.id, event: 'cancelled' }],
  };
}

/**
 * Broken promises per customer, counted from promise activities (for segments and scoring).
 *
 * @example
 * ```ts
 * countPromises(activities); // { made: 3, kept: 1, partiallyKept: 0, broken: 2 }
 * ```
 */
export function countPromises(activities: readonly Activity[]): { made: number; kept: number; partiallyKept: number; broken: number } {
  const out = { made: 0, kept: 0, partiallyKept: 0, broken: 0 };
  for (const a of activities) {
    if (a.type !== 'promise') continue;
    if (a.event === 'made') out.made++;
    else if (a.event === 'kept') out.kept++;
    else if (a.event === 'partially-kept') out.partiallyKept++;
    else if (a.event === 'broken') out.broken++;
  }
  return out;
}
