/**
 * Discount offers kept on the timeline.
 *
 * The storage port has no offers table: an offer lives as the `offer` action activities the core
 * transitions write (proposed, then approved or rejected, under the key
 * `<invoiceId>:offer:<offerId>:1`) and, once approved, as its credit note (`<offerId>:credit`)
 * and the reversal written when it expires (`<offerId>:reversal`). Its state is derived from
 * those with a pure function, so every storage adapter keeps offers without a schema change.
 *
 * @module
 */
import type { ActionActivity, Activity } from '../model/activity.js';
import type { CreditNote } from '../model/invoice.js';
import type { DiscountOffer } from './offers.js';

const RANK = { 'awaiting-approval': 0, queued: 0, approved: 1, rejected: 1, cancelled: 1, sent: 1, failed: 1 } as const;

function isOfferActivity(a: Activity): a is ActionActivity & { idempotencyKey: string } {
  return (
    a.type === 'action' && a.action === 'offer' && a.stepId.startsWith('offer:') && a.idempotencyKey !== undefined && a.amount !== undefined
  );
}

/**
 * The discount offers recorded on a timeline, oldest first, with their current status.
 * `outstanding` (minor units, the invoice's balance now) gives `newTotal`: what the customer
 * pays by the deadline (the balance less the discount while proposed; the balance itself once
 * the discount is credited).
 *
 * @example
 * ```ts
 * const offers = offersFromTimeline(snapshot.activities, snapshot.credits, outstandingAmount(snapshot.invoice, snapshot.payments, snapshot.credits));
 * offers.filter((o) => o.status === 'proposed');
 * ```
 */
export function offersFromTimeline(activities: readonly Activity[], credits: readonly CreditNote[], outstanding: number): DiscountOffer[] {
  const byKey = new Map<string, { first: ActionActivity; last: ActionActivity }>();
  for (const a of activities) {
    if (!isOfferActivity(a)) continue;
    const seen = byKey.get(a.idempotencyKey);
    if (seen === undefined) byKey.set(a.idempotencyKey, { first: a, last: a });
    else {
      if (Date.parse(a.at) < Date.parse(seen.first.at)) seen.first = a;
      if (
        RANK[a.outcome] > RANK[seen.last.outcome] ||
        (RANK[a.outcome] === RANK[seen.last.outcome] && Date.parse(a.at) > Date.parse(seen.last.at))
      )
        seen.last = a;
    }
  }
  const creditIds = new Set(credits.map((c) => c.id));
  const out: DiscountOffer[] = [];
  for (const { first, last } of byKey.values()) {
    const id = first.stepId.slice('offer:'.length);
    const discount = first.amount!;
    const deadline = first.until ?? '';
    const status: DiscountOffer['status'] =
      last.outcome === 'approved'
        ? creditIds.has(`${id}:reversal`)
          ? 'expired'
          : 'approved'
        : last.outcome === 'rejected' || last.outcome === 'cancelled'
          ? 'rejected'
          : 'proposed';
    out.push({
      id,
      invoiceId: first.invoiceId ?? '',
      customerId: first.customerId,
      discount,
      newTotal: { amount: status === 'proposed' ? Math.max(0, outstanding - discount.amount) : outstanding, currency: discount.currency },
      deadline,
      status,
      proposedAt: first.at,
      ...(status === 'approved' || status === 'expired' ? { creditNoteId: `${id}:credit` } : {}),
    });
  }
  return out.sort((a, b) => Date.parse(a.proposedAt) - Date.parse(b.proposedAt) || (a.id < b.id ? -1 : 1));
}
