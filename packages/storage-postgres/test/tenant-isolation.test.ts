import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { CustomerStats } from '@dueflow/core';
import { createPgliteStorage, createPostgresStorage, type PostgresStorage } from '../src/index.js';
import { customer, invoice, note, payment } from './fixtures.js';
import { decideWithEngine, NOW, seedScenario } from './scenario.js';
import { openServerPool, poolQuery, uniqueSchema, type RawQuery } from './support.js';

const TABLES = [
  'customers',
  'contacts',
  'invoices',
  'payments',
  'payment_allocations',
  'credit_notes',
  'promises',
  'plans',
  'plan_invoices',
  'activities',
  'outbox',
];

/** Every row not belonging to tenant `a`, as text: any change by tenant a's calls shows up here. */
async function othersRows(query: RawQuery, schema: string): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = await query(`SELECT to_jsonb(t)::text AS row FROM "${schema}".${table} t WHERE tenant_id <> 'a' ORDER BY 1`);
    parts.push(`${table}:${rows.map((r) => r['row'] as string).join('\n')}`);
  }
  return parts.join('\n\n');
}

async function exerciseEveryMethod(a: PostgresStorage): Promise<void> {
  await a.init();
  await a.migrate();
  await a.commit({ customers: [customer('c1', { name: 'a one (edited)' }), customer('c3', { name: 'a three' })] });
  await a.commit({ invoices: [invoice('i1', 'c1', '2025-03-04'), invoice('i5', 'c3')] });
  await a.commit({ payments: [payment('p1', 'c1', 'i2', 200), payment('p2', 'c1', 'i1', 300)] });
  await a.commit({ credits: [{ id: 'cn1', invoiceId: 'i1', amount: { amount: 70, currency: 'USD' }, at: '2025-03-02T00:00:00Z' }] });
  await a.commit({
    promises: [
      {
        id: 'pr1',
        invoiceId: 'i4',
        amount: { amount: 10, currency: 'USD' },
        date: '2025-03-21',
        madeAt: '2025-03-02T00:00:00Z',
        status: 'broken',
        paid: 0,
      },
    ],
  });
  await a.commit({
    plans: [
      {
        id: 'pl1',
        customerId: 'c2',
        invoiceIds: ['i3'],
        total: { amount: 100_000, currency: 'USD' },
        frequency: 'monthly',
        installments: [{ seq: 1, dueDate: '2025-04-02', amount: { amount: 100_000, currency: 'USD' }, paid: 0 }],
        status: 'cancelled',
        createdAt: '2025-03-02T00:00:00Z',
        maxMissed: 2,
        graceDays: 3,
      },
    ],
  });
  await a.commit({ activities: [note('n1', 'c1', 'i1'), note('n2', 'c2', 'i3')] });
  await a.commit({ touch: ['i1', 'i2', 'i3', 'i4'] });
  const later = NOW + 7_200_000;
  await a.decideDue({ now: later, limit: 100, recentContactsSince: 0 }, decideWithEngine(later));
  const claims = await a.claimOutbox({ now: later, limit: 100, workerId: 'a-worker', leaseMs: 60_000 });
  for (const [i, c] of claims.entries()) {
    await a.completeOutbox({
      key: c.entry.key,
      token: c.token,
      now: later,
      result: i === 0 ? { status: 'sent', providerMessageId: 'm' } : { status: 'retry', error: 'x', notBefore: later + 1 },
      activities: [],
    });
  }
  for (const e of await a.listOutbox({ status: ['awaiting-approval'] })) {
    await a.reviewOutbox({ key: e.key, decision: 'approved', by: 'u', now: later, activities: [] });
  }
  await a.importInvoices([invoice('i2', 'c1', '2025-02-09'), invoice('i6', 'c3')]);
  await a.close();
}

/** A customer's statistics as of NOW, read through one of its invoices' snapshots. */
async function statsOf(storage: PostgresStorage, customerId: string): Promise<CustomerStats> {
  const [invoice] = await storage.listInvoices({ customerId, limit: 1 });
  const stats = invoice === undefined ? undefined : (await storage.loadSnapshot(invoice.id, { statsAsOf: NOW }))?.customerStats;
  if (stats === undefined) throw new Error(`no statistics for ${customerId}`);
  return stats;
}

async function assertReadsSeeOnlyOwnRows(a: PostgresStorage): Promise<void> {
  expect((await a.listCustomers()).map((c) => c.name)).toEqual(['a one (edited)', 'a two', 'a three']);
  expect((await a.getCustomer('c2'))?.name).toBe('a two');
  expect((await a.getInvoice('i3'))?.terms).toBe('a');
  expect((await a.listInvoices()).every((i) => i.terms === undefined || i.terms === 'a')).toBe(true);
  expect((await a.loadSnapshot('i3'))?.customer.name).toBe('a two');
  expect((await a.listCustomers({ address: 'ap+c1@example.com' })).length).toBe(1);
  expect((await a.listActivities({ customerId: 'c1' })).length).toBeGreaterThan(0);
  // Tenant a broke its promise pr1; tenant b's pr1 is still pending.
  expect((await statsOf(a, 'c2')).brokenPromises).toBe(1);
}

function isolationSuite(
  name: string,
  setup: () => Promise<{
    query: RawQuery;
    make: (schema: string, tenantId: string) => PostgresStorage;
    drop: (schema: string) => Promise<void>;
  }>,
): void {
  describe(`tenant isolation: ${name}`, () => {
    it('no public method called for tenant a reads or changes tenant b rows (checked with SQL)', async () => {
      const { query, make, drop } = await setup();
      const schema = uniqueSchema('iso');
      try {
        const a = make(schema, 'a');
        const b = make(schema, 'b');
        await a.init();
        // b last, so that b's rows end decided (not due): a stray write from a would show.
        await seedScenario(a, 'a');
        await seedScenario(b, 'b');
        const before = await othersRows(query, schema);
        expect(before).toContain('"tenant_id": "b"');
        await exerciseEveryMethod(make(schema, 'a'));
        await assertReadsSeeOnlyOwnRows(make(schema, 'a'));
        expect(await othersRows(query, schema)).toBe(before);
        // And tenant b still reads its own data, untouched.
        expect((await b.getCustomer('c1'))?.name).toBe('b one');
        expect((await b.listActivities({})).map((x) => x.id)).toEqual(['n1']);
        expect((await statsOf(b, 'c2')).brokenPromises).toBe(0);
      } finally {
        await drop(schema);
      }
    });
  });
}

const pglite = new PGlite();
afterAll(() => pglite.close());
isolationSuite('pglite', async () => ({
  query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params ?? [])).rows,
  make: (schema, tenantId) => createPgliteStorage({ pglite, schema, tenantId }),
  drop: async (schema) => {
    await pglite.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  },
}));

const server = await openServerPool();
if ('skip' in server) {
  describe('tenant isolation: postgres (server)', () => it.skip(server.skip, () => {}));
} else {
  const { pool } = server;
  afterAll(() => pool.end());
  isolationSuite('postgres (server)', async () => ({
    query: poolQuery(pool),
    make: (schema, tenantId) => createPostgresStorage({ pool, schema, tenantId }),
    drop: async (schema) => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  }));
}
