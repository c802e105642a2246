import type { Activity } from '../model/activity.js';
import { InvoiceSchema, PaymentSchema } from '../model/invoice.js';
import type { Invoice, InvoiceInput, Payment, PaymentInput } from '../model/invoice.js';
import { describe, expect, it } from 'vitest';
import { summarizeCustomer } from './customer-stats.js';

const inv = (o: Partial<InvoiceInput> & { id: string }): Invoice =>
  InvoiceSchema.parse({
    number: o.id,
    customerId: 'c1',
    issueDate: '2025-01-01',
    dueDate: '2025-01-31',
    total: { amount: 10_000, currency: 'USD' },
    ...o,
  });
const pay = (id: string, invoiceId: string, amount: number, at: string, o: Partial<PaymentInput> = {}): Payment =>
  PaymentSchema.parse({
    id,
    customerId: 'c1',
    amount: { amount, currency: 'USD' },
    status: 'succeeded',
    at,
    allocations: [{ invoiceId, amount }],
    ...o,
  });
const NOW = Date.parse('2025-06-01T00:00:00Z');

describe('summarizeCustomer', () => {
  it('counts settled invoices, late ones and the mean days late', () => {
    const stats = summarizeCustomer(
      {
        invoices: [inv({ id: 'a' }), inv({ id: 'b', dueDate: '2025-02-28' }), inv({ id: 'c' })],
        payments: [
          pay('p1', 'a', 10_000, '2025-02-10T12:00:00Z'),
          pay('p2', 'b', 10_000, '2025-02-20T12:00:00Z'),
          pay('p3', 'c', 5_000, '2025-02-01T00:00:00Z'),
        ],
      },
      NOW,
    );
    expect(stats).toEqual({
      settledInvoices: 2,
      paidLate: 1,
      averageDaysLate: 5,
      brokenPromises: 0,
      keptPromises: 0,
      openDisputes: 0,
      averageInvoiceAmount: 10_000,
      lastPaymentAt: '2025-02-20T12:00:00.000Z',
    });
  });

  it('dates settlement in the customer’s zone', () => {
    // 2025-02-01T02:00Z is still January 31 in New York: on time there, one day late in UTC.
    const history = { invoices: [inv({ id: 'a' })], payments: [pay('p1', 'a', 10_000, '2025-02-01T02:00:00Z')] };
    expect(summarizeCustomer(history, NOW).paidLate).toBe(1);
    expect(summarizeCustomer({ ...history, timeZone: 'America/New_York' }, NOW).paidLate).toBe(0);
  });

  it('ignores payments after now, failed payments, voids and drafts', () => {
    const stats = summarizeCustomer(
      {
        invoices: [inv({ id: 'a' }), inv({ id: 'v', status: 'void' }), inv({ id: 'd', status: 'draft' })],
        payments: [pay('p1', 'a', 10_000, '2025-07-01T00:00:00Z'), pay('p2', 'a', 10_000, '2025-02-01T00:00:00Z', { status: 'failed' })],
      },
      NOW,
    );
    expect(stats).toMatchObject({ settledInvoices: 0, paidLate: 0, averageDaysLate: 0 });
    expect(stats.lastPaymentAt).toBeUndefined();
  });

  it('dates invoices marked paid by their status activity, and counts promises and disputes', () => {
    const marked: Activity = {
      id: 's1',
      type: 'status',
      at: '2025-02-03T10:00:00Z',
      customerId: 'c1',
      invoiceId: 'a',
      actor: { type: 'user' },
      change: 'marked-paid',
    };
    const stats = summarizeCustomer(
      {
        invoices: [inv({ id: 'a', status: 'paid' }), inv({ id: 'b', dispute: { reason: 'wrong', openedAt: '2025-02-01T00:00:00Z' } })],
        payments: [],
        activities: [marked],
        promises: [
          {
            id: 'x',
            invoiceId: 'b',
            amount: { amount: 1, currency: 'USD' },
            date: '2025-02-01',
            madeAt: '2025-01-20T00:00:00Z',
            status: 'broken',
            paid: 0,
          },
          {
            id: 'y',
            invoiceId: 'b',
            amount: { amount: 1, currency: 'USD' },
            date: '2025-02-01',
            madeAt: '2025-01-20T00:00:00Z',
            status: 'kept',
            paid: 1,
          },
        ],
      },
      NOW,
    );
    expect(stats).toMatchObject({
      settledInvoices: 1,
      paidLate: 1,
      averageDaysLate: 3,
      brokenPromises: 1,
      keptPromises: 1,
      openDisputes: 1,
    });
  });

  it('averages invoice totals in the most used currency', () => {
    const stats = summarizeCustomer(
      {
        invoices: [
          inv({ id: 'a' }),
          inv({ id: 'b', total: { amount: 30_000, currency: 'USD' } }),
          inv({ id: 'e', total: { amount: 999, currency: 'EUR' } }),
        ],
        payments: [],
      },
      NOW,
    );
    expect(stats.averageInvoiceAmount).toBe(20_000);
  });
});
