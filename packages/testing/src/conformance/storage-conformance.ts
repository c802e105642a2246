/**
 * The storage conformance kit: every storage adapter (ours and third parties') runs it against
 * itself. Each test creates a fresh adapter, so any test runs alone; writes are checked through
 * the adapter's back door, not only through its own reads.
 *
 * @module
 */
import { afterEach, describe, expect, it } from './vitest.js';
import { summarizeTimeline, type Snapshot } from '@dueflow/core';
import type { DecideOutput, ModelChanges, Storage } from '@dueflow/runtime/ports';
import fc from 'fast-check';
import {
  enqueueingDecide,
  fixtureActionActivity,
  fixtureCredit,
  fixtureCustomer,
  fixtureDecision,
  fixtureInvoice,
  fixtureNote,
  fixturePayment,
} from './storage-fixtures.js';
import { runStorageModelTest } from './storage-model.js';
import type { StorageConformanceOptions, StorageFixture } from './storage-types.js';

const T0 = Date.parse('2025-04-07T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Registers the storage conformance suite with vitest. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * // postgres-storage.conformance.test.ts
 * import { runStorageConformance } from '@dueflow/testing';
 * runStorageConformance({
 *   name: 'postgres',
 *   create: async (tenantId) => {
 *     const schema = await createTestSchema();
 *     const storage = createPostgresStorage({ pool, schema, tenantId });
 *     return { storage, backdoor: sqlBackdoor(pool, schema, storage.tenantId), cleanup: () => dropSchema(schema),
 *       withTenant: async (other) => { const s = createPostgresStorage({ pool, schema, tenantId: other }); return { storage: s, backdoor: sqlBackdoor(pool, schema, other) }; } };
 *   },
 * });
 * ```
 */
export function runStorageConformance(options: StorageConformanceOptions): void {
  describe(`storage conformance: ${options.name}`, () => {
    let current: StorageFixture | undefined;
    afterEach(async () => {
      const f = current;
      current = undefined;
      if (f !== undefined) {
        await f.storage.close();
        await f.cleanup();
      }
    });
    const fresh = async (tenantId?: string): Promise<StorageFixture> => {
      current = await options.create(tenantId);
      await current.storage.init();
      return current;
    };
    /** A customer with one invoice, decided once at T0 so its next check is T0 + 1 day. */
    const seeded = async (): Promise<StorageFixture> => {
      const f = await fresh();
      await f.storage.commit({ customers: [fixtureCustomer('c1')] });
      await f.storage.commit({ invoices: [fixtureInvoice('i1', 'c1')] });
      return f;
    };
    const enqueue = async (s: Storage, now = T0, requiresApproval = false): Promise<string[]> => {
      const keys: string[] = [];
      await s.decideDue({ now, limit: 100 }, (snap) => {
        const out = enqueueingDecide(now, (id, n) => `${id}:k${n + 1}`, { requiresApproval })(snap);
        keys.push(...out.outbox.map((o) => o.key));
        return out;
      });
      return keys;
    };

    describe('lifecycle', () => {
      it('binds the tenant given at creation and initialises idempotently', async () => {
        const f = await fresh('tenant-x');
        expect(f.storage.tenantId).toBe('tenant-x');
        await f.storage.init();
        expect(['boolean', 'undefined']).toContain(typeof f.storage.capabilities?.concurrentWorkers);
      });
    });

    describe('customers', () => {
      it('inserts, replaces by id and lists in id order with paging', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c2'), fixtureCustomer('c1'), fixtureCustomer('c3')] });
        await f.storage.commit({ customers: [fixtureCustomer('c2', { name: 'Renamed' })] });
        expect((await f.backdoor.customerIds()).sort()).toEqual(['c1', 'c2', 'c3']);
        expect((await f.storage.getCustomer('c2'))?.name).toBe('Renamed');
        expect(await f.storage.getCustomer('nope')).toBeUndefined();
        expect((await f.storage.listCustomers()).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
        expect((await f.storage.listCustomers({ after: 'c1', limit: 1 })).map((c) => c.id)).toEqual(['c2']);
      });

      it('round-trips contacts with opt-outs and suppressions', async () => {
        const f = await fresh();
        const c = fixtureCustomer('c1');
        const contact = { ...c.contacts[0]!, optOuts: ['sms' as const], suppressed: ['email' as const] };
        await f.storage.commit({ customers: [{ ...c, contacts: [contact] }] });
        expect((await f.storage.getCustomer('c1'))?.contacts[0]).toEqual(contact);
      });

      it('lists the customers a contact address reaches: email case-insensitive, or phone', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1'), fixtureCustomer('c2', { contacts: [] })] });
        const reached = async (address: string) => (await f.storage.listCustomers({ address })).map((c) => c.id);
        expect(await reached('AP+C1@EXAMPLE.COM')).toEqual(['c1']);
        expect(await reached(' +14155550100 ')).toEqual(['c1']);
        expect(await reached('+19999999999')).toEqual([]);
      });

      it('refuses a time zone that does not exist, naming it, and writes none of the batch', async () => {
        const f = await fresh();
        const refusal = async (customers: NonNullable<ModelChanges['customers']>): Promise<unknown> =>
          f.storage.commit({ customers }).then(
            () => undefined,
            (e: unknown) => e,
          );
        const onCustomer = await refusal([fixtureCustomer('c1'), { ...fixtureCustomer('c2'), timeZone: 'Mars/Olympus' }]);
        expect(onCustomer).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Mars/Olympus') });
        expect((onCustomer as { message: string }).message).toContain('timeZone');
        const c3 = fixtureCustomer('c3');
        const onContact = await refusal([{ ...c3, contacts: [{ ...c3.contacts[0]!, timeZone: 'Mars/Olympus' }] }]);
        expect(onContact).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Mars/Olympus') });
        expect(await f.backdoor.customerIds()).toEqual([]);
      });
    });

    describe('invoices and scheduling', () => {
      it('stores invoices and schedules new ones for an immediate decision', async () => {
        const f = await seeded();
        expect(await f.backdoor.invoiceRow('i1')).toMatchObject({ id: 'i1', customerId: 'c1', status: 'open' });
        const next = await f.backdoor.nextCheckAt('i1');
        expect(next === null || next === undefined ? NaN : next).toBeLessThanOrEqual(0);
        expect((await f.storage.getSchedule('i1'))?.nextCheckAt).toBeLessThanOrEqual(0);
        expect(await f.storage.getInvoice('i1')).toEqual(fixtureInvoice('i1', 'c1'));
      });

      it('reschedules an invoice only when its content changed', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        expect(await f.backdoor.nextCheckAt('i1')).toBe(T0 + DAY);
        await f.storage.commit({ invoices: [fixtureInvoice('i1', 'c1')] });
        expect(await f.backdoor.nextCheckAt('i1')).toBe(T0 + DAY);
        await f.storage.commit({ invoices: [fixtureInvoice('i1', 'c1', { status: 'void' })] });
        expect(await f.backdoor.nextCheckAt('i1')).toBeLessThanOrEqual(T0);
        expect((await f.backdoor.invoiceRow('i1'))?.status).toBe('void');
      });

      it('lists invoices by status, customer, due time, with paging in id order', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1'), fixtureCustomer('c2')] });
        await f.storage.commit({
          invoices: [fixtureInvoice('i3', 'c2'), fixtureInvoice('i1', 'c1'), fixtureInvoice('i2', 'c1', { status: 'paid' })],
        });
        await f.storage.decideDue({ now: T0, limit: 10 }, (s) => waitOutput(s, s.invoice.id === 'i1' ? T0 + DAY : null));
        const ids = async (q: Parameters<Storage['listInvoices']>[0]) => (await f.storage.listInvoices(q)).map((i) => i.id);
        expect(await ids({})).toEqual(['i1', 'i2', 'i3']);
        expect(await ids({ status: ['open'] })).toEqual(['i1', 'i3']);
        expect(await ids({ customerId: 'c1' })).toEqual(['i1', 'i2']);
        expect(await ids({ dueBy: T0 + DAY })).toEqual(['i1']);
        expect(await ids({ dueBy: T0 })).toEqual([]);
        expect(await ids({ after: 'i1', limit: 1 })).toEqual(['i2']);
      });

      it('touchInvoices schedules existing invoices at once', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        await f.storage.commit({ touch: ['i1', 'missing'] });
        expect(await f.backdoor.nextCheckAt('i1')).toBeLessThanOrEqual(T0);
        expect(await f.backdoor.nextCheckAt('missing')).toBeUndefined();
      });
    });

    describe('payments, credits, promises and plans', () => {
      it('stores payments, lists them by invoice or customer, and touches allocated invoices', async () => {
        const f = await seeded();
        await f.storage.commit({ invoices: [fixtureInvoice('i2', 'c1')] });
        await enqueue(f.storage);
        await f.storage.commit({ payments: [fixturePayment('p1', 'c1', 'i1', 40_000)] });
        expect(await f.backdoor.paymentIds()).toEqual(['p1']);
        expect(await f.backdoor.nextCheckAt('i1')).toBeLessThanOrEqual(T0);
        expect(await f.backdoor.nextCheckAt('i2')).toBe(T0 + DAY);
        expect((await f.storage.listPayments({ invoiceId: 'i1' })).map((p) => p.id)).toEqual(['p1']);
        expect(await f.storage.listPayments({ invoiceId: 'i2' })).toEqual([]);
        expect((await f.storage.listPayments({ customerId: 'c1' })).map((p) => p.id)).toEqual(['p1']);
      });

      it('touches invoices for credit notes, promises and plans', async () => {
        const f = await seeded();
        const check = async (write: () => Promise<void>) => {
          await enqueue(f.storage, T0);
          expect(await f.backdoor.nextCheckAt('i1')).toBe(T0 + DAY);
          await write();
          expect(await f.backdoor.nextCheckAt('i1')).toBeLessThanOrEqual(T0);
        };
        await check(() => f.storage.commit({ credits: [fixtureCredit('cn1', 'i1', 1000)] }));
        await check(() =>
          f.storage.commit({
            promises: [
              {
                id: 'pr1',
                invoiceId: 'i1',
                amount: { amount: 5000, currency: 'USD' },
                date: '2025-04-20',
                madeAt: '2025-04-06T00:00:00Z',
                status: 'pending',
                paid: 0,
              },
            ],
          }),
        );
        await check(() =>
          f.storage.commit({
            plans: [
              {
                id: 'pl1',
                customerId: 'c1',
                invoiceIds: ['i1'],
                total: { amount: 99_000, currency: 'USD' },
                frequency: 'monthly',
                installments: [{ seq: 1, dueDate: '2025-05-01', amount: { amount: 99_000, currency: 'USD' }, paid: 0 }],
                status: 'active',
                createdAt: '2025-04-06T00:00:00Z',
                maxMissed: 2,
                graceDays: 3,
              },
            ],
          }),
        );
      });
    });

    describe('commit', () => {
      it('writes rows, activities and touches in one call', async () => {
        const f = await seeded();
        await enqueue(f.storage, T0);
        const note = {
          id: 'n-commit',
          type: 'note' as const,
          at: '2025-04-06T10:00:00.000Z',
          customerId: 'c1',
          invoiceId: 'i1',
          actor: { type: 'system' as const },
          source: 'agent' as const,
          text: 'agreed to pay',
        };
        await f.storage.commit({
          invoices: [fixtureInvoice('i9', 'c1')],
          payments: [fixturePayment('p9', 'c1', 'i1', 1000)],
          activities: [note],
        });
        expect((await f.backdoor.invoiceRow('i9'))?.id).toBe('i9');
        expect(await f.backdoor.paymentIds()).toEqual(['p9']);
        expect(await f.backdoor.activityIds()).toContain('n-commit');
        expect(await f.backdoor.nextCheckAt('i1')).toBeLessThanOrEqual(T0);
      });

      it('writes nothing at all when any part is invalid', async () => {
        const f = await seeded();
        const before = {
          invoices: await f.backdoor.invoiceRow('i9'),
          payments: await f.backdoor.paymentIds(),
          activities: await f.backdoor.activityIds(),
        };
        const broken = { ...fixtureInvoice('i10', 'c1'), total: { amount: 1.5, currency: 'USD' } };
        await expect(
          f.storage.commit({ invoices: [fixtureInvoice('i9', 'c1'), broken], payments: [fixturePayment('p9', 'c1', 'i1', 1000)] }),
        ).rejects.toThrow();
        expect(await f.backdoor.invoiceRow('i9')).toEqual(before.invoices);
        expect(await f.backdoor.paymentIds()).toEqual(before.payments);
        expect(await f.backdoor.activityIds()).toEqual(before.activities);
      });

      it('is all or nothing for any change set (property)', async () => {
        const f = await seeded();
        const customerIds = ['c1', 'c2', 'c3'];
        const invoiceIds = ['i1', 'i2', 'i3', 'i4'];
        const customer = fc.constantFrom(...customerIds).map((id) => fixtureCustomer(id));
        const invoice = fc
          .tuple(fc.constantFrom(...invoiceIds), fc.integer({ min: 1, max: 500_000 }))
          .map(([id, amount]) => fixtureInvoice(id, 'c1', { total: { amount, currency: 'USD' } }));
        const payment = fc
          .tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom(...invoiceIds.slice(0, 1)))
          .map(([n, inv]) => fixturePayment(`p${n}`, 'c1', inv, 100 * n));
        const note = fc.integer({ min: 1, max: 30 }).map((n) => fixtureNote(`n${n}`, 'c1', 'i1', '2025-04-01T00:00:00Z'));
        // One row that every storage must refuse, placed in any list at any position.
        const poisons = [
          { list: 'customers', row: { ...fixtureCustomer('c9'), timeZone: 'Mars/Olympus' } },
          { list: 'invoices', row: { ...fixtureInvoice('i9', 'c1'), total: { amount: 1.5, currency: 'USD' } } },
          { list: 'payments', row: { ...fixturePayment('p99', 'c1', 'i1', 100), amount: { amount: -3.25, currency: 'USD' } } },
          { list: 'activities', row: { ...fixtureNote('n99', 'c1', 'i1', '2025-04-01T00:00:00Z'), at: 'yesterday' } },
        ] as const;
        const changeSet = fc.record({
          customers: fc.array(customer, { maxLength: 3 }),
          invoices: fc.array(invoice, { maxLength: 4 }),
          payments: fc.array(payment, { maxLength: 3 }),
          activities: fc.array(note, { maxLength: 4 }),
          poison: fc.option(fc.tuple(fc.constantFrom(...poisons), fc.nat()), { nil: undefined }),
        });
        const state = async () => ({
          customers: (await f.backdoor.customerIds()).sort(),
          invoices: await Promise.all(invoiceIds.map((id) => f.backdoor.invoiceRow(id))),
          payments: (await f.backdoor.paymentIds()).sort(),
          activities: (await f.backdoor.activityIds()).sort(),
          stored: await Promise.all(invoiceIds.map((id) => f.storage.getInvoice(id))),
        });
        await fc.assert(
          fc.asyncProperty(changeSet, async ({ poison, ...lists }) => {
            const changes: Record<string, unknown[]> = { ...lists };
            if (poison !== undefined) {
              const [{ list, row }, at] = poison;
              const target = [...(changes[list] ?? [])];
              target.splice(at % (target.length + 1), 0, row);
              changes[list] = target;
            }
            const before = await state();
            const outcome = await f.storage.commit(changes as ModelChanges).then(
              () => 'written',
              (e: unknown) => e,
            );
            const after = await state();
            if (poison !== undefined) {
              expect(outcome).toMatchObject({ code: 'VALIDATION' });
              expect(after).toEqual(before);
              return;
            }
            expect(outcome).toBe('written');
            for (const c of lists.customers) expect(after.customers).toContain(c.id);
            for (const p of lists.payments) expect(after.payments).toContain(p.id);
            for (const n of lists.activities) expect(after.activities).toContain(n.id);
            // The last version of each invoice in the set is the stored one.
            const last = new Map(lists.invoices.map((i) => [i.id, i]));
            for (const [id, i] of last) expect(after.stored[invoiceIds.indexOf(id)]?.total).toEqual(i.total);
          }),
          { numRuns: options.commitRuns ?? 25 },
        );
      });
    });

    describe('timeline', () => {
      it('appends once per id and never updates', async () => {
        const f = await seeded();
        await f.storage.commit({ activities: [fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z', 'first')] });
        await f.storage.commit({
          activities: [
            fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z', 'second'),
            fixtureNote('n2', 'c1', 'i1', '2025-04-02T00:00:00Z'),
          ],
        });
        expect((await f.backdoor.activityIds()).sort()).toEqual(['n1', 'n2']);
        const notes = await f.storage.listActivities({ invoiceId: 'i1' });
        expect(notes.map((a) => a.id)).toEqual(['n1', 'n2']);
        expect(notes[0]).toMatchObject({ type: 'note', text: 'first' });
      });

      it('filters by invoice, customer, instant and type, in time order, with a limit', async () => {
        const f = await seeded();
        await f.storage.commit({ customers: [fixtureCustomer('c2')] });
        await f.storage.commit({
          activities: [
            fixtureNote('n3', 'c1', 'i1', '2025-04-03T00:00:00Z'),
            fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z'),
            fixtureNote('n2', 'c1', undefined, '2025-04-02T00:00:00Z'),
            fixtureNote('m1', 'c2', undefined, '2025-04-02T00:00:00Z'),
            fixtureActionActivity('a1', 'c1', 'i1', 'i1:k', '2025-04-04T00:00:00Z'),
          ],
        });
        const ids = async (q: Parameters<Storage['listActivities']>[0]) => (await f.storage.listActivities(q)).map((a) => a.id);
        expect(await ids({ invoiceId: 'i1' })).toEqual(['n1', 'n3', 'a1']);
        expect(await ids({ customerId: 'c1' })).toEqual(['n1', 'n2', 'n3', 'a1']);
        expect(await ids({ customerId: 'c1', since: Date.parse('2025-04-02T00:00:00Z') })).toEqual(['n2', 'n3', 'a1']);
        expect(await ids({ customerId: 'c1', types: ['action'] })).toEqual(['a1']);
        expect(await ids({ customerId: 'c1', limit: 2 })).toEqual(['n1', 'n2']);
      });
    });

    describe('snapshots and statistics', () => {
      it('assembles the snapshot of one invoice from its rows only', async () => {
        const f = await seeded();
        await f.storage.commit({ invoices: [fixtureInvoice('i2', 'c1')] });
        await f.storage.commit({ payments: [fixturePayment('p1', 'c1', 'i1', 10_000), fixturePayment('p2', 'c1', 'i2', 20_000)] });
        await f.storage.commit({ credits: [fixtureCredit('cn1', 'i1', 500), fixtureCredit('cn2', 'i2', 700)] });
        await f.storage.commit({
          promises: [
            {
              id: 'pr1',
              invoiceId: 'i1',
              amount: { amount: 5000, currency: 'USD' },
              date: '2025-04-20',
              madeAt: '2025-04-05T00:00:00Z',
              status: 'broken',
              paid: 0,
            },
            {
              id: 'pr2',
              invoiceId: 'i1',
              amount: { amount: 5000, currency: 'USD' },
              date: '2025-04-25',
              madeAt: '2025-04-06T00:00:00Z',
              status: 'pending',
              paid: 0,
            },
          ],
        });
        await f.storage.commit({
          activities: [fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z'), fixtureNote('n2', 'c1', 'i2', '2025-04-01T00:00:00Z')],
        });
        const s = await f.storage.loadSnapshot('i1');
        expect(s?.invoice.id).toBe('i1');
        expect(s?.customer.id).toBe('c1');
        expect(s?.payments.map((p) => p.id)).toEqual(['p1']);
        expect(s?.credits.map((c) => c.id)).toEqual(['cn1']);
        expect(s?.activities.map((a) => a.id)).toEqual(['n1']);
        expect(s?.promise?.id).toBe('pr2');
        expect(await f.storage.loadSnapshot('missing')).toBeUndefined();
      });

      it('passes a timeline summary, when it keeps one, that matches the activities exactly', async () => {
        const f = await seeded();
        await f.storage.commit({
          activities: [
            fixtureActionActivity('a1', 'c1', 'i1', 'i1:due-date:1', '2025-04-02T09:00:00Z', 'queued'),
            fixtureActionActivity('a2', 'c1', 'i1', 'i1:due-date:1', '2025-04-02T09:01:00Z', 'sent'),
            fixtureNote('n1', 'c1', 'i1', '2025-04-03T00:00:00Z'),
          ],
        });
        await f.storage.commit({ activities: [fixtureActionActivity('a3', 'c1', 'i1', 'i1:overdue:1', '2025-04-09T09:00:00Z', 'failed')] });
        const s = await f.storage.loadSnapshot('i1');
        expect(s?.activities).toHaveLength(4);
        // Optional for adapters (the engine folds the timeline when it is absent), exact when present.
        if (s?.summary !== undefined) expect(s.summary).toEqual(summarizeTimeline(s.activities));
      });

      it('includes recent contacts across invoices since the horizon', async () => {
        const f = await seeded();
        await f.storage.commit({ invoices: [fixtureInvoice('i2', 'c1')] });
        await f.storage.commit({
          activities: [
            fixtureActionActivity('a-old', 'c1', 'i2', 'i2:old', '2025-01-01T00:00:00Z', 'sent'),
            fixtureActionActivity('a-new', 'c1', 'i2', 'i2:new', '2025-04-05T00:00:00Z', 'sent'),
          ],
        });
        const s = await f.storage.loadSnapshot('i1', { recentContactsSince: Date.parse('2025-03-01T00:00:00Z') });
        expect(s?.recentContacts.map((r) => ({ ...r, at: Date.parse(r.at) }))).toEqual([
          { at: Date.parse('2025-04-05T00:00:00Z'), invoiceId: 'i2', kind: 'message', channel: 'email' },
        ]);
      });

      it('computes customer statistics from settled invoices as of an instant', async () => {
        const f = await seeded();
        await f.storage.commit({ invoices: [fixtureInvoice('i2', 'c1'), fixtureInvoice('i3', 'c1', { dueDate: '2025-04-30' })] });
        await f.storage.commit({
          payments: [
            fixturePayment('p1', 'c1', 'i1', 100_000, '2025-04-10T12:00:00Z'),
            fixturePayment('p3', 'c1', 'i3', 100_000, '2025-04-20T12:00:00Z'),
          ],
        });
        const statsAsOf = async (at: string) => (await f.storage.loadSnapshot('i2', { statsAsOf: Date.parse(at) }))?.customerStats;
        expect((await f.storage.loadSnapshot('i2'))?.customerStats).toBeUndefined();
        const stats = await statsAsOf('2025-05-01T00:00:00Z');
        expect(stats).toMatchObject({ settledInvoices: 2, paidLate: 1, averageDaysLate: 5, lastPaymentAt: '2025-04-20T12:00:00.000Z' });
        const earlier = await statsAsOf('2025-04-15T00:00:00Z');
        expect(earlier).toMatchObject({ settledInvoices: 1, paidLate: 1, averageDaysLate: 10 });
      });
    });

    describe('decideDue', () => {
      it('decides due invoices and writes outbox entries, activities and the next check', async () => {
        const f = await seeded();
        let seen: Snapshot | undefined;
        const result = await f.storage.decideDue({ now: T0, limit: 10 }, (s) => {
          seen = s;
          return enqueueingDecide(T0, (id) => `${id}:k1`)(s);
        });
        expect(result).toEqual({ decided: 1, enqueued: 1, more: false });
        expect(seen?.invoice.id).toBe('i1');
        expect(await f.backdoor.outboxKeys()).toEqual(['i1:k1']);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'pending', attempts: 0 });
        expect(await f.backdoor.activityIds()).toEqual(['act:i1:k1']);
        expect(await f.backdoor.nextCheckAt('i1')).toBe(T0 + DAY);
        expect((await f.storage.getSchedule('i1'))?.lastDecision).toEqual({ kind: 'act', reason: 'overdue-notice', at: T0 });
        const entry = (await f.storage.listOutbox({ key: 'i1:k1' }))[0];
        expect(entry).toMatchObject({
          key: 'i1:k1',
          invoiceId: 'i1',
          customerId: 'c1',
          status: 'pending',
          attempts: 0,
          notBefore: T0,
          createdAt: T0,
        });
        expect(entry?.decision).toEqual(fixtureDecision('i1', 'i1:k1'));
        expect(
          (
            await f.storage.decideDue({ now: T0 + HOUR, limit: 10 }, () => {
              throw new Error('nothing is due');
            })
          ).decided,
        ).toBe(0);
      });

      it('never decides an invoice whose next check is null', async () => {
        const f = await seeded();
        await f.storage.decideDue({ now: T0, limit: 10 }, (s) => waitOutput(s, null));
        expect(await f.backdoor.nextCheckAt('i1')).toBeNull();
        expect((await f.storage.decideDue({ now: T0 + 1000 * DAY, limit: 10 }, (s) => waitOutput(s, null))).decided).toBe(0);
      });

      it('honours the limit, earliest check first, and reports more', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: ['a', 'b', 'c'].map((id) => fixtureInvoice(id, 'c1')) });
        await f.storage.decideDue({ now: T0, limit: 10 }, (s) => waitOutput(s, s.invoice.id === 'a' ? T0 + 3 * HOUR : T0 + HOUR));
        const order: string[] = [];
        const first = await f.storage.decideDue({ now: T0 + DAY, limit: 2 }, (s) => {
          order.push(s.invoice.id);
          return waitOutput(s, T0 + 2 * DAY);
        });
        expect(first).toEqual({ decided: 2, enqueued: 0, more: true });
        expect(order).toEqual(['b', 'c']);
        const second = await f.storage.decideDue({ now: T0 + DAY, limit: 2 }, (s) => waitOutput(s, T0 + 2 * DAY));
        expect(second).toEqual({ decided: 1, enqueued: 0, more: false });
      });

      it('writes nothing when decide throws', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: [fixtureInvoice('a', 'c1'), fixtureInvoice('b', 'c1')] });
        const decide = enqueueingDecide(T0, (id) => `${id}:k1`);
        await expect(
          f.storage.decideDue({ now: T0, limit: 10 }, (s) => {
            if (s.invoice.id === 'b') throw new Error('boom');
            return decide(s);
          }),
        ).rejects.toThrow('boom');
        expect(await f.backdoor.outboxKeys()).toEqual([]);
        expect(await f.backdoor.activityIds()).toEqual([]);
        expect(await f.backdoor.nextCheckAt('a')).toBeLessThanOrEqual(T0);
        const retried = await f.storage.decideDue({ now: T0, limit: 10 }, decide);
        expect(retried).toEqual({ decided: 2, enqueued: 2, more: false });
      });

      it('keeps outbox keys unique: an existing key is skipped, never replaced', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: [fixtureInvoice('a', 'c1'), fixtureInvoice('b', 'c1')] });
        const same = await f.storage.decideDue(
          { now: T0, limit: 10 },
          enqueueingDecide(T0, () => 'shared-key'),
        );
        expect(same.enqueued).toBe(1);
        expect(await f.backdoor.outboxKeys()).toEqual(['shared-key']);
        const owner = (await f.storage.listOutbox({ key: 'shared-key' }))[0]?.invoiceId;
        await f.storage.commit({ touch: ['a', 'b'] });
        const again = await f.storage.decideDue(
          { now: T0 + HOUR, limit: 10 },
          enqueueingDecide(T0 + HOUR, () => 'shared-key', { requiresApproval: true }),
        );
        expect(again).toEqual({ decided: 2, enqueued: 0, more: false });
        expect((await f.storage.listOutbox({ key: 'shared-key' }))[0]).toMatchObject({
          invoiceId: owner,
          status: 'pending',
          createdAt: T0,
        });
      });
    });

    describe('outbox dispatch', () => {
      it('claims pending entries that are ready, with a lease and a growing token', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        expect(await f.storage.claimOutbox({ now: T0 - 1, limit: 10, workerId: 'w1', leaseMs: 60_000 })).toEqual([]);
        const [claim] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 60_000 });
        expect(claim?.entry.key).toBe('i1:k1');
        expect(claim?.entry.attempts).toBe(1);
        expect(claim?.leaseUntil).toBe(T0 + 60_000);
        expect(claim?.snapshot.invoice.id).toBe('i1');
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'pending', attempts: 1 });
        expect(await f.storage.claimOutbox({ now: T0 + 59_999, limit: 10, workerId: 'w2', leaseMs: 60_000 })).toEqual([]);
        const [takeover] = await f.storage.claimOutbox({ now: T0 + 60_000, limit: 10, workerId: 'w2', leaseMs: 60_000 });
        expect(takeover?.entry.attempts).toBe(2);
        expect(takeover!.token).toBeGreaterThan(claim!.token);
      });

      it('completes only with the current token; a stale worker writes nothing', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        const [stale] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 1000 });
        const [fresh2] = await f.storage.claimOutbox({ now: T0 + 1000, limit: 10, workerId: 'w2', leaseMs: 1000 });
        const sentActivity = fixtureActionActivity('sent:i1:k1', 'c1', 'i1', 'i1:k1', '2025-04-07T10:00:01Z', 'sent');
        const staleDone = await f.storage.completeOutbox({
          key: 'i1:k1',
          token: stale!.token,
          now: T0 + 1500,
          result: { status: 'sent', providerMessageId: 'm-stale' },
          activities: [sentActivity],
        });
        expect(staleDone).toBe(false);
        expect(await f.backdoor.activityIds()).toEqual(['act:i1:k1']);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'pending', attempts: 2 });
        const done = await f.storage.completeOutbox({
          key: 'i1:k1',
          token: fresh2!.token,
          now: T0 + 1500,
          result: { status: 'sent', providerMessageId: 'm1' },
          activities: [sentActivity],
        });
        expect(done).toBe(true);
        expect((await f.backdoor.activityIds()).sort()).toEqual(['act:i1:k1', 'sent:i1:k1']);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'sent', attempts: 2 });
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]).toMatchObject({
          status: 'sent',
          providerMessageId: 'm1',
          updatedAt: T0 + 1500,
        });
        expect(
          await f.storage.completeOutbox({
            key: 'i1:k1',
            token: fresh2!.token,
            now: T0 + 2000,
            result: { status: 'failed', error: 'x', permanent: true },
            activities: [],
          }),
        ).toBe(false);
        expect(await f.storage.claimOutbox({ now: T0 + DAY, limit: 10, workerId: 'w3', leaseMs: 1000 })).toEqual([]);
        expect(await f.storage.completeOutbox({ key: 'missing', token: 1, now: T0, result: { status: 'sent' }, activities: [] })).toBe(
          false,
        );
      });

      it('notes the message key of an attempt only with the current token, and keeps it across a retry', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        const [stale] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 1000 });
        expect(await f.storage.noteAttempt({ key: 'i1:k1', token: stale!.token, messageKey: 'group:i1:k1|i2:k1', now: T0 })).toBe(true);
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]).toMatchObject({
          messageKey: 'group:i1:k1|i2:k1',
          status: 'pending',
          attempts: 1,
        });
        const [current] = await f.storage.claimOutbox({ now: T0 + 1000, limit: 10, workerId: 'w2', leaseMs: 1000 });
        expect(current?.entry.messageKey).toBe('group:i1:k1|i2:k1');
        expect(await f.storage.noteAttempt({ key: 'i1:k1', token: stale!.token, messageKey: 'group:i1:k1|i3:k1', now: T0 + 1000 })).toBe(
          false,
        );
        expect(await f.storage.noteAttempt({ key: 'missing', token: current!.token, messageKey: 'x', now: T0 + 1000 })).toBe(false);
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]?.messageKey).toBe('group:i1:k1|i2:k1');
        expect(
          await f.storage.completeOutbox({
            key: 'i1:k1',
            token: current!.token,
            now: T0 + 1000,
            result: { status: 'retry', error: 'timeout', notBefore: T0 + 5000 },
            activities: [],
          }),
        ).toBe(true);
        const [again] = await f.storage.claimOutbox({ now: T0 + 5000, limit: 10, workerId: 'w3', leaseMs: 1000 });
        expect(again?.entry).toMatchObject({ messageKey: 'group:i1:k1|i2:k1', attempts: 3 });
        expect(
          await f.storage.completeOutbox({ key: 'i1:k1', token: again!.token, now: T0 + 5000, result: { status: 'sent' }, activities: [] }),
        ).toBe(true);
        expect(await f.storage.noteAttempt({ key: 'i1:k1', token: again!.token, messageKey: 'i1:k1', now: T0 + 5000 })).toBe(false);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'sent', attempts: 3 });
      });

      it('returns a retried entry to pending until its new notBefore, and records final failures', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        const [c1] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 60_000 });
        expect(
          await f.storage.completeOutbox({
            key: 'i1:k1',
            token: c1!.token,
            now: T0,
            result: { status: 'retry', error: 'timeout', notBefore: T0 + 30_000 },
            activities: [],
          }),
        ).toBe(true);
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]).toMatchObject({
          status: 'pending',
          notBefore: T0 + 30_000,
          lastError: 'timeout',
        });
        expect(await f.storage.claimOutbox({ now: T0 + 29_999, limit: 10, workerId: 'w1', leaseMs: 60_000 })).toEqual([]);
        const [c2] = await f.storage.claimOutbox({ now: T0 + 30_000, limit: 10, workerId: 'w1', leaseMs: 60_000 });
        expect(c2?.entry.attempts).toBe(2);
        expect(
          await f.storage.completeOutbox({
            key: 'i1:k1',
            token: c2!.token,
            now: T0 + 30_000,
            result: { status: 'failed', error: 'mailbox unknown', permanent: true },
            activities: [],
          }),
        ).toBe(true);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'failed', attempts: 2 });
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]?.lastError).toBe('mailbox unknown');
      });

      it('cancels entries', async () => {
        const f = await seeded();
        await enqueue(f.storage);
        const [c] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 60_000 });
        expect(
          await f.storage.completeOutbox({
            key: 'i1:k1',
            token: c!.token,
            now: T0,
            result: { status: 'cancelled', reason: 'paid meanwhile' },
            activities: [],
          }),
        ).toBe(true);
        expect(await f.backdoor.outboxRow('i1:k1')).toMatchObject({ status: 'cancelled' });
      });

      it('claims at most limit entries, earliest first', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: ['a', 'b', 'c'].map((id) => fixtureInvoice(id, 'c1')) });
        await enqueue(f.storage);
        const claims = await f.storage.claimOutbox({ now: T0, limit: 2, workerId: 'w', leaseMs: 1000 });
        expect(claims.map((c) => c.entry.key)).toEqual(['a:k1', 'b:k1']);
        expect(new Set(claims.map((c) => c.token)).size).toBe(2);
      });

      it('claims the entries noted under one message key together, past the limit and whatever their notBefore', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: ['a', 'b', 'c', 'd'].map((id) => fixtureInvoice(id, 'c1')) });
        await enqueue(f.storage);
        const first = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w1', leaseMs: 1000 });
        const group = 'group:a:k1|c:k1|d:k1';
        for (const c of first.filter((c) => c.entry.key !== 'b:k1')) {
          expect(await f.storage.noteAttempt({ key: c.entry.key, token: c.token, messageKey: group, now: T0 })).toBe(true);
        }
        // The message failed; its members come back at different times (their attempts differ).
        const retryAt: Record<string, number> = { 'a:k1': T0 + 5000, 'b:k1': T0 + 5000, 'c:k1': T0 + 9000, 'd:k1': T0 + 7000 };
        for (const c of first) {
          await f.storage.completeOutbox({
            key: c.entry.key,
            token: c.token,
            now: T0,
            result: { status: 'retry', error: 'timeout', notBefore: retryAt[c.entry.key]! },
            activities: [],
          });
        }
        // A limit of one still brings the whole message: a member left behind would be sent apart.
        const claims = await f.storage.claimOutbox({ now: T0 + 5000, limit: 1, workerId: 'w2', leaseMs: 1000 });
        expect(claims.map((c) => c.entry.key).sort()).toEqual(['a:k1', 'c:k1', 'd:k1']);
        expect(claims.every((c) => c.entry.messageKey === group)).toBe(true);
        expect((await f.storage.claimOutbox({ now: T0 + 5000, limit: 10, workerId: 'w3', leaseMs: 1000 })).map((c) => c.entry.key)).toEqual(
          ['b:k1'],
        );
      });

      it('lists and filters outbox entries', async () => {
        const f = await fresh();
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: ['a', 'b'].map((id) => fixtureInvoice(id, 'c1')) });
        await enqueue(f.storage);
        const [c] = await f.storage.claimOutbox({ now: T0, limit: 1, workerId: 'w', leaseMs: 1000 });
        await f.storage.completeOutbox({
          key: c!.entry.key,
          token: c!.token,
          now: T0,
          result: { status: 'sent', providerMessageId: 'pm-1' },
          activities: [],
        });
        const keys = async (q: Parameters<Storage['listOutbox']>[0]) => (await f.storage.listOutbox(q)).map((e) => e.key);
        expect(await keys({})).toEqual(['a:k1', 'b:k1']);
        expect(await keys({ status: ['sent'] })).toEqual(['a:k1']);
        expect(await keys({ invoiceId: 'b' })).toEqual(['b:k1']);
        expect(await keys({ providerMessageId: 'pm-1' })).toEqual(['a:k1']);
        expect(await keys({ limit: 1 })).toEqual(['a:k1']);
        expect((await f.storage.listOutbox({ key: 'nope' }))[0]).toBeUndefined();
      });
    });

    describe('approvals', () => {
      it('never hands out an entry awaiting approval', async () => {
        const f = await seeded();
        await enqueue(f.storage, T0, true);
        expect(await f.backdoor.outboxRow('i1:k1')).toMatchObject({ status: 'awaiting-approval' });
        expect(await f.storage.claimOutbox({ now: T0 + 30 * DAY, limit: 10, workerId: 'w', leaseMs: 1000 })).toEqual([]);
      });

      it('approves into pending with its activity, once', async () => {
        const f = await seeded();
        await enqueue(f.storage, T0, true);
        const activity = {
          id: 'ap1',
          type: 'approval' as const,
          at: '2025-04-07T11:00:00Z',
          customerId: 'c1',
          invoiceId: 'i1',
          actor: { type: 'user' as const, id: 'ana' },
          actionKey: 'i1:k1',
          decision: 'approved' as const,
        };
        expect(
          await f.storage.reviewOutbox({ key: 'i1:k1', decision: 'approved', by: 'ana', now: T0 + HOUR, activities: [activity] }),
        ).toBe(true);
        expect(await f.backdoor.outboxRow('i1:k1')).toMatchObject({ status: 'pending' });
        expect(await f.backdoor.activityIds()).toContain('ap1');
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]?.review).toEqual({ by: 'ana', at: T0 + HOUR, decision: 'approved' });
        expect(
          await f.storage.reviewOutbox({
            key: 'i1:k1',
            decision: 'rejected',
            by: 'bob',
            now: T0 + HOUR,
            activities: [{ ...activity, id: 'ap2' }],
          }),
        ).toBe(false);
        expect(await f.backdoor.activityIds()).not.toContain('ap2');
        expect((await f.storage.claimOutbox({ now: T0 + HOUR, limit: 10, workerId: 'w', leaseMs: 1000 })).map((c) => c.entry.key)).toEqual([
          'i1:k1',
        ]);
      });

      it('rejects with the reason', async () => {
        const f = await seeded();
        await enqueue(f.storage, T0, true);
        expect(
          await f.storage.reviewOutbox({
            key: 'i1:k1',
            decision: 'rejected',
            by: 'ana',
            reason: 'customer called',
            now: T0 + HOUR,
            activities: [],
          }),
        ).toBe(true);
        expect(await f.backdoor.outboxRow('i1:k1')).toMatchObject({ status: 'rejected' });
        expect((await f.storage.listOutbox({ key: 'i1:k1' }))[0]?.review).toEqual({
          by: 'ana',
          at: T0 + HOUR,
          decision: 'rejected',
          reason: 'customer called',
        });
        expect(await f.storage.claimOutbox({ now: T0 + DAY, limit: 10, workerId: 'w', leaseMs: 1000 })).toEqual([]);
        expect(await f.storage.reviewOutbox({ key: 'missing', decision: 'approved', by: 'ana', now: T0, activities: [] })).toBe(false);
      });
    });

    describe('concurrent workers (when declared)', () => {
      it('decides each due invoice once and claims each entry once when two workers run at once', async (ctx) => {
        const f = await fresh();
        if (f.storage.capabilities?.concurrentWorkers !== true) return ctx.skip();
        const ids = Array.from({ length: 24 }, (_, n) => `i${String(n).padStart(2, '0')}`);
        await f.storage.commit({ customers: [fixtureCustomer('c1')], invoices: ids.map((id) => fixtureInvoice(id, 'c1')) });
        const decided: string[] = [];
        const worker = () =>
          f.storage.decideDue({ now: T0, limit: 5 }, (snap) => {
            decided.push(snap.invoice.id);
            return enqueueingDecide(T0, (id) => `${id}:k1`)(snap);
          });
        for (let round = 0; round < 10 && decided.length < ids.length; round++) await Promise.all([worker(), worker()]);
        expect([...decided].sort()).toEqual(ids);
        const claims = await Promise.all(
          ['w1', 'w2', 'w1', 'w2'].map((workerId) => f.storage.claimOutbox({ now: T0, limit: 7, workerId, leaseMs: 60_000 })),
        );
        const keys = claims.flat().map((c) => c.entry.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(ids.length);
      });
    });

    describe('tenant isolation', () => {
      it('never reads or writes another tenant’s rows on the same backing store', async () => {
        const f = await fresh('tenant-a');
        const b = await f.withTenant('tenant-b');
        await b.storage.init();
        expect(b.storage.tenantId).toBe('tenant-b');
        await f.storage.commit({ customers: [fixtureCustomer('c1')] });
        await f.storage.commit({ invoices: [fixtureInvoice('i1', 'c1')] });
        await f.storage.commit({ payments: [fixturePayment('p1', 'c1', 'i1', 1000)] });
        await f.storage.commit({ activities: [fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z')] });
        await enqueue(f.storage);

        expect(await b.storage.getCustomer('c1')).toBeUndefined();
        expect(await b.storage.getInvoice('i1')).toBeUndefined();
        expect(await b.storage.listInvoices()).toEqual([]);
        expect(await b.storage.listPayments({ customerId: 'c1' })).toEqual([]);
        expect(await b.storage.listActivities({ customerId: 'c1' })).toEqual([]);
        expect(await b.storage.listCustomers({ address: 'ap+c1@example.com' })).toEqual([]);
        expect(await b.storage.loadSnapshot('i1')).toBeUndefined();
        expect((await b.storage.listOutbox({ key: 'i1:k1' }))[0]).toBeUndefined();
        expect(await b.storage.claimOutbox({ now: T0 + DAY, limit: 10, workerId: 'w', leaseMs: 1000 })).toEqual([]);
        expect(
          (
            await b.storage.decideDue({ now: T0 + 10 * DAY, limit: 10 }, () => {
              throw new Error('not mine');
            })
          ).decided,
        ).toBe(0);
        expect(await b.backdoor.outboxKeys()).toEqual([]);

        // The same ids and keys in another tenant are other rows.
        await b.storage.commit({ customers: [fixtureCustomer('c1', { name: 'Other' })] });
        await b.storage.commit({ invoices: [fixtureInvoice('i1', 'c1', { status: 'paid' })] });
        await enqueue(b.storage);
        expect(await b.backdoor.outboxKeys()).toEqual(['i1:k1']);
        expect((await f.backdoor.invoiceRow('i1'))?.status).toBe('open');
        expect((await f.storage.getCustomer('c1'))?.name).toBe('Customer c1');
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'pending', attempts: 0 });
        const [claimA] = await f.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w', leaseMs: 60_000 });
        const [claimB] = await b.storage.claimOutbox({ now: T0, limit: 10, workerId: 'w', leaseMs: 60_000 });
        expect(claimB?.snapshot.invoice.status).toBe('paid');
        expect(
          await b.storage.completeOutbox({ key: 'i1:k1', token: claimB!.token, now: T0, result: { status: 'sent' }, activities: [] }),
        ).toBe(true);
        expect(await f.backdoor.outboxRow('i1:k1')).toEqual({ status: 'pending', attempts: 1 });
        expect(
          await f.storage.completeOutbox({ key: 'i1:k1', token: claimA!.token, now: T0, result: { status: 'sent' }, activities: [] }),
        ).toBe(true);
      });
    });

    runStorageModelTest(options);
  });
}

function waitOutput(s: Snapshot, nextCheckAt: number | null): DecideOutput {
  return {
    nextCheckAt,
    decision: {
      kind: 'wait',
      invoiceId: s.invoice.id,
      until: nextCheckAt === null ? null : new Date(nextCheckAt).toISOString(),
      reason: 'next-step',
      reasons: [],
    },
    outbox: [],
    activities: [],
  };
}
