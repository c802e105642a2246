import { parseSnapshot, type Snapshot } from '../engine/snapshot.js';
import { compilePolicy } from '../model/policy.js';
import { createInstallmentPlan } from './installment-plan.js';
import { approveDiscount, proposeDiscount } from './offers.js';
import { makePromise } from './promise.js';
import { describe, expect, it } from 'vitest';
import { offersFromTimeline } from './discount-offers.js';
import { settleSnapshot } from './settle-snapshot.js';

const policy = compilePolicy();
const base = parseSnapshot({
  invoice: {
    id: 'i1',
    number: 'N-1',
    customerId: 'c1',
    issueDate: '2025-02-01',
    dueDate: '2025-03-03',
    total: { amount: 100_000, currency: 'USD' },
  },
  customer: { id: 'c1', name: 'Acme', timeZone: 'America/New_York', contacts: [{ id: 'k1', email: 'ap@acme.example' }] },
});
const ctx = (at: string, idPrefix: string) => ({ at, idPrefix, by: { type: 'user' as const, id: 'sam' } });
const pay = (amount: number, at: string) => ({
  id: `pay-${at}`,
  customerId: 'c1',
  amount: { amount, currency: 'USD' },
  status: 'succeeded' as const,
  method: 'ach' as const,
  at,
  allocations: [{ invoiceId: 'i1', amount }],
});

/** Applies a settlement the way the collector does: activities and records both stored. */
function stored(snapshot: Snapshot, now: number): Snapshot {
  return settleSnapshot(snapshot, now, policy).snapshot;
}

describe('settleSnapshot', () => {
  it('breaks an unpaid promise once its date plus grace has passed in the customer’s zone, once', () => {
    const { promise, activities } = makePromise(
      { id: 'p1', invoice: base.invoice, amount: { amount: 100_000, currency: 'USD' }, date: '2025-03-13' },
      ctx('2025-03-11T15:00:00Z', 'mp'),
    );
    const snapshot = { ...base, promise, activities };
    // 13 March + 2 days' grace: still pending late on the 15th in New York (04:59 UTC on the 16th).
    expect(settleSnapshot(snapshot, Date.parse('2025-03-16T03:59:00Z'), policy).activities).toEqual([]);
    const settled = settleSnapshot(snapshot, Date.parse('2025-03-16T04:01:00Z'), policy);
    expect(settled.promises.map((p) => p.status)).toEqual(['broken']);
    expect(settled.events.map((e) => e.type)).toEqual(['promise.broken']);
    expect(settled.activities.map((a) => a.id)).toEqual(['settle:promise:p1:1']);
    const again = settleSnapshot(stored(snapshot, Date.parse('2025-03-16T04:01:00Z')), Date.parse('2025-03-17T12:00:00Z'), policy);
    expect(again.activities).toEqual([]);
  });

  it('keeps a promise paid in full, and completes a plan paid in full', () => {
    const { promise } = makePromise(
      { id: 'p1', invoice: base.invoice, amount: { amount: 40_000, currency: 'USD' }, date: '2025-03-13' },
      ctx('2025-03-11T15:00:00Z', 'mp'),
    );
    const { plan } = createInstallmentPlan(
      { id: 'pl', invoices: [{ invoice: base.invoice, outstanding: 100_000 }], frequency: 'weekly', count: 2, firstDueDate: '2025-03-14' },
      ctx('2025-03-11T15:00:00Z', 'cp'),
    );
    const snapshot = { ...base, promise, plan, payments: [pay(40_000, '2025-03-12T15:00:00Z'), pay(60_000, '2025-03-20T15:00:00Z')] };
    const settled = settleSnapshot(snapshot, Date.parse('2025-03-21T12:00:00Z'), policy);
    expect(settled.events.map((e) => e.type)).toEqual(['promise.kept', 'plan.completed']);
    expect(settled.snapshot.plan?.status).toBe('completed');
    expect(settled.wakeAt).toBeNull();
  });

  it('expires an approved discount the day after its deadline, and wakes the invoice then', () => {
    const proposed = proposeDiscount(
      { id: 'o1', invoice: base.invoice, outstanding: 100_000, basisPoints: 500, deadline: '2025-03-14' },
      ctx('2025-03-11T15:00:00Z', 'pd'),
    );
    const approved = approveDiscount(proposed.offer, base.invoice, ctx('2025-03-11T16:00:00Z', 'ad'));
    const snapshot = { ...base, credits: [approved.credit], activities: [...proposed.activities, ...approved.activities] };
    expect(offersFromTimeline(snapshot.activities, snapshot.credits, 95_000)).toMatchObject([
      { id: 'o1', status: 'approved', deadline: '2025-03-14', discount: { amount: 5_000 }, newTotal: { amount: 95_000 } },
    ]);
    const before = settleSnapshot(snapshot, Date.parse('2025-03-14T20:00:00Z'), policy);
    expect(before.activities).toEqual([]);
    expect(before.wakeAt).toBe(Date.parse('2025-03-15T04:00:00Z'));
    const after = settleSnapshot(snapshot, Date.parse('2025-03-15T04:00:00Z'), policy);
    expect(after.credits.map((c) => [c.id, c.amount.amount])).toEqual([['o1:reversal', -5_000]]);
    expect(offersFromTimeline(after.snapshot.activities, after.snapshot.credits, 100_000).map((o) => o.status)).toEqual(['expired']);
    expect(settleSnapshot(after.snapshot, Date.parse('2025-03-16T12:00:00Z'), policy).activities).toEqual([]);
  });

  it('leaves a discount paid by its deadline alone', () => {
    const proposed = proposeDiscount(
      { id: 'o1', invoice: base.invoice, outstanding: 100_000, amount: 5_000, deadline: '2025-03-14' },
      ctx('2025-03-11T15:00:00Z', 'pd'),
    );
    const approved = approveDiscount(proposed.offer, base.invoice, ctx('2025-03-11T16:00:00Z', 'ad'));
    const snapshot = {
      ...base,
      credits: [approved.credit],
      activities: [...proposed.activities, ...approved.activities],
      payments: [pay(95_000, '2025-03-13T15:00:00Z')],
    };
    const settled = settleSnapshot(snapshot, Date.parse('2025-03-20T12:00:00Z'), policy);
    expect(settled.activities).toEqual([]);
    expect(settled.wakeAt).toBeNull();
  });
});
