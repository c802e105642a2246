import { CustomerSchema, InvoiceSchema } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage.js';
import { createMemoryStore } from './memory-store.js';

const customer = CustomerSchema.parse({ id: 'c1', name: 'Acme', contacts: [{ id: 'k1', email: 'ap@acme.example' }] });
const invoice = InvoiceSchema.parse({
  id: 'i1',
  number: '1',
  customerId: 'c1',
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 10_000, currency: 'USD' },
});

describe('createMemoryStorage', () => {
  it('copies on the way in and out, so callers cannot change stored rows', async () => {
    const storage = createMemoryStorage();
    const mine = structuredClone(customer);
    await storage.commit({ customers: [mine] });
    mine.name = 'Changed';
    const read = await storage.getCustomer('c1');
    read!.contacts.push({ ...read!.contacts[0]!, id: 'k2' });
    expect(await storage.getCustomer('c1')).toEqual(customer);
  });

  it('commits rows and their activities at once, scheduling the invoices they touch', async () => {
    const storage = createMemoryStorage();
    await storage.commit({ customers: [customer] });
    await storage.commit({ invoices: [invoice] });
    await storage.decideDue({ now: 0, limit: 10 }, () => ({
      nextCheckAt: null,
      decision: { kind: 'done', invoiceId: 'i1', reason: 'paid', reasons: [] },
      outbox: [],
      activities: [],
    }));
    expect((await storage.getSchedule('i1'))?.nextCheckAt).toBeNull();
    const promise = {
      id: 'p1',
      invoiceId: 'i1',
      amount: { amount: 5_000, currency: 'USD' },
      date: '2025-02-10',
      madeAt: '2025-02-01T00:00:00.000Z',
      status: 'pending' as const,
      paid: 0,
    };
    const made = {
      id: 'a1',
      type: 'promise' as const,
      at: '2025-02-01T00:00:00.000Z',
      customerId: 'c1',
      invoiceId: 'i1',
      actor: { type: 'system' as const },
      promiseId: 'p1',
      event: 'made' as const,
    };
    await storage.commit({ promises: [promise], activities: [made, made] });
    expect(storage.store.tables('default').promises.get('p1')).toEqual(promise);
    expect(await storage.listActivities({ invoiceId: 'i1' })).toEqual([made]);
    expect((await storage.getSchedule('i1'))?.nextCheckAt).toBe(-Infinity);
    expect((await storage.loadSnapshot('i1'))?.promise).toEqual(promise);
  });

  it('shares one backing store between tenants without mixing rows', async () => {
    const store = createMemoryStore();
    const a = createMemoryStorage({ tenantId: 'a', store });
    const b = createMemoryStorage({ tenantId: 'b', store });
    await a.commit({ customers: [customer] });
    await a.commit({ invoices: [invoice] });
    expect([...store.tenants.keys()].sort()).toEqual(['a', 'b']);
    expect(await b.listInvoices()).toEqual([]);
    expect(store.tables('a').invoices.get('i1')).toEqual(invoice);
    expect(createMemoryStorage().tenantId).toBe('default');
  });

  it('does not decide invoices whose customer is unknown until the customer arrives', async () => {
    const storage = createMemoryStorage();
    await storage.commit({ invoices: [invoice] });
    const decide = () => ({
      nextCheckAt: null,
      decision: { kind: 'done' as const, invoiceId: 'i1', reason: 'paid' as const, reasons: [] },
      outbox: [],
      activities: [],
    });
    expect((await storage.decideDue({ now: 0, limit: 10 }, decide)).decided).toBe(0);
    await storage.commit({ customers: [customer] });
    expect((await storage.decideDue({ now: 0, limit: 10 }, decide)).decided).toBe(1);
  });
});
