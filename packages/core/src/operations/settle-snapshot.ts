/**
 * Settling what time and payments changed before an invoice is decided: a promise kept or
 * broken, a plan completed or defaulted, an approved discount past its deadline. Pure and
 * synchronous: the runtime's collector runs it inside storage's `decide` callback.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import { outstandingAmount } from '../engine/balance.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { Activity } from '../model/activity.js';
import type { CreditNote } from '../model/invoice.js';
import type { CompiledPolicy } from '../model/policy.js';
import type { InstallmentPlan, PromiseToPay } from '../model/promise.js';
import { offersFromTimeline } from './discount-offers.js';
import { settlePlan } from './installment-plan.js';
import { expireDiscount, type DiscountOffer } from './offers.js';
import { settlePromise } from './promise.js';

/** A change found while settling, announced once storage has committed it. */
export type SettlementEvent =
  | { readonly type: 'promise.kept'; readonly promise: PromiseToPay }
  | { readonly type: 'promise.broken'; readonly promise: PromiseToPay }
  | { readonly type: 'plan.completed'; readonly plan: InstallmentPlan }
  | { readonly type: 'plan.defaulted'; readonly plan: InstallmentPlan }
  | { readonly type: 'offer.expired'; readonly offer: DiscountOffer };

/** What {@link settleSnapshot} found. */
export interface Settlement {
  /** The snapshot with the settled records, credits and activities, as the engine must see it. */
  readonly snapshot: Snapshot;
  /** Activities recording the changes (ids derived from the record, so settling twice writes them once). */
  readonly activities: readonly Activity[];
  /** Records whose state changed, to persist. */
  readonly promises: readonly PromiseToPay[];
  readonly plans: readonly InstallmentPlan[];
  readonly credits: readonly CreditNote[];
  readonly events: readonly SettlementEvent[];
  /**
   * The earliest moment something here changes by itself (an approved discount expires), which
   * the engine does not know about: the invoice must be decided again by then. `null` when none.
   */
  readonly wakeAt: number | null;
}

/**
 * Settles the snapshot's promise (`settlePromise`), its plan (`settlePlan`) and its approved
 * discounts whose deadline passed unpaid (`expireDiscount`) at `now`, in the customer's time
 * zone. Unchanged records are not returned.
 *
 * @example
 * ```ts
 * const settled = settleSnapshot(snapshot, now, policy);
 * const decision = nextAction(settled.snapshot, now, policy); // then persist settled.activities, promises, plans, credits
 * ```
 */
export function settleSnapshot(snapshot: Snapshot, now: number, policy: CompiledPolicy): Settlement {
  const zone = snapshot.customer.timeZone;
  const activities: Activity[] = [];
  const promises: PromiseToPay[] = [];
  const plans: InstallmentPlan[] = [];
  const credits: CreditNote[] = [];
  const events: SettlementEvent[] = [];
  let promise = snapshot.promise;
  let plan = snapshot.plan;

  if (promise !== undefined && promise.status === 'pending') {
    const settled = settlePromise(
      promise,
      {
        customerId: snapshot.customer.id,
        payments: snapshot.payments,
        graceDays: policy.source.promises.graceDays,
        zone,
        zones: policy.zones,
      },
      { at: now, idPrefix: `settle:promise:${promise.id}` },
    );
    if (settled.promise.status !== 'pending') {
      promise = settled.promise;
      promises.push(promise);
      activities.push(...settled.activities);
      events.push({ type: settled.promise.status === 'kept' ? 'promise.kept' : 'promise.broken', promise });
    }
  }

  const today = policy.zones.localDay(zone, now);
  if (plan !== undefined && plan.status === 'active') {
    const settled = settlePlan(plan, snapshot.payments, today, { at: now, idPrefix: `settle:plan:${plan.id}` });
    if (settled.plan.status !== 'active') {
      plan = settled.plan;
      plans.push(plan);
      activities.push(...settled.activities);
      events.push({ type: plan.status === 'completed' ? 'plan.completed' : 'plan.defaulted', plan });
    }
  }

  const owed = outstandingAmount(snapshot.invoice, snapshot.payments, snapshot.credits);
  let wakeAt: number | null = null;
  if (snapshot.invoice.status === 'open' && owed > 0) {
    for (const offer of offersFromTimeline(snapshot.activities, snapshot.credits, owed)) {
      if (offer.status !== 'approved' || offer.deadline === '') continue;
      if (today <= toEpochDay(offer.deadline)) {
        const expiresAt = policy.zones.instantOf(zone, toEpochDay(offer.deadline) + 1, 0);
        wakeAt = wakeAt === null ? expiresAt : Math.min(wakeAt, expiresAt);
        continue;
      }
      const expired = expireDiscount(offer, snapshot.invoice, { at: now, idPrefix: `settle:offer:${offer.id}` });
      credits.push(expired.credit);
      activities.push(...expired.activities);
      events.push({ type: 'offer.expired', offer: expired.offer });
    }
  }

  if (activities.length === 0) return { snapshot, activities, promises, plans, credits, events, wakeAt };
  const own = activities.filter((a) => a.invoiceId === snapshot.invoice.id);
  return {
    snapshot: {
      ...snapshot,
      ...(promise !== undefined ? { promise } : {}),
      ...(plan !== undefined ? { plan } : {}),
      credits: [...snapshot.credits, ...credits],
      activities: [...snapshot.activities, ...own],
    },
    activities,
    promises,
    plans,
    credits,
    events,
    wakeAt,
  };
}
