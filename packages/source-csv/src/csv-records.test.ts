import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvRecords, sniffDelimiter } from './csv-records.js';
import { CsvFormatError } from './errors.js';

async function read(chunks: readonly (string | Uint8Array)[], options: Parameters<typeof readCsvRecords>[1] = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords({ stream: Readable.from(chunks) }, options)) out.push(r);
  return out;
}

describe('readCsvRecords', () => {
  it('gives each record the line it starts on, across quoted newlines and empty lines', async () => {
    const records = await read(['a,b\n1,2\n\n"x\ny",3\n4,5\n']);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['x\ny', '3'] },
      { line: 6, fields: ['4', '5'] },
    ]);
  });

  it('reads mixed line endings, even a CRLF split across chunks', async () => {
    const records = await read(['a,b\r', '\n1,2\r3,4\n5,6\r\n7,8']);
    expect(records.map((r) => [r.line, r.fields.join('|')])).toEqual([
      [1, 'a|b'],
      [2, '1|2'],
      [3, '3|4'],
      [4, '5|6'],
      [5, '7|8'],
    ]);
  });

  it('drops a byte-order mark and sniffs the delimiter', async () => {
    const records = await read([Buffer.from([0xef, 0xbb, 0xbf]), 'Invoice;Amount\n"A;1";1.234,50\n']);
    expect(records).toEqual([
      { line: 1, fields: ['Invoice', 'Amount'] },
      { line: 2, fields: ['A;1', '1.234,50'] },
    ]);
  });

  it('keeps stray quotes inside unquoted fields', async () => {
    const records = await read(['a,b\n4,5"z\n']);
    expect(records[1]?.fields).toEqual(['4', '5"z']);
  });

  it('stops with a CsvFormatError on an unterminated quote', async () => {
    const error = await read(['a,b\n1,2\n"x,3\n4,5\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).message).toMatch(/QUOTE_NOT_CLOSED/);
  });

  it('stops with a CsvFormatError naming the line of a record over the size limit', async () => {
    const error = await read([`a,b\n1,2\nw,${'x'.repeat(200)}\n3,4\n`], { maxRecordSize: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).line).toBe(3);
  });

  it('reports an unreadable file as a CsvFormatError', async () => {
    const error = await (async () => {
      for await (const _ of readCsvRecords({ file: '/nonexistent/dueflow.csv' })) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
  });
});

describe('sniffDelimiter', () => {
  it('picks the most frequent delimiter outside quotes', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"x,y,z";b')).toBe(';');
    expect(sniffDelimiter('single')).toBe(',');
  });
});
