import { existsSync, readFileSync } from 'node:fs';
import { createMemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import { describe, expect, it } from 'vitest';
import { importCsv } from './import-csv.js';
import { ibmAccountsReceivable } from './presets.js';

const file = process.env['DUEFLOW_IBM_AR_CSV'] ?? '/work/shared/data/ibm-ar/invoices.csv';

/** Exact cents from a decimal string, without floats: '55.94' → 5594n. */
function cents(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

function mdy(text: string): string {
  const [m = '', d = '', y = ''] = text.split('/');
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

describe.skipIf(!existsSync(file))('the IBM accounts-receivable sample', () => {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1) : [];
  // The sample has no quoted fields, so a plain split is an independent reading of it.
  const rows = lines.map((l) => l.split(','));

  it('imports 2,466 invoices, 100 customers and payments at the settled dates, exact to the cent', async () => {
    const storage = createMemoryStorage();
    const report = await importCsv({
      file,
      mapping: ibmAccountsReceivable,
      storage,
      clock: manualClock(Date.parse('2026-01-01T00:00:00Z')),
    });
    expect(report.health.passed).toBe(true);
    expect(report.counts).toMatchObject({ rows: 2466, invoices: { new: 2466 }, customers: { new: 100 }, payments: { new: 2466 } });

    const invoices = report.diff.invoices.new;
    const expected = rows.reduce((sum, r) => sum + cents(r[6] ?? ''), 0n);
    expect(BigInt(invoices.reduce((sum, i) => sum + i.total.amount, 0))).toBe(expected);
    expect(report.health.totals.invoiced).toEqual({ USD: Number(expected) });

    const payments = await storage.listPayments();
    expect(payments).toHaveLength(2466);
    const byInvoice = new Map(payments.map((p) => [p.allocations[0]?.invoiceId, p]));
    for (const r of rows) {
      const payment = byInvoice.get(r[3]);
      expect(payment?.at).toBe(`${mdy(r[8] ?? '')}T12:00:00Z`);
      expect(BigInt(payment?.amount.amount ?? -1)).toBe(cents(r[6] ?? ''));
    }
    const first = await storage.getInvoice('0000611365');
    expect(first).toMatchObject({
      customerId: '0379-NEVHP',
      issueDate: '2013-01-02',
      dueDate: '2013-02-01',
      total: { amount: 5594, currency: 'USD' },
      status: 'paid',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const storage = createMemoryStorage();
    const clock = manualClock(Date.parse('2026-01-01T00:00:00Z'));
    await importCsv({ file, mapping: ibmAccountsReceivable, storage, clock });
    const before = structuredClone(storage.store.tables(storage.tenantId));
    clock.advance(86_400_000);
    const again = await importCsv({ file, mapping: ibmAccountsReceivable, storage, clock });
    expect(again.written).toBe(false);
    expect(again.counts).toMatchObject({
      invoices: { new: 0, changed: 0, unchanged: 2466 },
      customers: { unchanged: 100 },
      payments: { unchanged: 2466 },
      activities: 0,
    });
    expect(structuredClone(storage.store.tables(storage.tenantId))).toEqual(before);
  });

  it('is recognised without a mapping', async () => {
    const report = await importCsv({ file, storage: createMemoryStorage(), dryRun: true });
    expect(report.preset).toBe('ibmAccountsReceivable');
    expect(report.counts.invoices.new).toBe(2466);
  });
});
