import { describe, expect, it } from 'vitest';
import type { Activity } from '../model/activity.js';
import type { Invoice, Payment } from '../model/invoice.js';
import {
  featureVector,
  FEATURE_COUNT,
  FEATURE_NAMES,
  portfolioPrior,
  riskFeatures,
  typicalInvoiceAmounts,
  type HistoricalInvoice,
  type RiskInput,
} from './features.js';
import { sentimentOf } from './text-signals.js';

const ASOF = '2025-03-31T00:00:00Z';
const PRIOR = { lateShare: 0.3, averageDaysLate: 4, averageDelay: -5, delaySpread: 12 };

const invoice: Invoice = {
  id: 'inv-9',
  number: 'INV-9',
  customerId: 'c1',
  issueDate: '2025-02-01',
  dueDate: '2025-03-01',
  total: { amount: 300_000, currency: 'USD' },
  status: 'open',
};

const usd = (amount: number) => ({ amount, currency: 'USD' });
const history: HistoricalInvoice[] = [
  { id: 'h1', issueDate: '2024-10-01', dueDate: '2024-10-31', total: usd(100_000), settledAt: '2024-11-10T12:00:00Z' }, // 10 days late
  { id: 'h2', issueDate: '2024-11-01', dueDate: '2024-12-01', total: usd(200_000), settledAt: '2024-11-25T12:00:00Z' }, // 6 days early
  { id: 'h3', issueDate: '2024-12-01', dueDate: '2024-12-31', total: usd(300_000), settledAt: '2025-01-05T12:00:00Z' }, // 5 days late
  { id: 'h4', issueDate: '2025-01-15', dueDate: '2025-02-14', total: usd(400_000) }, // open, 45 days past due
  { id: 'h5', issueDate: '2025-03-20', dueDate: '2025-04-19', total: usd(250_000) }, // open, not due
  { id: 'h6', issueDate: '2025-04-10', dueDate: '2025-05-10', total: usd(900_000) }, // issued after asOf
  { id: 'inv-9', issueDate: '2025-02-01', dueDate: '2025-03-01', total: usd(300_000) }, // the scored invoice itself
];

const payment = (id: string, at: string, amount: number): Payment => ({
  id,
  customerId: 'c1',
  amount: usd(amount),
  status: 'succeeded',
  method: 'other',
  at,
  allocations: [{ invoiceId: 'inv-9', amount }],
});

const base = { customerId: 'c1', actor: { type: 'system' as const } };
const activities: Activity[] = [
  { ...base, id: 'a1', at: '2025-03-05T10:00:00Z', type: 'promise', promiseId: 'pr1', event: 'broken' },
  { ...base, id: 'a2', at: '2025-02-01T10:00:00Z', type: 'promise', promiseId: 'pr2', event: 'kept' },
  { ...base, id: 'a3', at: '2025-04-02T10:00:00Z', type: 'promise', promiseId: 'pr3', event: 'broken' },
  { ...base, id: 'a4', at: '2025-03-02T10:00:00Z', type: 'status', invoiceId: 'inv-7', change: 'dispute-opened' },
  { ...base, id: 'a5', at: '2025-03-20T10:00:00Z', type: 'status', invoiceId: 'inv-7', change: 'dispute-resolved' },
  { ...base, id: 'a6', at: '2025-03-25T10:00:00Z', type: 'status', invoiceId: 'inv-8', change: 'dispute-opened' },
  { ...base, id: 'a7', at: '2025-03-01T10:00:00Z', type: 'plan', planId: 'pl1', event: 'installment-missed' },
  { ...base, id: 'a8', at: '2025-03-15T10:00:00Z', type: 'plan', planId: 'pl1', event: 'installment-missed' },
  { ...base, id: 'a9', at: '2025-03-03T10:00:00Z', type: 'delivery', channel: 'email', event: 'delivered', actionKey: 'k1' },
  { ...base, id: 'a10', at: '2025-03-10T10:00:00Z', type: 'delivery', channel: 'email', event: 'delivered', actionKey: 'k2' },
  { ...base, id: 'a11', at: '2025-03-17T10:00:00Z', type: 'delivery', channel: 'email', event: 'delivered', actionKey: 'k3' },
  { ...base, id: 'a12', at: '2025-03-03T12:00:00Z', type: 'delivery', channel: 'email', event: 'opened', actionKey: 'k1' },
  { ...base, id: 'a13', at: '2025-03-28T10:00:00Z', type: 'note', source: 'agent', text: 'Client says cash flow is tight' },
  { ...base, id: 'a14', at: '2025-03-01T10:00:00Z', type: 'note', source: 'crm', text: 'great call' },
  { ...base, id: 'a15', at: '2025-04-01T10:00:00Z', type: 'note', source: 'crm', text: 'They filed for bankruptcy' },
];

const input: RiskInput = {
  invoice,
  history,
  activities,
  payments: [payment('p1', '2025-03-10T09:00:00Z', 100_000), payment('p2', '2025-04-05T09:00:00Z', 200_000)],
};

