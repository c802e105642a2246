import { Readable } from 'node:stream';
import { ConfigError, DueflowError } from '@dueflow/core';
import type { SourceRecord } from '@dueflow/runtime/ports';
import { describe, expect, it } from 'vitest';
import { createCsvSource, type CsvSourceOptions } from './csv-source.js';
import { SchemaDriftError } from './errors.js';

async function pull(text: string, options: Partial<CsvSourceOptions> = {}): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  const source = createCsvSource({ stream: Readable.from([text]), ...options } as CsvSourceOptions);
  for await (const r of source.pull()) out.push(r);
  return out;
}

const csv = [
  'Invoice No,Customer,Invoice Date,Due Date,Total,Paid Date,Notes',
  'A-1,ACME,2025-01-05,2025-02-04,"1,250.00",2025-02-10,',
  'A-2,ACME,2025-01-06,2025-02-05,99.90,,"Called, promised to pay Friday"',
  'A-3,GLOBEX,2025-01-07,,10.00,,',
  'A-1,ACME,2025-01-05,2025-02-04,"1,250.00",2025-02-10,',
].join('\n');

describe('createCsvSource', () => {
  it('streams each customer once, invoices, payments, notes and issues with lines', async () => {
    const records = await pull(csv);
    expect(records.map((r) => r.kind)).toEqual(['customer', 'invoice', 'payment', 'invoice', 'note', 'issue', 'issue']);
    expect(records[1]).toMatchObject({ kind: 'invoice', data: { id: 'A-1', total: { amount: 125000, currency: 'USD' }, status: 'paid' } });
    expect(records[2]).toMatchObject({
      kind: 'payment',
      data: { at: '2025-02-10T12:00:00Z', allocations: [{ invoiceId: 'A-1', amount: 125000 }] },
    });
    expect(records[4]).toMatchObject({ kind: 'note', data: { text: 'Called, promised to pay Friday', invoiceId: 'A-2' } });
    expect(records[5]).toEqual({ kind: 'issue', issue: { line: 4, field: 'Due Date', message: 'is required' } });
    expect(records[6]).toEqual({
      kind: 'issue',
      issue: { line: 5, field: 'Invoice No', value: 'A-1', message: 'duplicate invoice number, first on line 2' },
    });
  });

  it('ends with an issue when the file turns unreadable', async () => {
    const records = await pull(`${csv.split('\n').slice(0, 2).join('\n')}\n"A-9,ACME,2025-01-05\n`);
    expect(records.at(-1)).toMatchObject({ kind: 'issue', issue: { message: expect.stringMatching(/QUOTE_NOT_CLOSED/) } });
  });

  it('refuses an ambiguous date format instead of guessing', async () => {
    const text = 'Invoice No,Customer,Invoice Date,Due Date,Total\nA,C,1/2/2025,3/4/2025,1.00\n';
    await expect(pull(text)).rejects.toThrow(ConfigError);
    await expect(pull(text)).rejects.toThrow(/ambiguous.*M\/D\/YYYY and D\/M\/YYYY/);
    const records = await pull(text, {
      mapping: {
        columns: { invoiceNumber: 'Invoice No', customerId: 'Customer', issueDate: 'Invoice Date', dueDate: 'Due Date', amount: 'Total' },
        dateFormat: 'D/M/YYYY',
      },
    });
    expect(records[1]).toMatchObject({ kind: 'invoice', data: { issueDate: '2025-02-01', dueDate: '2025-04-03' } });
  });

  it('stops on a missing required column, suggesting the rename', async () => {
    const mapping = {
      columns: { invoiceNumber: 'Invoice No', customerId: 'Customer', issueDate: 'Invoice Date', dueDate: 'Due Date', amount: 'Total' },
      dateFormat: 'YYYY-MM-DD',
    } as const;
    const error = await pull(csv.replace('Total', 'Total Amt'), { mapping, previousHeader: csv.split('\n')[0]?.split(',') ?? [] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect((error as SchemaDriftError).message).toBe('Import stopped: column "Total" (amount) is missing; it looks renamed to "Total Amt"');
  });

  it('reads a European export: semicolons, D.M.YYYY dates, 1.234,50 amounts, a byte-order mark', async () => {
    const text = '\uFEFFRechnung;Kunde;Datum;Fällig;Betrag\r\nR-1;K1;31.01.2025;02.03.2025;€1.234,50\r\n';
    const mapping = {
      columns: { invoiceNumber: 'Rechnung', customerId: 'Kunde', issueDate: 'Datum', dueDate: 'Fällig', amount: 'Betrag' },
      dateFormat: 'D.M.YYYY',
      numberLocale: 'de-DE',
      currency: 'EUR',
    } as const;
    const records = await pull(text, { mapping });
    expect(records[1]).toMatchObject({
      kind: 'invoice',
      data: { issueDate: '2025-01-31', dueDate: '2025-03-02', total: { amount: 123450, currency: 'EUR' } },
    });
  });

  it('stops with a typed error when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await (async () => {
      for await (const _ of createCsvSource({ stream: Readable.from([csv]) }).pull({ signal: controller.signal })) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DueflowError);
    expect((error as DueflowError).code).toBe('INVALID_OPERATION');
  });

  it('reports progress in rows and bytes', async () => {
    const seen: { rows: number; bytes: number }[] = [];
    await pull(csv, { onProgress: (p) => seen.push(p), progressEvery: 2 });
    expect(seen.map((p) => p.rows)).toEqual([2, 4, 4]);
    expect(seen.at(-1)?.bytes).toBe(Buffer.byteLength(csv));
  });
});
