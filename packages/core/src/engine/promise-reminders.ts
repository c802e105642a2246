/**
 * Rule 6, the promise to pay: a pending promise suspends the ladder until its date plus the
 * grace period, with a reminder before the date; a broken or partly kept promise gets a
 * follow-up, then the ladder resumes.
 *
 * @module
 */
import type { CompiledPolicy } from '../model/policy.js';
import type { PromiseToPay } from '../model/promise.js';
import { promiseState, type PromiseState } from '../operations/promise.js';
import { toEpochDay } from '../calendar/day.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { waitUntil } from './decision-builders.js';
import { actOn } from './act-on.js';
import { target } from './act-target.js';
import type { Snapshot } from './snapshot.js';
import { targetDone } from './step-history.js';
import { dueDayOf, dueInstant } from './step-schedule.js';

/** The snapshot's promise about this invoice, and where it stands now. */
export interface PromiseInForce {
  readonly promise: PromiseToPay;
  readonly state: PromiseState;
}

/** The promise about this invoice and its state at `nowMs` in the customer's `zone`, if there is one. */
export function promiseInForce(snapshot: Snapshot, nowMs: number, policy: CompiledPolicy, zone: string): PromiseInForce | undefined {
  const promise = snapshot.promise;
  if (promise === undefined || promise.invoiceId !== snapshot.invoice.id) return undefined;
  const state = promiseState(promise, snapshot.payments, nowMs, { graceDays: policy.source.promises.graceDays, zone, zones: policy.zones });
  return { promise, state };
}

/**
 * When the suspension under `key` ended, for a promise the timeline has not closed yet: a promise
 * that is no longer pending ended when it broke. `undefined` for any other key.
 */
export function settledPromiseEnd(promised: PromiseInForce | undefined, key: string): number | undefined {
  return promised !== undefined && key === `promise:${promised.promise.id}` && promised.state.status !== 'pending'
    ? promised.state.breaksAt
    : undefined;
}

/**
 * The promise's decision: a reminder or a wait while it is pending, a follow-up once it broke
 * or was partly kept; `undefined` when it no longer holds the ladder back.
 */
export function decidePromise(ctx: DecisionContext, promised: PromiseInForce): Decision | undefined {
  const { promise, state } = promised;
  if (promise.status === 'cancelled' || promise.status === 'kept') return undefined;
  if (state.status === 'kept' || state.status === 'cancelled') return undefined;
  const { nowMs, customerZone, reasons } = ctx;
  const settings = ctx.policy.source.promises;
  if (state.status === 'pending') {
    reasons.push({
      code: 'promise',
      promiseId: promise.id,
      status: 'pending',
      amount: promise.amount,
      date: promise.date,
      paid: state.paid,
    });
    if (settings.reminderDaysBefore > 0) {
      const id = `promise:${promise.id}:reminder`;
      const promisedDay = toEpochDay(promise.date);
      const reminderDay = promisedDay - settings.reminderDaysBefore;
      const madeDay = ctx.zones.localDay(customerZone, Date.parse(promise.madeAt));
      if (reminderDay > madeDay && ctx.todayCustomer <= promisedDay && !targetDone(ctx.summary, id, 1)) {
        const dueAt = dueInstant(ctx, customerZone, dueDayOf(ctx, reminderDay));
        if (dueAt <= nowMs) {
          const { channels, template, tone } = settings.reminder;
          return actOn(
            ctx,
            target({ id, name: 'Promise reminder', actionType: 'promise-reminder', channels, template, tone }),
            state.breaksAt,
          );
        }
        if (dueAt < state.breaksAt) return waitUntil(ctx, dueAt, 'promise');
      }
    }
    return waitUntil(ctx, state.breaksAt, 'promise');
  }
  const id = `promise:${promise.id}:follow-up`;
  if (targetDone(ctx.summary, id, 1)) return undefined;
  reasons.push({
    code: 'promise',
    promiseId: promise.id,
    status: state.status,
    amount: promise.amount,
    date: promise.date,
    paid: state.paid,
  });
  const name = state.status === 'broken' ? 'Broken promise follow-up' : 'Partly kept promise follow-up';
  const { channels, template, tone } = settings.followUp;
  return actOn(ctx, target({ id, name, actionType: 'promise-follow-up', channels, template, tone }), Infinity);
}
