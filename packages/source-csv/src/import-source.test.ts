import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DueflowError } from '@dueflow/core';
import { createMemoryStorage, importSource, SourceIssuesError, type MemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCsvSource } from './csv-source.js';
import { importCsv } from './import-csv.js';

// The runtime's importSource over this package's source: the generic path every source takes.
const HEADER = 'Invoice No,Customer,Email,Invoice Date,Due Date,Total,Paid Date,Notes';
const rows = [
  'A-1,ACME,ap@acme.example,2025-01-05,2025-02-04,"1,250.00",2025-02-10,',
  'A-2,ACME,ap@acme.example,2025-01-06,2025-02-05,99.90,,"Called, will pay Friday"',
  'B-1,GLOBEX,billing@globex.example,2025-01-07,2025-02-06,10.00,,',
];
const clock = manualClock(Date.parse('2025-06-01T09:00:00Z'));
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dueflow-import-source-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function file(lines: readonly string[], name = 'export.csv'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, [HEADER, ...lines].join('\n'));
  return path;
}

function tables(storage: MemoryStorage): unknown {
  return structuredClone(storage.store.tables(storage.tenantId));
}

describe('importSource over the CSV source', () => {
  it('writes what importCsv writes, then nothing on the same file', async () => {
    const path = await file(rows);
    const generic = createMemoryStorage();
    const report = await importSource({ source: createCsvSource({ file: path, name: 'erp' }), storage: generic, clock });
    expect(report).toMatchObject({ sourceName: 'erp', written: true, records: 7, issues: { count: 0, examples: [] } });
    expect(report.diff.invoices.new.map((i) => i.id)).toEqual(['A-1', 'A-2', 'B-1']);
    expect(report.diff.notes.new).toHaveLength(1);

    const direct = createMemoryStorage();
    await importCsv({ file: path, storage: direct, clock, sourceName: 'erp' });
    expect(tables(generic)).toEqual(tables(direct));

    const again = await importSource({ source: createCsvSource({ file: path, name: 'erp' }), storage: generic, clock });
    expect(again.written).toBe(false);
    expect(again.diff.invoices.unchanged).toBe(3);
    expect(again.diff.notes.unchanged).toBe(1);
  });

  it('flags invoices the source no longer has on a full pull, never on a partial one', async () => {
    const storage = createMemoryStorage();
    await importSource({ source: createCsvSource({ file: await file(rows), name: 'erp' }), storage, clock });
    const fewer = createCsvSource({ file: await file(rows.slice(0, 2), 'fewer.csv'), name: 'erp' });
    const partial = await importSource({ source: fewer, storage, clock, since: '2025-05-01T00:00:00Z', onMissing: 'mark-paid' });
    expect(partial.diff.invoices.missing).toEqual([]);
    expect((await storage.getInvoice('B-1'))?.status).toBe('open');
    const full = await importSource({ source: fewer, storage, clock, onMissing: 'mark-paid' });
    expect(full.diff.invoices.missing.map((m) => [m.invoice.id, m.action])).toEqual([['B-1', 'mark-paid']]);
    expect((await storage.getInvoice('B-1'))?.status).toBe('paid');
  });

  it('refuses a source with too many bad rows and writes nothing; a dry run writes nothing either', async () => {
    const storage = createMemoryStorage();
    const bad = await file(
      [...rows, 'C-1,INITECH,ap@initech.example,2025-01-08,,5.00,,', 'C-2,INITECH,ap@initech.example,2025-01-09,2025-02-08,abc,,'],
      'bad.csv',
    );
    const error = await importSource({ source: createCsvSource({ file: bad }), storage, clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceIssuesError);
    expect((error as SourceIssuesError).count).toBe(2);
    expect((error as SourceIssuesError).message).toMatch(
      /^Import csv refused: 2 of 9 records \(22\.2%\) are bad, above the 10\.0% limit; first: Due Date: is required$/,
    );
    expect(await storage.listInvoices()).toEqual([]);

    const tolerant = await importSource({ source: createCsvSource({ file: bad }), storage, clock, maxIssueShare: 0.5, dryRun: true });
    expect(tolerant).toMatchObject({ dryRun: true, written: false, issues: { count: 2 } });
    expect(tolerant.diff.invoices.new).toHaveLength(3);
    expect(await storage.listInvoices()).toEqual([]);
  });

  it('ends with a DueflowError, having written nothing, when aborted', async () => {
    const storage = createMemoryStorage();
    const controller = new AbortController();
    controller.abort();
    const error = await importSource({
      source: createCsvSource({ file: await file(rows) }),
      storage,
      clock,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DueflowError);
    expect(error).toMatchObject({ code: 'INVALID_OPERATION', message: 'Import csv aborted: nothing was written' });
    expect(await storage.listInvoices()).toEqual([]);
    await expect(importSource({ source: createCsvSource({ file: await file(rows) }), storage, maxIssueShare: 2 })).rejects.toThrow(
      /maxIssueShare: must be between 0 and 1 \(got 2\)/,
    );
  });
});
