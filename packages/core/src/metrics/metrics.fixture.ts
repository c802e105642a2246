/**
 * A small ledger whose metrics are computed by hand in `docs/metrics.md` and in the tests.
 *
 * @module
 */
import type { Activity } from '../model/activity.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import type { PromiseToPay } from '../model/promise.js';
import type { MetricsData } from './ledger.js';

const invoice = (
  id: string,
  issueDate: string,
  dueDate: string,
  amount: number,
  currency = 'USD',
  status: Invoice['status'] = 'open',
): Invoice => ({
  id,
  number: id,
  customerId: 'c1',
  issueDate,
  dueDate,
  total: { amount, currency },
  status,
});

const pay = (id: string, invoiceId: string, at: string, amount: number, currency = 'USD'): Payment => ({
  id,
  customerId: 'c1',
  amount: { amount, currency },
  status: 'succeeded',
  method: 'ach',
  at,
  allocations: [{ invoiceId, amount }],
});

/**
 * Invoices I0-I7 in USD and E1 in EUR, with their payments and one credit note.
 *
 * @example
 * ```ts
 * dso(LEDGER, { start: '2025-03-01', end: '2025-03-31' }); // USD 30.07
 * ```
 */
export const LEDGER: MetricsData = {
  invoices: [
    invoice('I7', '2024-11-01', '2024-12-01', 25_000),
    invoice('I0', '2024-12-01', '2024-12-31', 70_000),
    invoice('I1', '2025-02-01', '2025-03-03', 100_000),
    invoice('I2', '2025-02-15', '2025-03-17', 200_000),
    invoice('I3', '2025-03-05', '2025-04-04', 300_000),
    invoice('I4', '2025-03-20', '2025-04-19', 150_000),
    invoice('I5', '2025-03-10', '2025-03-25', 50_000),
    invoice('I6', '2025-03-01', '2025-03-31', 999_999, 'USD', 'void'),
    invoice('E1', '2025-03-01', '2025-03-31', 80_000, 'EUR'),
  ],
  payments: [
    pay('P1', 'I1', '2025-02-20T10:00:00Z', 40_000),
    pay('P2', 'I1', '2025-03-10T10:00:00Z', 60_000),
    pay('P3', 'I3', '2025-03-25T10:00:00Z', 300_000),
    pay('P4', 'E1', '2025-03-31T23:00:00Z', 80_000, 'EUR'),
    { ...pay('P5', 'I2', '2025-03-05T10:00:00Z', 200_000), status: 'failed' },
  ],
  credits: [{ id: 'CN1', invoiceId: 'I5', amount: { amount: 10_000, currency: 'USD' }, at: '2025-03-12T10:00:00Z' } satisfies CreditNote],
};

const base = { customerId: 'c1', actor: { type: 'system' as const } };

/**
 * Promise activities: pr1 kept, pr2 broken, pr3 partially kept in March; pr4 kept in April.
 *
 * @example
 * ```ts
 * promiseKeptRate({ activities: PROMISE_ACTIVITIES }, march);
 * ```
 */
export const PROMISE_ACTIVITIES: Activity[] = [
  { ...base, id: 'a1', at: '2025-03-05T10:00:00Z', type: 'promise', promiseId: 'pr1', event: 'kept' },
  { ...base, id: 'a2', at: '2025-03-10T10:00:00Z', type: 'promise', promiseId: 'pr2', event: 'broken' },
  { ...base, id: 'a3', at: '2025-03-20T10:00:00Z', type: 'promise', promiseId: 'pr3', event: 'partially-kept' },
  { ...base, id: 'a4', at: '2025-04-02T10:00:00Z', type: 'promise', promiseId: 'pr4', event: 'kept' },
  { ...base, id: 'a5', at: '2025-03-01T10:00:00Z', type: 'promise', promiseId: 'pr5', event: 'made' },
];

const promise = (id: string, status: PromiseToPay['status'], settledAt?: string): PromiseToPay => ({
  id,
  invoiceId: 'I2',
  amount: { amount: 1000, currency: 'USD' },
  date: '2025-03-10',
  madeAt: '2025-03-01T10:00:00Z',
  status,
  paid: 0,
  ...(settledAt !== undefined ? { settledAt } : {}),
});

/**
 * Promise records: pr6 kept in March (no activity), pr2 recorded as kept (its activity says broken), pr7 cancelled.
 *
 * @example
 * ```ts
 * promiseKeptRate({ activities: PROMISE_ACTIVITIES, promises: PROMISE_RECORDS }, march).rate; // 0.5
 * ```
 */
export const PROMISE_RECORDS: PromiseToPay[] = [
  promise('pr6', 'kept', '2025-03-15T10:00:00Z'),
  promise('pr2', 'kept', '2025-03-11T10:00:00Z'),
  promise('pr7', 'cancelled', '2025-03-11T10:00:00Z'),
];
