import { describe, expect, it } from 'vitest';
import { DueflowError, ValidationError } from '../errors.js';
import { ActivitySchema } from '../model/activity.js';
import { InvoiceSchema } from '../model/invoice.js';
import { approveDiscount, expireDiscount, proposeDiscount, rejectDiscount } from './offers.js';

const invoice = InvoiceSchema.parse({
  id: 'inv-1',
  number: 'INV-1',
  customerId: 'acme',
  issueDate: '2025-02-01',
  dueDate: '2025-03-03',
  total: { amount: 420_000, currency: 'USD' },
});
const at = '2025-03-11T16:00:00Z';
const lead = { type: 'user' as const, id: 'lead' };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('discount offers', () => {
  it('computes the discount exactly and records the deadline as a field of the activity', () => {
    const { offer, activities } = proposeDiscount(
      { id: 'off-1', invoice, outstanding: 333_333, basisPoints: 250, deadline: '2025-03-14' },
      { at, idPrefix: 'off-1' },
    );
    // 2.5% of 3,333.33 is 83.33325, rounded to 83.33; the new total is the exact rest.
    expect(offer).toMatchObject({
      discount: { amount: 8_333, currency: 'USD' },
      newTotal: { amount: 325_000, currency: 'USD' },
      deadline: '2025-03-14',
      status: 'proposed',
    });
    expect(activities).toHaveLength(1);
    const [proposal] = activities;
    expect(ActivitySchema.parse(proposal)).toEqual(proposal);
    expect(proposal).toMatchObject({
      type: 'action',
      action: 'offer',
      outcome: 'awaiting-approval',
      until: '2025-03-14',
      amount: offer.discount,
      idempotencyKey: 'inv-1:offer:off-1:1',
    });
  });

  it('approves into a credit note, expires with a reversal, and refuses to act twice', () => {
    const { offer } = proposeDiscount(
      { id: 'off-2', invoice, outstanding: 420_000, amount: 20_000, deadline: '2025-03-14' },
      { at, idPrefix: 'off-2' },
    );
    const approved = approveDiscount(offer, invoice, { at, idPrefix: 'off-2-ok', by: lead });
    expect(approved.offer).toMatchObject({ status: 'approved', creditNoteId: 'off-2:credit' });
    expect(approved.credit).toMatchObject({ id: 'off-2:credit', amount: { amount: 20_000, currency: 'USD' } });
    expect(approved.activities[0]).toMatchObject({ outcome: 'approved', until: '2025-03-14', actor: lead });
    expect(() => approveDiscount(approved.offer, invoice, { at, idPrefix: 'again' })).toThrow(/offer off-2 is approved/);

    const expired = expireDiscount(approved.offer, invoice, { at: '2025-03-15T05:00:00Z', idPrefix: 'expire' });
    expect(expired.offer.status).toBe('expired');
    expect(expired.credit).toMatchObject({ id: 'off-2:reversal', amount: { amount: -20_000, currency: 'USD' } });
    expect(() => expireDiscount(expired.offer, invoice, { at, idPrefix: 'again' })).toThrow(DueflowError);
  });

  it('records a rejection with its reason', () => {
    const { offer } = proposeDiscount(
      { id: 'off-3', invoice, outstanding: 420_000, basisPoints: 500, deadline: '2025-03-14' },
      { at, idPrefix: 'off-3' },
    );
    const rejected = rejectDiscount(offer, 'margin too thin', { at, idPrefix: 'off-3-no', by: lead });
    expect(rejected.offer.status).toBe('rejected');
    expect(rejected.activities[0]).toMatchObject({ outcome: 'rejected', detail: 'margin too thin', until: '2025-03-14' });
    expect(() => rejectDiscount(rejected.offer, 'again', { at, idPrefix: 'again' })).toThrow(/offer off-3 is rejected/);
  });

  it('names the field and the value of bad input', () => {
    const cases = [
      [{ basisPoints: 0, deadline: '2025-03-14' }, 'basisPoints', 0],
      [{ basisPoints: 12.5, deadline: '2025-03-14' }, 'basisPoints', 12.5],
      [{ amount: 420_000, deadline: '2025-03-14' }, 'amount', 420_000],
      [{ amount: 100, deadline: '2025-02-30' }, 'deadline', '2025-02-30'],
    ] as const;
    for (const [input, field, value] of cases) {
      const error = thrown(() =>
        proposeDiscount({ id: 'off-x', invoice, outstanding: 420_000, ...input } as Parameters<typeof proposeDiscount>[0], {
          at,
          idPrefix: 'x',
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([expect.objectContaining({ field, value })]);
    }
    const paid = { ...invoice, status: 'paid' as const };
    expect(() =>
      proposeDiscount({ id: 'off-y', invoice: paid, outstanding: 0, basisPoints: 500, deadline: '2025-03-14' }, { at, idPrefix: 'y' }),
    ).toThrow(/invoice inv-1 is paid/);
  });
});
