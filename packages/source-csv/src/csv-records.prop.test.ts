import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvRecords } from './csv-records.js';
import { CsvFormatError } from './errors.js';

async function read(chunks: readonly Uint8Array[], maxRecordSize: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords({ stream: Readable.from(chunks) }, { delimiter: ',', maxRecordSize })) out.push(r);
  return out;
}

// Quote-free and plainly quoted lines are split by hand, the rest by csv-parse: both must give csv-parse's
// fields, whatever the line endings, byte-order mark, multi-byte characters and chunk cuts.
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('"', '""', '","', '"a"', '"x,y"', '" ', ' "', '"\n"') },
  { weight: 30, arbitrary: fc.constantFrom('a', ',', '\n', '\r', '\r\n', 'xyz', ' ', ';', 'é', '€', '😀', '\uFEFF', 'x'.repeat(30)) },
);

describe('readCsvRecords fast path', () => {
  it('gives the fields csv-parse gives, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 150 }),
        fc.array(fc.nat(600), { maxLength: 5 }),
        fc.boolean(),
        async (pieces, cuts, bom) => {
          const text = (bom ? '\uFEFF' : '') + pieces.join('');
          const bytes = Buffer.from(text, 'utf8');
          const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((c, i) => bytes.subarray(c, at[i] ?? bytes.length));
          let expected: string[][] | CsvFormatError;
          try {
            const rows = parse(text.replace(/\r\n?/g, '\n'), {
              delimiter: ',',
              bom: true,
              record_delimiter: ['\n'],
              relax_column_count: true,
              relax_quotes: true,
              max_record_size: 1000,
            }) as string[][];
            expected = rows.filter((r) => r.length !== 1 || r[0] !== '');
          } catch {
            expected = new CsvFormatError('any', undefined);
          }
          const actual = await read(chunks, 1000).then(
            (records) => records.map((r) => r.fields),
            (error: unknown) => error,
          );
          if (expected instanceof CsvFormatError) expect(actual).toBeInstanceOf(CsvFormatError);
          else expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands over to csv-parse at the first line it must read, keeping the file line numbers in records and errors', async () => {
    const ok = await read([Buffer.from('a,b\r\n"1","2,5"\r\n\r\n"x\r\ny",3\r\n4,5\r\n')], 1000);
    expect(ok.map((r) => r.line)).toEqual([1, 2, 4, 6]);
    expect(ok[1]?.fields).toEqual(['1', '2,5']);
    const text = 'a,b\n1,2\n3,4\n"x,3\n4,5\n6,7\n';
    const error = await read([Buffer.from(text)], 1000).catch((e: unknown) => e);
    // csv-parse on the whole file: the same line, and the same message.
    let whole: { message: string; lines: number } = { message: '', lines: 0 };
    try {
      parse(text, { relax_column_count: true, relax_quotes: true });
    } catch (e) {
      whole = e as { message: string; lines: number };
    }
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).line).toBe(whole.lines);
    expect((error as CsvFormatError).message).toContain(whole.message);
    expect(whole.message).toMatch(/at line 6\b/);
  });
});
