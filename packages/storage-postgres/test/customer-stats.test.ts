/**
 * The batch loader ships only the invoice fields customer statistics read (as positional JSON
 * arrays, for speed). These tests pin that the statistics stay exactly what `summarizeCustomer`
 * computes from the full documents, on a history that exercises every branch: disputes, voids,
 * drafts, write-offs, invoices marked paid, credits, promises, failed and future payments, a
 * second currency and a non-UTC zone.
 *
 * @module
 */
import { PGlite } from '@electric-sql/pglite';
import type { Activity, CreditNote, CustomerStats, Invoice, Payment, PromiseToPay, Snapshot } from '@dueflow/core';
import { summarizeCustomer } from '@dueflow/core';
import { enqueueingDecide } from '@dueflow/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, createPostgresStorage, type PostgresStorage } from '../src/index.js';
import { customer, invoice, payment } from './fixtures.js';
import { openServerPool, uniqueSchema } from './support.js';

const NOW = Date.parse('2025-04-10T10:00:00Z');
const ZONE = 'America/New_York';

const invoices: Invoice[] = [
  invoice('i1', 'c1', '2025-03-01'),
  invoice('i2', 'c1', '2025-03-10', { dispute: { reason: 'wrong amount', openedAt: '2025-03-12T00:00:00Z' } }),
  invoice('i3', 'c1', '2025-02-01', { status: 'paid' }),
  invoice('i4', 'c1', '2025-02-15', { status: 'void' }),
  invoice('i5', 'c1', '2025-02-15', { status: 'draft' }),
  invoice('i6', 'c1', '2025-02-20', { status: 'written-off' }),
  invoice('i7', 'c1', '2025-01-31', { total: { amount: 50_000, currency: 'EUR' } }),
  invoice('i8', 'c1', '2025-03-20', { total: { amount: 30_000, currency: 'USD' } }),
  invoice('i9', 'c1', '2025-04-01', { status: 'paid', dispute: { reason: 'late', openedAt: '2025-03-01T00:00:00Z' } }),
  // Another customer's invoice: never part of c1's statistics.
  invoice('j1', 'c2', '2025-03-01'),
];

const payments: Payment[] = [
  // Settles i1 late in UTC, on time in New York.
  payment('p1', 'c1', 'i1', 100_000, '2025-03-02T02:00:00Z'),
  payment('p2', 'c1', 'i8', 20_000, '2025-03-25T12:00:00Z'),
  {
    ...payment('p3', 'c1', 'i7', 50_000, '2025-02-05T12:00:00Z'),
    amount: { amount: 50_000, currency: 'EUR' },
    allocations: [{ invoiceId: 'i7', amount: 50_000 }],
  },
  { ...payment('p4', 'c1', 'i2', 100_000, '2025-03-20T12:00:00Z'), status: 'failed' },
  // After NOW: ignored.
  payment('p5', 'c1', 'i2', 100_000, '2025-05-01T12:00:00Z'),
  payment('q1', 'c2', 'j1', 100_000, '2025-03-01T12:00:00Z'),
];

// The credit settles the rest of i8.
const credits: CreditNote[] = [{ id: 'cn1', invoiceId: 'i8', amount: { amount: 10_000, currency: 'USD' }, at: '2025-03-28T00:00:00Z' }];

const promise = (id: string, invoiceId: string, status: PromiseToPay['status']): PromiseToPay => ({
  id,
  invoiceId,
  amount: { amount: 1_000, currency: 'USD' },
  date: '2025-03-15',
  madeAt: '2025-03-01T00:00:00Z',
  status,
  paid: status === 'kept' ? 1_000 : 0,
});
const promises: PromiseToPay[] = [
  promise('pr1', 'i2', 'broken'),
  promise('pr2', 'i1', 'kept'),
  promise('pr3', 'i8', 'pending'),
  promise('pr4', 'j1', 'broken'),
];

const activities: Activity[] = [
  {
    id: 's1',
    type: 'status',
    at: '2025-02-04T10:00:00Z',
    customerId: 'c1',
    invoiceId: 'i3',
    actor: { type: 'user' },
    change: 'marked-paid',
  },
  {
    id: 's2',
    type: 'status',
    at: '2025-04-05T10:00:00Z',
    customerId: 'c1',
    invoiceId: 'i9',
    actor: { type: 'user' },
    change: 'marked-paid',
  },
  {
    id: 's3',
    type: 'status',
    at: '2025-03-01T10:00:00Z',
    customerId: 'c2',
    invoiceId: 'j1',
    actor: { type: 'user' },
    change: 'marked-paid',
  },
];

/** What every store must return: the reference computation over the full documents. */
function expected(at: number): CustomerStats {
  return summarizeCustomer(
    {
      timeZone: ZONE,
      invoices: invoices.filter((i) => i.customerId === 'c1'),
      payments: payments.filter((p) => p.customerId === 'c1'),
      credits,
      promises: promises.filter((p) => p.invoiceId !== 'j1'),
      activities: activities.filter((a) => a.customerId === 'c1'),
    },
    at,
  );
}

async function seed(storage: PostgresStorage): Promise<void> {
  await storage.init();
  await storage.commit({ customers: [customer('c1', { timeZone: ZONE }), customer('c2')] });
  await storage.commit({ invoices });
  await storage.commit({ payments });
  await storage.commit({ credits });
  await storage.commit({ promises });
  await storage.commit({ activities });
}

async function checkStats(storage: PostgresStorage): Promise<void> {
  await seed(storage);
  for (const at of [NOW, Date.parse('2025-03-05T00:00:00Z')])
    expect((await storage.loadSnapshot('i1', { statsAsOf: at }))?.customerStats).toEqual(expected(at));
  // The statistics decideDue hands the engine come from the batch statement, not from loadSnapshot.
  const seen = new Map<string, Snapshot>();
  const decide = enqueueingDecide(NOW, (id) => `${id}:k1`);
  await storage.decideDue({ now: NOW, limit: 100 }, (snapshot) => {
    seen.set(snapshot.invoice.id, snapshot);
    return decide(snapshot);
  });
  expect(seen.size).toBeGreaterThan(1);
  for (const snapshot of seen.values()) {
    if (snapshot.invoice.customerId === 'c1') expect(snapshot.customerStats).toEqual(expected(NOW));
  }
}

describe('customer statistics match summarizeCustomer over the full documents', () => {
  const pglite = new PGlite();
  afterAll(() => pglite.close());

  it('on PGlite', async () => {
    await checkStats(createPgliteStorage({ pglite, schema: uniqueSchema('stats'), tenantId: 't' }));
  });

  it('on the server', async (ctx) => {
    const opened = await openServerPool(2);
    if ('skip' in opened) return ctx.skip(opened.skip);
    const schema = uniqueSchema('stats');
    try {
      await checkStats(createPostgresStorage({ pool: opened.pool, schema, tenantId: 't' }));
    } finally {
      await opened.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await opened.pool.end();
    }
  });
});
