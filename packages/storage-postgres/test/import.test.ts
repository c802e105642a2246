import { PGlite } from '@electric-sql/pglite';
import type { CreditNote, NoteActivity } from '@dueflow/core';
import { importRecords, ImportWriteError } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import type { SourceRecord, Storage } from '@dueflow/runtime/ports';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, createPostgresStorage } from '../src/index.js';
import { customer, invoice, payment } from './fixtures.js';
import { openServerPool, uniqueSchema } from './support.js';

// The runtime's import writes through `commit`, one transaction: on both drivers it must store
// credit notes and notes with the rest, write nothing the second time, and leave storage as it
// was when any record of the batch is refused.
const clock = manualClock(Date.parse('2025-03-12T09:00:00Z'));
const credit = (id: string, invoiceId: string, amount: number): CreditNote => ({
  id,
  invoiceId,
  amount: { amount, currency: 'USD' },
  at: '2025-03-05T10:00:00Z',
});
const note: NoteActivity = {
  id: 'erp:note:1',
  type: 'note',
  at: '2025-03-02T10:00:00Z',
  customerId: 'c1',
  invoiceId: 'i1',
  actor: { type: 'system' },
  source: 'import',
  text: 'promised Friday',
};
const records: SourceRecord[] = [
  { kind: 'customer', data: customer('c1') },
  { kind: 'invoice', data: invoice('i1', 'c1') },
  { kind: 'invoice', data: invoice('i2', 'c1') },
  { kind: 'payment', data: payment('p1', 'c1', 'i1', 40_000) },
  { kind: 'credit-note', data: credit('cn1', 'i1', 10_000) },
  { kind: 'note', data: note },
];

async function checkImport(storage: Storage): Promise<void> {
  await storage.init();
  const first = await importRecords(records, { storage, sourceName: 'erp', clock });
  expect(first).toMatchObject({ written: true, records: 6 });
  const snapshot = await storage.loadSnapshot('i1');
  expect(snapshot?.credits.map((c) => c.id)).toEqual(['cn1']);
  expect(snapshot?.payments.map((p) => p.id)).toEqual(['p1']);
  expect(snapshot?.activities.map((a) => a.id)).toContain('erp:note:1');
  expect((await storage.getInvoice('i2'))?.metadata).toEqual({ importSource: 'erp' });

  const again = await importRecords(records, { storage, sourceName: 'erp', clock });
  expect(again.written).toBe(false);
  expect(again.diff).toMatchObject({
    invoices: { unchanged: 2 },
    credits: { unchanged: 1 },
    notes: { unchanged: 1 },
    payments: { unchanged: 1 },
  });

  // A record storage refuses (records handed to importRecords are not checked again on the way)
  // takes the whole batch with it: the credit note's new amount is not written either.
  const unknownCurrency = { ...payment('p9', 'c1', 'i1', 1_000), amount: { amount: 1_000, currency: 'XYZ' } };
  const refused = await importRecords(
    [
      { kind: 'credit-note', data: credit('cn1', 'i1', 15_000) },
      { kind: 'payment', data: unknownCurrency },
    ],
    { storage, sourceName: 'erp', partial: true, clock },
  ).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ImportWriteError);
  expect((refused as ImportWriteError).message).toMatch(/^Import not written: .*amount\.currency.*"XYZ"/);
  expect((await storage.loadSnapshot('i1'))?.credits).toEqual([credit('cn1', 'i1', 10_000)]);

  // A partial import (a webhook) of one changed invoice reads and writes only that invoice.
  const paid = await importRecords([{ kind: 'invoice', data: invoice('i2', 'c1', '2025-03-01', { status: 'paid' }) }], {
    storage,
    sourceName: 'erp',
    partial: true,
    clock,
  });
  expect(paid.diff.invoices.changed.map((c) => [c.id, c.changes.map((x) => x.path)])).toEqual([['i2', ['status']]]);
  expect(paid.diff.invoices.missing).toEqual([]);
  expect((await storage.getInvoice('i1'))?.status).toBe('open');
}

describe('importRecords into PostgreSQL storage', () => {
  const pglite = new PGlite();
  afterAll(() => pglite.close());

  it('on PGlite', async () => {
    await checkImport(createPgliteStorage({ pglite, schema: uniqueSchema('import'), tenantId: 't' }));
  });

  it('on the server', async (ctx) => {
    const opened = await openServerPool(2);
    if ('skip' in opened) return ctx.skip(opened.skip);
    const schema = uniqueSchema('import');
    try {
      await checkImport(createPostgresStorage({ pool: opened.pool, schema, tenantId: 't' }));
    } finally {
      await opened.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await opened.pool.end();
    }
  });
});