describe('riskFeatures', () => {
  const f = riskFeatures(input, ASOF, { prior: PRIOR, priorStrength: 4, recencyHalfLifeDays: 120 });

  it('reads aging and the outstanding amount as of the instant', () => {
    expect(f.daysPastDue).toBe(30);
    expect(f.agingBucket).toBe('1-30');
    expect(f.outstanding).toEqual({ amount: 200_000, currency: 'USD' }); // the April payment is ignored
    expect(f.amountRatio).toBeCloseTo(200_000 / 250_000, 12); // median of h1..h5
  });

  it('shrinks the customer history towards the prior', () => {
    // Known outcomes: h1 +10, h2 -6, h3 +5 and h4 still unpaid 45 days after its due date.
    expect(f.priorInvoices).toBe(4);
    expect(f.lateShare).toBeCloseTo((3 + 4 * 0.3) / 8, 12);
    expect(f.averageDaysLate).toBeCloseTo((60 + 4 * 4) / 8, 12);
    expect(f.averageDelay).toBeCloseTo((54 - 20) / 8, 12);
    expect(f.delayLateProbability).toBeCloseTo(0.586_141_85, 5);
    expect(f.recentLateShare).toBeCloseTo(0.497_982_11, 6);
    expect(f.channelLateShare).toBeCloseTo(f.lateShare, 12);
    expect(f.lastPaidLate).toBe(true);
    expect(f.otherOpen).toBe(2);
    expect(f.otherOverdue).toBe(1);
  });

  it('reads promises, disputes, plans, engagement and payments up to the instant', () => {
    expect(f.brokenPromises).toBe(1);
    expect(f.keptPromises).toBe(1);
    expect(f.openDisputes).toBe(1);
    expect(f.planArrears).toBe(2);
    expect(f.ignoredMessages).toBe(2);
    expect(f.replied).toBe(false);
    expect(f.daysSinceLastPayment).toBe(20); // 20.6 days, whole days elapsed
  });

  it('reads text signals from the notes written before the instant', () => {
    expect(f.cashFlowTrouble).toBe(true);
    expect(f.insolvency).toBe(false);
    expect(f.sentiment).toBeCloseTo((sentimentOf('Client says cash flow is tight') + sentimentOf('great call')) / 2, 12);
  });

  it('starts a customer without history at the prior', () => {
    const g = riskFeatures({ invoice }, ASOF, { prior: PRIOR });
    expect(g.lateShare).toBe(0.3);
    expect(g.averageDaysLate).toBe(4);
    expect(g.averageDelay).toBe(-5);
    expect(g.amountRatio).toBe(1);
    expect(g.daysSinceLastPayment).toBeNull();
    expect(g.priorInvoices).toBe(0);
  });

  it('uses customer statistics when no dated history is given', () => {
    const g = riskFeatures(
      {
        invoice,
        stats: {
          settledInvoices: 6,
          paidLate: 3,
          averageDaysLate: 5,
          brokenPromises: 2,
          keptPromises: 0,
          openDisputes: 1,
          lastPaymentAt: '2025-03-21T00:00:00Z',
        },
      },
      ASOF,
      { prior: PRIOR },
    );
    expect(g.lateShare).toBeCloseTo((3 + 1.2) / 10, 12);
    expect(g.averageDaysLate).toBeCloseTo((30 + 16) / 10, 12);
    expect(g.brokenPromises).toBe(2);
    expect(g.openDisputes).toBe(1);
    expect(g.daysSinceLastPayment).toBe(10);
  });

  it('counts only history billed the same way for the channel late share', () => {
    const paper = history.map((h) => ({ ...h, paperBilling: h.id === 'h1' || h.id === 'h3' }));
    const g = riskFeatures({ invoice, history: paper, paperBilling: true }, ASOF, { prior: PRIOR });
    // h1 and h3 were both late: (2 + 4 × lateShare) / (2 + 4).
    expect(g.channelLateShare).toBeCloseTo((2 + 4 * g.lateShare) / 6, 12);
    expect(g.paperBilling).toBe(true);
  });

  it('rejects an unreadable instant with a typed error', () => {
    expect(() => riskFeatures(input, 'yesterday')).toThrow(/asOf/);
  });
});

describe('featureVector', () => {
  it('has one finite number per feature name', () => {
    const x = featureVector(riskFeatures(input, ASOF));
    expect(x).toHaveLength(FEATURE_COUNT);
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
    for (const v of x) expect(Number.isFinite(v)).toBe(true);
    expect(x[FEATURE_NAMES.indexOf('aging1to30')]).toBe(1);
    expect(x[FEATURE_NAMES.indexOf('aging31to60')]).toBe(0);
    expect(x[FEATURE_NAMES.indexOf('daysPastDue')]).toBe(1); // 30 days = one month
  });
});

describe('portfolio statistics', () => {
  it('computes the prior from history settled by the instant', () => {
    const p = portfolioPrior(history, ASOF);
    expect(p.lateShare).toBeCloseTo(2 / 3, 12);
    expect(p.averageDaysLate).toBeCloseTo(15 / 3, 12);
    expect(p.averageDelay).toBeCloseTo(9 / 3, 12);
    expect(p.delaySpread).toBeCloseTo(Math.sqrt((100 + 36 + 25) / 3 - 9), 12);
  });

  it('computes typical amounts per currency from invoices issued by the instant', () => {
    // The portfolio includes the scored invoice: median of 100k, 200k, 250k, 300k, 300k, 400k.
    expect(typicalInvoiceAmounts(history, ASOF)).toEqual({ USD: 275_000 });
  });
});
