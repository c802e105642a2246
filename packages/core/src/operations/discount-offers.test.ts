import { describe, expect, it } from 'vitest';
import { InvoiceSchema } from '../model/invoice.js';
import { approveDiscount, proposeDiscount } from './offers.js';
import { offersFromTimeline } from './discount-offers.js';

const invoice = InvoiceSchema.parse({
  id: 'inv-1',
  number: 'INV-1',
  customerId: 'acme',
  issueDate: '2025-02-01',
  dueDate: '2025-03-03',
  total: { amount: 420_000, currency: 'USD' },
});
const at = '2025-03-11T16:00:00Z';

describe('offersFromTimeline', () => {
  it('reads the deadline from the activities, approved or not, in any order', () => {
    const first = proposeDiscount(
      { id: 'off-1', invoice, outstanding: 420_000, basisPoints: 500, deadline: '2025-03-14' },
      { at, idPrefix: 'off-1' },
    );
    const second = proposeDiscount(
      { id: 'off-2', invoice, outstanding: 420_000, amount: 1_000, deadline: '2025-03-21' },
      { at: '2025-03-12T09:00:00Z', idPrefix: 'off-2' },
    );
    const approved = approveDiscount(first.offer, invoice, { at: '2025-03-11T18:00:00Z', idPrefix: 'off-1-ok' });
    const activities = [...approved.activities, ...second.activities, ...first.activities].reverse();
    const offers = offersFromTimeline(activities, [approved.credit], 420_000 - 21_000);
    expect(offers.map((o) => [o.id, o.status, o.deadline, o.newTotal.amount])).toEqual([
      ['off-1', 'approved', '2025-03-14', 399_000],
      ['off-2', 'proposed', '2025-03-21', 398_000],
    ]);
  });
});
