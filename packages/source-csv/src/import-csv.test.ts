import { Readable } from 'node:stream';
import { DataHealthError, DueflowError } from '@dueflow/core';
import { createMemoryStorage, ImportWriteError, type MemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import type { Storage } from '@dueflow/runtime/ports';
import { describe, expect, it } from 'vitest';
import { SchemaDriftError } from './errors.js';
import type { HealthReport } from './health.js';
import { importCsv, type ImportCsvOptions } from './import-csv.js';
import { createMemoryImportStateStore } from './import-state.js';
import type { ImportBatch } from '@dueflow/core';

const HEADER = 'Invoice No,Customer,Email,Invoice Date,Due Date,Total,Paid Date,Status';
const rows = [
  'A-1,ACME,ap@acme.example,2025-01-05,2025-02-04,"1,250.00",2025-02-10,',
  'A-2,ACME,ap@acme.example,2025-01-06,2025-02-05,99.90,,',
  'B-1,GLOBEX,billing@globex.example,2025-01-07,2025-02-06,10.00,,',
];
const csv = (lines: readonly string[], header = HEADER) => [header, ...lines].join('\n');
const clock = manualClock(Date.parse('2025-06-01T09:00:00Z'));

function snapshot(storage: MemoryStorage): unknown {
  return structuredClone(storage.store.tables(storage.tenantId));
}

function run(storage: Storage, text: string, options: Partial<ImportCsvOptions> = {}) {
  return importCsv({ stream: Readable.from([text]), storage, clock, sourceName: 'erp', ...options } as ImportCsvOptions);
}

describe('importCsv', () => {
  it('imports new records, then changes nothing on the same file', async () => {
    const storage = createMemoryStorage();
    const report = await run(storage, csv(rows));
    expect(report.written).toBe(true);
    expect(report.counts).toMatchObject({ rows: 3, invoices: { new: 3, changed: 0 }, customers: { new: 2 }, payments: { new: 1 } });
    expect(await storage.getInvoice('A-1')).toMatchObject({
      status: 'paid',
      total: { amount: 125000, currency: 'USD' },
      metadata: { importSource: 'erp' },
    });
    expect((await storage.getCustomer('ACME'))?.contacts[0]?.email).toBe('ap@acme.example');
    const before = snapshot(storage);
    const again = await run(storage, csv(rows));
    expect(again.written).toBe(false);
    expect(again.counts.invoices).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    expect(snapshot(storage)).toEqual(before);
  });

  it('returns the diff without writing on a dry run', async () => {
    const storage = createMemoryStorage();
    await run(storage, csv(rows));
    const before = snapshot(storage);
    const changed = rows.map((r) => r.replace('99.90', '120.00'));
    const report = await run(storage, csv(changed), { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.written).toBe(false);
    expect(report.diff.invoices.changed).toEqual([
      expect.objectContaining({ id: 'A-2', changes: [{ path: 'total.amount', before: 9990, after: 12000 }] }),
    ]);
    expect(snapshot(storage)).toEqual(before);
  });

  it('marks invoices gone from the file as paid when configured, once', async () => {
    const storage = createMemoryStorage();
    await run(storage, csv(rows));
    const report = await run(storage, csv(rows.slice(0, 2)), { onMissing: 'mark-paid' });
    expect(report.counts.invoices.missing).toBe(1);
    expect(await storage.getInvoice('B-1')).toMatchObject({ status: 'paid' });
    expect(await storage.listActivities({ invoiceId: 'B-1' })).toEqual([
      expect.objectContaining({ type: 'status', change: 'marked-paid' }),
    ]);
    const third = await run(storage, csv(rows.slice(0, 2)), { onMissing: 'mark-paid' });
    expect(third.counts.invoices.missing).toBe(0);
  });

  it('reports a contact edited in the app and writes the file value', async () => {
    const storage = createMemoryStorage();
    await run(storage, csv(rows));
    const acme = await storage.getCustomer('ACME');
    if (acme === undefined) throw new Error('ACME not imported');
    await storage.commit({
      customers: [{ ...acme, contacts: acme.contacts.map((c) => ({ ...c, email: 'new@acme.example', optOuts: ['sms' as const] })) }],
    });
    const report = await run(storage, csv(rows));
    expect(report.diff.customers.contactConflicts).toEqual([
      { customerId: 'ACME', contactId: 'ACME-billing', field: 'email', stored: 'new@acme.example', file: 'ap@acme.example' },
    ]);
    expect((await storage.getCustomer('ACME'))?.contacts[0]).toMatchObject({ email: 'ap@acme.example', optOuts: ['sms'] });
  });

  it('refuses an unhealthy file with a DataHealthError and writes nothing', async () => {
    const storage = createMemoryStorage();
    await run(storage, csv(rows));
    const before = snapshot(storage);
    const bad = [...rows, 'C-1,ACME,,2025-01-05,,1.00,,', 'C-2,ACME,,2025-01-05,,1.00,,'];
    const error = await run(storage, csv(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataHealthError);
    expect((error as DataHealthError<HealthReport>).code).toBe('DATA_HEALTH');
    expect((error as DataHealthError<HealthReport>).message).toMatch(
      /40\.0% of rows \(2 of 5\) miss a required field, above the 10\.0% threshold/,
    );
    expect((error as DataHealthError<HealthReport>).report.examples[0]).toMatchObject({ line: 5, field: 'dueDate' });
    expect(snapshot(storage)).toEqual(before);
  });

  it('stops on schema drift using the state of the previous import', async () => {
    const storage = createMemoryStorage();
    const stateStore = createMemoryImportStateStore();
    await run(storage, csv(rows), { stateStore });
    expect(await stateStore.load('erp')).toMatchObject({ header: HEADER.split(','), rows: 3, importedAt: '2025-06-01T09:00:00.000Z' });
    const renamed = HEADER.replace('Total', 'Amount Total');
    const mapping = {
      columns: { invoiceNumber: 'Invoice No', customerId: 'Customer', issueDate: 'Invoice Date', dueDate: 'Due Date', amount: 'Total' },
    };
    const error = await run(storage, csv(rows, renamed), { stateStore, mapping }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect((error as SchemaDriftError).drift.missing).toEqual([expect.objectContaining({ column: 'Total', renamedTo: 'Amount Total' })]);
  });

  it('writes nothing when storage refuses the batch, and says why', async () => {
    const storage = createMemoryStorage();
    await run(storage, csv(rows));
    const before = snapshot(storage);
    // The real adapter with one fault injected: its single write fails.
    const failing: Storage = Object.assign(Object.create(storage) as Storage, {
      commit: async () => {
        throw new Error('disk full');
      },
    });
    const changed = [...rows.map((r) => r.replace('99.90', '120.00')), 'D-1,INITECH,,2025-01-05,2025-02-04,5.00,,'];
    const error = await run(failing, csv(changed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportWriteError);
    expect((error as ImportWriteError).message).toBe('Import not written: disk full');
    expect(snapshot(storage)).toEqual(before);
  });

  it('writes in one transaction when the storage can commit', async () => {
    const storage = createMemoryStorage();
    const batches: ImportBatch[] = [];
    const atomic = Object.assign(Object.create(storage) as Storage, {
      commit: async (batch: ImportBatch) => {
        batches.push(batch);
        await storage.commit!(batch);
      },
    });
    const report = await run(atomic, csv(rows));
    expect(report.written).toBe(true);
    expect(batches).toHaveLength(1);
    expect(await storage.getInvoice('B-1')).toBeDefined();
  });

  it('turns storage failures into typed errors', async () => {
    const storage = createMemoryStorage();
    const broken = Object.assign(Object.create(storage) as Storage, {
      listInvoices: async () => {
        throw new Error('connection reset');
      },
    });
    const error = await run(broken, csv(rows)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DueflowError);
    expect((error as DueflowError).code).toBe('ADAPTER');
  });

  it('reports progress phases with bytes', async () => {
    const storage = createMemoryStorage();
    const phases: string[] = [];
    await run(storage, csv(rows), { onProgress: (p) => phases.push(`${p.phase}:${p.rows}`), progressEvery: 2 });
    expect(phases).toEqual(['read:0', 'read:2', 'compare:3', 'write:3', 'done:3']);
  });

  it('refuses a file whose amounts are written with a decimal comma under the default en-US, naming the values and numberLocale', async () => {
    const storage = createMemoryStorage();
    const german = [
      'A-1,ACME,ap@acme.example,2025-01-05,2025-02-04,"12,50",,',
      'A-2,ACME,ap@acme.example,2025-01-06,2025-02-05,"0,99",,',
      'A-3,ACME,ap@acme.example,2025-01-06,2025-02-05,"1,5",,',
      'B-1,GLOBEX,billing@globex.example,2025-01-07,2025-02-06,"1.250,00",,',
      'B-2,GLOBEX,billing@globex.example,2025-01-07,2025-02-06,100,,',
    ];
    const error = await run(storage, csv(german), { health: { maxInvalidShare: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataHealthError);
    const report = (error as DataHealthError<HealthReport>).report;
    expect(report.numberLocale).toMatchObject({ declared: 'en-US', looksLike: 'de-DE', foreign: 4, inDeclared: 0, refused: true });
    expect((error as DataHealthError<HealthReport>).message).toContain('"12,50" on line 2');
    expect((error as DataHealthError<HealthReport>).message).toContain('set numberLocale to "de-DE"');
    expect(await storage.listInvoices()).toEqual([]);

    const read = await run(storage, csv(german), {
      mapping: {
        columns: { invoiceNumber: 'Invoice No', customerId: 'Customer', issueDate: 'Invoice Date', dueDate: 'Due Date', amount: 'Total' },
        numberLocale: 'de-DE',
      },
    });
    expect(read.counts.invoices.new).toBe(5);
    expect((await storage.getInvoice('A-1'))?.total.amount).toBe(1250);
    expect((await storage.getInvoice('A-2'))?.total.amount).toBe(99);
    expect((await storage.getInvoice('A-3'))?.total.amount).toBe(150);
    expect((await storage.getInvoice('B-1'))?.total.amount).toBe(125000);
    expect((await storage.getInvoice('B-2'))?.total.amount).toBe(10000);
  });

  it('keeps an en-US file with one decimal-comma amount, that row refused with its value and the locale it reads in', async () => {
    const storage = createMemoryStorage();
    const lines = [
      ...rows,
      'C-1,INITECH,ap@initech.example,2025-01-08,2025-02-07,"12,50",,',
      ...Array.from({ length: 8 }, (_, i) => `D-${i},INITECH,ap@initech.example,2025-01-08,2025-02-07,${i}.25,,`),
    ];
    const report = await run(storage, csv(lines));
    expect(report.counts.invoices.new).toBe(11);
    expect(report.health.numberLocale).toMatchObject({ foreign: 1, refused: false });
    expect(report.health.examples).toEqual([
      expect.objectContaining({
        line: 5,
        field: 'amount',
        column: 'Total',
        value: '12,50',
        message: expect.stringContaining('it reads as de-DE writes numbers'),
      }),
    ]);
    expect(await storage.getInvoice('C-1')).toBeUndefined();
    // Whole amounts with a thousands separator say en-US as surely as 12.50 does.
    const whole = [
      'C-1,INITECH,ap@initech.example,2025-01-08,2025-02-07,"12,50",,',
      'E-1,INITECH,ap@initech.example,2025-01-08,2025-02-07,"1,234",,',
      'E-2,INITECH,ap@initech.example,2025-01-08,2025-02-07,"15,000",,',
      'E-3,INITECH,ap@initech.example,2025-01-08,2025-02-07,500,,',
    ];
    const report2 = await run(createMemoryStorage(), csv(whole), { health: { maxInvalidShare: 0.5 } });
    expect(report2.health.numberLocale).toMatchObject({ foreign: 1, inDeclared: 2, refused: false });
  });

  it('imports a file of twenty with one impossible date, that row invalid with its line, column and value', async () => {
    for (const [first, bad, date] of [
      ['Invoice Date', '2025-02-30', (d: number) => `2025-01-${String(d).padStart(2, '0')}`],
      ['Invoice Date', '31/02/2025', (d: number) => `${String(d).padStart(2, '0')}/01/2025`],
    ] as const) {
      const storage = createMemoryStorage();
      const lines = Array.from(
        { length: 20 },
        (_, i) => `N-${i},ACME,ap@acme.example,${i === 6 ? bad : date(i + 10)},${date(i + 11)},10.00,,`,
      );
      const report = await run(storage, csv(lines));
      expect(report.mapping.dateFormat).toBe(bad.includes('/') ? 'D/M/YYYY' : 'YYYY-MM-DD');
      expect(report.counts.invoices.new).toBe(19);
      expect(report.health.examples).toEqual([
        expect.objectContaining({
          line: 8,
          kind: 'invalid',
          field: 'issueDate',
          column: first,
          value: bad,
          message: expect.stringContaining('no such day in the calendar'),
        }),
      ]);
      expect(await storage.getInvoice('N-6')).toBeUndefined();
    }
  });

  it('names the formats it saw and a date the likeliest one does not read when dates mix formats', async () => {
    const lines = [
      ...Array.from({ length: 5 }, (_, i) => `M-${i},ACME,ap@acme.example,2025-01-1${i},2025-02-1${i},10.00,,`),
      'M-9,ACME,ap@acme.example,15/01/2025,2025-02-15,10.00,,',
    ];
    const error = await run(createMemoryStorage(), csv(lines)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('YYYY-MM-DD reads 11 of 12');
    expect((error as Error).message).toContain('"15/01/2025" on line 7 in column "Invoice Date"');
  });
});
