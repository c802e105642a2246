import { Readable } from 'node:stream';
import { DueflowError } from '@dueflow/core';
import { createMemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv } from './import-csv.js';

const HEADER = ['Invoice No', 'Customer', 'Invoice Date', 'Due Date', 'Total', 'Paid Date', 'Notes'];
const clock = manualClock(Date.parse('2025-06-01T09:00:00Z'));

const goodRow = fc.record({
  n: fc.integer({ min: 1, max: 60 }),
  c: fc.constantFrom('ACME', 'GLOBEX', 'INITECH'),
  day: fc.integer({ min: 1, max: 28 }),
  cents: fc.integer({ min: 0, max: 10_000_000 }),
  paid: fc.boolean(),
  note: fc.constantFrom('', 'called', 'promised "Friday", maybe'),
});

type Corruption = (cells: string[]) => string[];
const corruption = fc.constantFrom<Corruption>(
  (c) => c.map((v, i) => (i === 3 ? '' : v)),
  (c) => c.map((v, i) => (i === 2 ? '2025-13-45' : v)),
  (c) => c.map((v, i) => (i === 4 ? '12,34.5.6' : v)),
  (c) => c.map((v, i) => (i === 0 ? `${v}"` : v)),
  (c) => [c.join(';')],
  (c) => c.slice(0, 3),
  (c) => [...c, 'extra', 'cells'],
  (c) => c.map((v, i) => (i === 6 ? 'x'.repeat(50_000) : v)),
);

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) && !cell.endsWith('"') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const file = fc
  .record({
    rows: fc.array(fc.tuple(goodRow, fc.option(corruption, { freq: 3 })), { maxLength: 25 }),
    bom: fc.boolean(),
    endings: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
    strayQuote: fc.option(fc.nat(), { freq: 5 }),
    chunk: fc.integer({ min: 1, max: 64 }),
  })
  .map(({ rows, bom, endings, strayQuote, chunk }) => {
    const lines = [HEADER.join(',')];
    for (const [r, corrupt] of rows) {
      const cells = [
        `INV-${r.n}`,
        r.c,
        `2025-01-${String(r.day).padStart(2, '0')}`,
        '2025-02-28',
        `${Math.floor(r.cents / 100)}.${String(r.cents % 100).padStart(2, '0')}`,
        r.paid ? '2025-03-01' : '',
        r.note,
      ];
      lines.push((corrupt === null ? cells : corrupt(cells)).map(quote).join(','));
    }
    let text = (bom ? '\uFEFF' : '') + lines.map((l, i) => l + (endings[i % endings.length] ?? '\n')).join('');
    if (strayQuote !== null && text.length > 0) {
      const at = strayQuote % text.length;
      text = `${text.slice(0, at)}"${text.slice(at)}`;
    }
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunk * 97) chunks.push(bytes.subarray(i, i + chunk * 97));
    return chunks;
  });

describe('importCsv on corrupted files', () => {
  it('never throws an untyped error, and writes nothing when it refuses', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(file, fc.boolean(), async (chunks, seeded) => {
        const storage = createMemoryStorage();
        if (seeded) {
          await importCsv({ stream: Readable.from([`${HEADER.join(',')}\nSEED-1,ACME,2025-01-01,2025-02-01,5.00,,\n`]), storage, clock });
        }
        const before = structuredClone(storage.store.tables(storage.tenantId));
        try {
          await importCsv({
            stream: Readable.from(chunks),
            storage,
            clock,
            mapping: {
              columns: {
                invoiceNumber: 'Invoice No',
                customerId: 'Customer',
                issueDate: 'Invoice Date',
                dueDate: 'Due Date',
                amount: 'Total',
                settledDate: 'Paid Date',
                note: 'Notes',
              },
              dateFormat: 'YYYY-MM-DD',
            },
          });
          outcomes.add('imported');
        } catch (error) {
          outcomes.add(error instanceof DueflowError ? error.code : 'untyped');
          expect(error).toBeInstanceOf(DueflowError);
          expect(structuredClone(storage.store.tables(storage.tenantId))).toEqual(before);
        }
      }),
      { numRuns: 80 },
    );
    // The generator must reach both outcomes, or the property proves little.
    expect(outcomes).toContain('DATA_HEALTH');
    expect(outcomes).toContain('imported');
    expect(outcomes).not.toContain('untyped');
  });
});
