/**
 * Streaming CSV records with their line numbers, on top of csv-parse. Line endings are
 * normalised on the fly (CRLF, LF and lone CR may be mixed in one file), the delimiter is sniffed
 * from the header line, a byte-order mark is dropped, and no more than one chunk and one record
 * are held at a time.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DueflowError } from '@dueflow/core';
import { CsvError, Parser } from 'csv-parse';
import { CsvFormatError } from './errors.js';

/** Where the CSV comes from: a file path, or any stream of bytes or text (a Node `Readable` fits). */
export type CsvInput =
  | { readonly file: string; readonly stream?: undefined }
  | { readonly stream: AsyncIterable<Uint8Array | string>; readonly file?: undefined };

/** One CSV record. */
export interface CsvRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly fields: string[];
}

/** Options of {@link readCsvRecords}. */
export interface ReadCsvOptions {
  /** Field delimiter; sniffed from the first line (`,` `;` tab `|`) when absent. */
  readonly delimiter?: string;
  /**
   * Largest record accepted, in characters; a larger one stops the read with a `CsvFormatError`.
   * @default 1_048_576
   */
  readonly maxRecordSize?: number;
  /** Called with the number of bytes of each chunk read. */
  readonly onBytes?: (bytes: number) => void;
  /** Stops the read with a `DueflowError` (`INVALID_OPERATION`) when aborted. */
  readonly signal?: AbortSignal;
}

const CR = 13;
const LF = 10;

async function* normalizeLineEndings(source: AsyncIterable<Uint8Array | string>, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let pendingCR = false;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    onBytes?.(bytes.length);
    if (bytes.length === 0) continue;
    let start = 0;
    if (pendingCR) {
      pendingCR = false;
      if (bytes[0] !== LF) yield Buffer.from([LF]);
    }
    let cr = bytes.indexOf(CR);
    if (cr === -1) {
      yield bytes;
      continue;
    }
    const out: Buffer[] = [];
    while (cr !== -1) {
      if (cr + 1 === bytes.length) {
        // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
        out.push(bytes.subarray(start, cr));
        pendingCR = true;
        start = bytes.length;
        break;
      }
      out.push(bytes.subarray(start, cr));
      if (bytes[cr + 1] === LF) start = cr + 1;
      else {
        out.push(Buffer.from([LF]));
        start = cr + 1;
      }
      cr = bytes.indexOf(CR, start);
    }
    if (start < bytes.length) out.push(bytes.subarray(start));
    yield Buffer.concat(out);
  }
  if (pendingCR) yield Buffer.from([LF]);
}

/**
 * Picks the delimiter of a header line: the most frequent of `,` `;` tab `|` outside quotes,
 * `,` when none occurs.
 *
 * @example
 * ```ts
 * sniffDelimiter('Invoice;Customer;Amount'); // ';'
 * ```
 */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [ch, count] of counts) {
    if (count > bestCount) {
      best = ch;
      bestCount = count;
    }
  }
  return best;
}

function openSource(input: CsvInput): AsyncIterable<Uint8Array | string> {
  if (input.file !== undefined) return createReadStream(input.file, { highWaterMark: 256 * 1024 });
  return input.stream;
}

function describeError(error: unknown): { message: string; line: number | undefined } {
  if (error instanceof CsvError) {
    const line = typeof error['lines'] === 'number' ? error['lines'] : undefined;
    return { message: `${error.code}: ${error.message}`, line };
  }
  return { message: error instanceof Error ? error.message : String(error), line: undefined };
}

/**
 * Streams the records of a CSV (the header included, as the first record), each with the line
 * it starts on. Empty lines are skipped. Any unreadable input (an unterminated quote, a record
 * over `maxRecordSize`, an unreadable file) ends the stream with a `CsvFormatError`.
 *
 * @example
 * ```ts
 * for await (const { line, fields } of readCsvRecords({ file: 'invoices.csv' })) console.log(line, fields);
 * ```
 */
export async function* readCsvRecords(input: CsvInput, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(input, options)) yield* batch;
}

/**
 * Like {@link readCsvRecords}, in batches (one per chunk read), to save an await per record.
 *
 * @example
 * ```ts
 * for await (const batch of readCsvBatches({ file: 'invoices.csv' })) count += batch.length;
 * ```
 */
export async function* readCsvBatches(input: CsvInput, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  const chunks = normalizeLineEndings(openSource(input), options.onBytes);
  // Read until the first line is complete, to sniff the delimiter before csv-parse starts.
  const head: Buffer[] = [];
  let delimiter = options.delimiter;
  try {
    while (delimiter === undefined) {
      const next = await chunks.next();
      if (next.done === true) break;
      head.push(next.value);
      const joined = Buffer.concat(head);
      const eol = joined.indexOf(LF);
      if (eol !== -1 || joined.length > 1_048_576) {
        delimiter = sniffDelimiter(joined.subarray(0, eol === -1 ? joined.length : eol).toString('utf8').replace(/^\uFEFF/, ''));
      }
    }
  } catch (error) {
    const { message } = describeError(error);
    throw new CsvFormatError(`cannot read the input: ${message}`, undefined, { cause: error });
  }
  if (delimiter === undefined) delimiter = sniffDelimiter(Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, ''));

  const parser = new Parser({
    delimiter,
    bom: true,
    record_delimiter: ['\n'],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: options.maxRecordSize ?? 1_048_576,
  });
  // csv-parse pushes each record synchronously while `info.lines` is at the record's last line;
  // wrapping here avoids its per-record info objects, which cost about 40% of the throughput.
  const push = parser.push.bind(parser);
  let previousEnd = 0;
  parser.push = (record: unknown, encoding?: BufferEncoding): boolean => {
    if (!Array.isArray(record)) return push(record, encoding);
    const line = previousEnd + 1;
    previousEnd = parser.info.lines;
    return push({ line, fields: record as string[] } satisfies CsvRecord, encoding);
  };

  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    yield* chunks;
  }
  const feed = Readable.from(all(), { objectMode: false });
  feed.on('error', (error) => parser.destroy(error));
  feed.pipe(parser);

  // Records are taken from the parser's buffer in batches: one await per chunk, not per record.
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  parser.on('readable', () => wake?.());
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (error: unknown) => {
    failure = error;
    wake?.();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (options.signal?.aborted === true) throw new DueflowError('INVALID_OPERATION', 'CSV read aborted', { cause: options.signal.reason });
      const batch: CsvRecord[] = [];
      let record = parser.read() as CsvRecord | null;
      while (record !== null) {
        if (record.fields.length !== 1 || record.fields[0] !== '') batch.push(record);
        record = parser.read() as CsvRecord | null;
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } catch (error) {
    if (error instanceof DueflowError) throw error;
    const { message, line } = describeError(error);
    throw new CsvFormatError(message, line ?? previousEnd + 1, { cause: error });
  } finally {
    feed.destroy();
    parser.destroy();
  }
}
