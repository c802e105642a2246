import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import type { Invoice, Payment } from '../model/invoice.js';
import { AGING_BUCKETS, agingReport } from './aging.js';
import { receivablesSummary } from './dso.js';

const DAY0 = toEpochDay('2025-01-01');

const ledgerArb = fc
  .array(
    fc.record({
      issue: fc.integer({ min: 0, max: 120 }),
      terms: fc.integer({ min: 0, max: 60 }),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      paidShare: fc.integer({ min: 0, max: 100 }),
      payDay: fc.integer({ min: 0, max: 150 }),
    }),
    { maxLength: 40 },
  )
  .map((rows) => {
    const invoices: Invoice[] = [];
    const payments: Payment[] = [];
    rows.forEach((r, i) => {
      const id = `i${i}`;
      invoices.push({
        id,
        number: id,
        customerId: 'c',
        issueDate: fromEpochDay(DAY0 + r.issue),
        dueDate: fromEpochDay(DAY0 + r.issue + r.terms),
        total: { amount: r.amount, currency: r.currency },
        status: 'open',
      });
      const paid = Math.floor((r.amount * r.paidShare) / 100);
      if (paid > 0) {
        payments.push({
          id: `p${i}`,
          customerId: 'c',
          amount: { amount: paid, currency: r.currency },
          status: 'succeeded',
          method: 'ach',
          at: new Date((DAY0 + r.issue + r.payDay) * MS_PER_DAY).toISOString(),
          allocations: [{ invoiceId: id, amount: paid }],
        });
      }
    });
    return { invoices, payments };
  });

describe('metrics per currency', () => {
  it('aging buckets sum to the closing receivables of each currency, and each currency only holds its own invoices', () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer({ min: 0, max: 200 }), (data, at) => {
        const asOf = fromEpochDay(DAY0 + at);
        const summary = receivablesSummary(data, { start: '2024-12-01', end: asOf });
        for (const report of agingReport(data, asOf)) {
          expect(AGING_BUCKETS.reduce((s, b) => s + report.buckets[b], 0)).toBe(report.total);
          expect(summary.find((s) => s.currency === report.currency)?.receivables).toBe(report.total);
          const own = data.invoices.filter((i) => i.total.currency === report.currency).reduce((s, i) => s + i.total.amount, 0);
          expect(report.total).toBeLessThanOrEqual(own);
          expect(Number.isSafeInteger(report.total)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
