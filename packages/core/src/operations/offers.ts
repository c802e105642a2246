/**
 * Offers that need a person's approval: an early-payment discount (percent or amount, with a
 * deadline and the new total computed exactly) and a payment-plan proposal (see
 * `createInstallmentPlan` with `status: 'proposed'` and `approvePlan`). Each is recorded on the
 * timeline from proposal to approval or rejection.
 *
 * @module
 */
import { isCalendarDate } from '../calendar/day.js';
import { ValidationError } from '../errors.js';
import type { Activity } from '../model/activity.js';
import type { CreditNote, Invoice } from '../model/invoice.js';
import { multiply, type Money } from '../model/money.js';
import { activityBase, invalid, isoOf, type TransitionContext } from './common.js';
import { addCreditNote } from './invoice-operations.js';

/** An early-payment discount offer. */
export interface DiscountOffer {
  readonly id: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly discount: Money;
  /** What the customer pays if they pay by the deadline: outstanding − discount, exactly. */
  readonly newTotal: Money;
  /** Local date by which the discounted amount must be paid. */
  readonly deadline: string;
  readonly status: 'proposed' | 'approved' | 'rejected' | 'expired';
  readonly proposedAt: string;
  /** The credit note recording the discount once approved. */
  readonly creditNoteId?: string;
}

function offerActivity(
  ctx: TransitionContext,
  offer: DiscountOffer,
  outcome: 'awaiting-approval' | 'approved' | 'rejected' | 'cancelled',
  detail?: string,
): Activity {
  return {
    ...activityBase(ctx, offer.customerId, offer.invoiceId, 1),
    type: 'action',
    stepId: `offer:${offer.id}`,
    occurrence: 1,
    action: 'offer',
    outcome,
    amount: offer.discount,
    until: offer.deadline,
    idempotencyKey: `${offer.invoiceId}:offer:${offer.id}:1`,
    ...(detail !== undefined ? { detail } : {}),
  };
}

/**
 * Proposes an early-payment discount; it waits for a person's approval.
 *
 * @example
 * ```ts
 * const { offer } = proposeDiscount({ id: 'off-1', invoice, outstanding: 420_000, basisPoints: 500, deadline: '2025-03-14' }, { at: now, idPrefix: 'req-20' });
 * offer.newTotal; // { amount: 399000, currency: 'USD' } (4,200.00 less 5%)
 * ```
 */
export function proposeDiscount(
  input: { readonly id: string; readonly invoice: Invoice; readonly outstanding: number; readonly deadline: string } & (
    | { readonly basisPoints: number; readonly amount?: undefined }
    | { readonly amount: number; readonly basisPoints?: undefined }
  ),
  ctx: TransitionContext,
): { offer: DiscountOffer; activities: Activity[] } {
  const { invoice, outstanding } = input;
  if (invoice.status !== 'open') invalid(`proposeDiscount: invoice ${invoice.id} is ${invoice.status}`);
  if (!isCalendarDate(input.deadline)) {
    throw new ValidationError('discount offer', [
      { path: ['deadline'], field: 'deadline', message: 'expected a calendar date YYYY-MM-DD', value: input.deadline },
    ]);
  }
  const owed: Money = { amount: outstanding, currency: invoice.total.currency };
  let discount: Money;
  if (input.basisPoints !== undefined) {
    if (!Number.isInteger(input.basisPoints) || input.basisPoints <= 0 || input.basisPoints >= 10_000) {
      throw new ValidationError('discount offer', [
        {
          path: ['basisPoints'],
          field: 'basisPoints',
          message: 'must be an integer between 1 and 9999 (500 = 5%)',
          value: input.basisPoints,
        },
      ]);
    }
    discount = multiply(owed, input.basisPoints, 10_000);
  } else {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount >= outstanding) {
      throw new ValidationError('discount offer', [
        {
          path: ['amount'],
          field: 'amount',
          message: `must be a positive integer below the outstanding ${outstanding}`,
          value: input.amount,
        },
      ]);
    }
    discount = { amount: input.amount, currency: owed.currency };
  }
  const offer: DiscountOffer = {
    id: input.id,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    discount,
    newTotal: { amount: outstanding - discount.amount, currency: owed.currency },
    deadline: input.deadline,
    status: 'proposed',
    proposedAt: isoOf(ctx.at),
  };
  return { offer, activities: [offerActivity(ctx, offer, 'awaiting-approval', `discount ${discount.amount} until ${input.deadline}`)] };
}

/**
 * Approves a proposed discount: records it as a credit note so the outstanding balance becomes
 * the discounted total.
 *
 * @example
 * ```ts
 * const { offer, credit } = approveDiscount(offer, invoice, { at: now, idPrefix: 'req-21', by: { type: 'user', id: 'lead' } });
 * ```
 */
export function approveDiscount(
  offer: DiscountOffer,
  invoice: Invoice,
  ctx: TransitionContext,
): { offer: DiscountOffer; credit: CreditNote; activities: Activity[] } {
  if (offer.status !== 'proposed') invalid(`approveDiscount: offer ${offer.id} is ${offer.status}`);
  const { credit, activities } = addCreditNote(
    invoice,
    { id: `${offer.id}:credit`, amount: offer.discount, reason: `early-payment discount, valid until ${offer.deadline}` },
    { ...ctx, idPrefix: `${ctx.idPrefix}:credit` },
  );
  const approved: DiscountOffer = { ...offer, status: 'approved', creditNoteId: credit.id };
  return { offer: approved, credit, activities: [offerActivity(ctx, approved, 'approved'), ...activities] };
}

/**
 * Rejects a proposed discount.
 *
 * @example
 * ```ts
 * rejectDiscount(offer, 'margin too thin', { at: now, idPrefix: 'req-22', by: { type: 'user', id: 'lead' } });
 * ```
 */
export function rejectDiscount(
  offer: DiscountOffer,
  reason: string,
  ctx: TransitionContext,
): { offer: DiscountOffer; activities: Activity[] } {
  if (offer.status !== 'proposed') invalid(`rejectDiscount: offer ${offer.id} is ${offer.status}`);
  const rejected: DiscountOffer = { ...offer, status: 'rejected' };
  return { offer: rejected, activities: [offerActivity(ctx, rejected, 'rejected', reason)] };
}

/**
 * Expires an approved discount that was not paid by its deadline: a reversing credit note puts
 * the discount back on the balance.
 *
 * @example
 * ```ts
 * expireDiscount(offer, invoice, { at: now, idPrefix: 'tick-30' });
 * ```
 */
export function expireDiscount(
  offer: DiscountOffer,
  invoice: Invoice,
  ctx: TransitionContext,
): { offer: DiscountOffer; credit: CreditNote; activities: Activity[] } {
  if (offer.status !== 'approved') invalid(`expireDiscount: offer ${offer.id} is ${offer.status}`);
  const reversal = { amount: -offer.discount.amount, currency: offer.discount.currency };
  const { credit, activities } = addCreditNote(
    invoice,
    { id: `${offer.id}:reversal`, amount: reversal, reason: `early-payment discount expired on ${offer.deadline}` },
    ctx,
  );
  return { offer: { ...offer, status: 'expired' }, credit, activities };
}
