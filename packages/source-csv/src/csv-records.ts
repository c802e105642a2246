/**
 * Streaming CSV records with their line numbers. Line endings are normalised on the fly (CRLF,
 * LF and lone CR may be mixed in one file), the delimiter is sniffed from the header line, a
 * byte-order mark is dropped, and no more than one chunk and one batch of records are held at a
 * time. Lines without quotes are split by hand; csv-parse reads the file from its first quoted
 * line on, so quoting and its errors are csv-parse's.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
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
 * Decoded, line-ending-normalised text of a byte stream, chunk by chunk: CRLF and lone CR become
 * LF (a CR at the end of a chunk waits for the next one, it may be half of a CRLF), and a leading
 * byte-order mark is dropped.
 */
class TextChunks {
  private readonly decoder = new StringDecoder('utf8');
  private pendingCR = false;
  private first = true;
  constructor(
    private readonly iterator: AsyncIterator<Uint8Array | string>,
    private readonly onBytes: ((bytes: number) => void) | undefined,
  ) {}

  /** The next non-empty piece of text, or `undefined` at the end of the input. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const next = await this.iterator.next();
      let text: string;
      if (next.done === true) {
        text = this.decoder.end();
        if (this.pendingCR) {
          this.pendingCR = false;
          text = `\r${text}`;
        }
        if (text === '') return undefined;
      } else {
        const chunk = next.value;
        const bytes =
          typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        this.onBytes?.(bytes.length);
        text = this.decoder.write(bytes);
        if (this.pendingCR) {
          this.pendingCR = false;
          text = `\r${text}`;
        }
        if (text.length > 0 && text.charCodeAt(text.length - 1) === CR) {
          this.pendingCR = true;
          text = text.slice(0, -1);
        }
        if (text === '') continue;
      }
      if (this.first) {
        this.first = false;
        // csv-parse's `bom: true` did this before; the fast path never hands it the file's start.
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text === '') continue;
      }
      // One native pass over the chunk, only when it has a CR at all.
      return text.indexOf('\r') === -1 ? text : text.replace(CR_LINE_END, '\n');
    }
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

const CR = 13;
const QUOTE = 34;
const CR_LINE_END = /\r\n?/g;

/**
 * Fields of one line (`text` from `start` to `end`, no newline) whose quoting is plain: a quoted
 * field opens at its first character, doubles its inner quotes and closes right before a
 * delimiter or the end of the line; an unquoted field holds no quote. csv-parse reads such a line
 * the same way. Anything else (a quote inside an unquoted field, text after a closing quote, a
 * quoted field going on past the line) gives `undefined`: csv-parse's rules decide those.
 */
function splitQuotedLine(text: string, start: number, end: number, delimiter: number): string[] | undefined {
  const fields: string[] = [];
  let pos = start;
  for (;;) {
    if (pos < end && text.charCodeAt(pos) === QUOTE) {
      let value = '';
      let from = pos + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1 || close >= end) return undefined;
        if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        value += text.slice(from, close);
        pos = close + 1;
        break;
      }
      fields.push(value);
      if (pos === end) return fields;
      if (text.charCodeAt(pos) !== delimiter) return undefined;
      pos++;
    } else {
      let next = pos;
      while (next < end) {
        const c = text.charCodeAt(next);
        if (c === delimiter) break;
        if (c === QUOTE) return undefined;
        next++;
      }
      fields.push(text.slice(pos, next));
      if (next === end) return fields;
      pos = next + 1;
    }
  }
}

/**
 * Like {@link readCsvRecords}, in batches (one per chunk read), to save an await per record.
 *
 * Lines without a quote are split by hand (`String#split`, one native call per line): a quote
 * free line is exactly its fields, and this is several times cheaper than csv-parse's byte
 * machine. From the first line that holds a quote, or that could be near `maxRecordSize`, the
 * rest of the input goes to csv-parse, so quoting, its errors and the size limit keep csv-parse's
 * exact behaviour (line numbers shifted to the file's).
 *
 * @example
 * ```ts
 * for await (const batch of readCsvBatches({ file: 'invoices.csv' })) count += batch.length;
 * ```
 */
export function readCsvBatches(input: CsvInput, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  return readCsvRows(input, options, toRecord);
}

function toRecord(fields: string[], line: number): CsvRecord {
  return { line, fields };
}

/**
 * Turns one record's fields into what a batch holds. Called synchronously, once per record, in
 * file order; empty lines are never passed.
 */
export type RowReader<T> = (fields: string[], line: number) => T;

/**
 * {@link readCsvBatches} with each record turned into `T` as soon as it is split: a mapper that
 * keeps only what it needs lets the fields die young, instead of a whole chunk's worth of field
 * arrays outliving the batch (most of the garbage collector's work on large files).
 *
 * @example
 * ```ts
 * for await (const ids of readCsvRows({ file: 'invoices.csv' }, {}, (fields) => fields[0])) console.log(ids.length);
 * ```
 */
export async function* readCsvRows<T>(input: CsvInput, options: ReadCsvOptions, onRecord: RowReader<T>): AsyncGenerator<T[]> {
  const maxRecordSize = options.maxRecordSize ?? 1_048_576;
  // csv-parse measures the field being read in bytes (up to 3 per UTF-16 unit): a line shorter
  // than a third of the limit can never trip it, longer ones are left to csv-parse.
  const maxFastLine = Math.floor(maxRecordSize / 3);
  let chunks: TextChunks;
  try {
    chunks = new TextChunks(openSource(input)[Symbol.asyncIterator](), options.onBytes);
  } catch (error) {
    const { message } = describeError(error);
    throw new CsvFormatError(`cannot read the input: ${message}`, undefined, { cause: error });
  }
  let text = '';
  let ended = false;
  let line = 1;
  try {
    // Read until the first line is complete, to sniff the delimiter.
    let delimiter = options.delimiter;
    try {
      while (!ended && (delimiter === undefined ? text.indexOf('\n') === -1 && text.length <= 1_048_576 : text === '')) {
        const next = await chunks.next();
        if (next === undefined) ended = true;
        else text += next;
      }
    } catch (error) {
      const { message } = describeError(error);
      throw new CsvFormatError(`cannot read the input: ${message}`, undefined, { cause: error });
    }
    if (delimiter === undefined) {
      const eol = text.indexOf('\n');
      delimiter = sniffDelimiter((eol === -1 ? text : text.slice(0, eol)).replace(/^\uFEFF/, ''));
    }

    // Fast path: whole lines, without quotes or with plainly quoted fields.
    const delimiterCode = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    let handOver = false;
    try {
      for (;;) {
        if (options.signal?.aborted === true)
          throw new DueflowError('INVALID_OPERATION', 'CSV read aborted', { cause: options.signal.reason });
        const batch: T[] = [];
        let start = 0;
        let quote = text.indexOf('"');
        if (quote === -1) quote = text.length;
        const length = text.length;
        while (start < length) {
          let eol = text.indexOf('\n', start);
          if (eol === -1) {
            if (!ended) break;
            eol = length;
          }
          if (eol - start > maxFastLine) {
            handOver = true;
            break;
          }
          if (quote < eol) {
            const fields = delimiterCode === -1 ? undefined : splitQuotedLine(text, start, eol, delimiterCode);
            if (fields === undefined) {
              handOver = true;
              break;
            }
            // `""` alone is one empty field: csv-parse's reading was skipped like an empty line.
            if (fields.length !== 1 || fields[0] !== '') batch.push(onRecord(fields, line));
            quote = text.indexOf('"', eol);
            if (quote === -1) quote = length;
          } else if (eol > start) {
            // An empty line is no record (csv-parse gave [''], which was skipped too).
            batch.push(onRecord(text.slice(start, eol).split(delimiter), line));
          }
          line++;
          start = eol + 1;
        }
        text = start === 0 ? text : start >= length ? '' : text.slice(start);
        if (text.length > maxFastLine) handOver = true;
        if (batch.length > 0) yield batch;
        if (handOver || ended) break;
        const next = await chunks.next();
        if (next === undefined) ended = true;
        else text = text === '' ? next : text + next;
      }
    } catch (error) {
      if (error instanceof DueflowError) throw error;
      const { message } = describeError(error);
      throw new CsvFormatError(message, line, { cause: error });
    }
    if (!handOver) return;
    yield* parseRest(text, ended ? undefined : chunks, delimiter, line - 1, maxRecordSize, options.signal, onRecord);
  } finally {
    await chunks.close();
  }
}

/**
 * csv-parse on the rest of the input, which starts at the beginning of line `offset + 1`.
 */
async function* parseRest<T>(
  head: string,
  chunks: TextChunks | undefined,
  delimiter: string,
  offset: number,
  maxRecordSize: number,
  signal: AbortSignal | undefined,
  onRecord: RowReader<T>,
): AsyncGenerator<T[]> {
  const parser = new Parser({
    delimiter,
    bom: false,
    record_delimiter: ['\n'],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: maxRecordSize,
  });
  // csv-parse pushes each record synchronously while `info.lines` is at the record's last line;
  // wrapping here avoids its per-record info objects, which cost about 40% of the throughput.
  const push = parser.push.bind(parser);
  let previousEnd = 0;
  parser.push = (record: unknown, encoding?: BufferEncoding): boolean => {
    if (!Array.isArray(record)) return push(record, encoding);
    const line = offset + previousEnd + 1;
    previousEnd = parser.info.lines;
    // An empty line is no record.
    if (record.length === 1 && record[0] === '') return true;
    // Boxed: csv-parse's readable side ends on a pushed null, which a mapper may return.
    return push({ value: onRecord(record as string[], line) }, encoding);
  };

  async function* all(): AsyncGenerator<string> {
    if (head !== '') yield head;
    if (chunks === undefined) return;
    for (let next = await chunks.next(); next !== undefined; next = await chunks.next()) yield next;
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
      if (signal?.aborted === true) throw new DueflowError('INVALID_OPERATION', 'CSV read aborted', { cause: signal.reason });
      const batch: T[] = [];
      let record = parser.read() as { value: T } | null;
      while (record !== null) {
        batch.push(record.value);
        record = parser.read() as { value: T } | null;
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
    // csv-parse counts lines from where it started; its messages name the file's lines.
    const shifted = offset === 0 ? message : message.replace(/at line (\d+)/g, (_m, n: string) => `at line ${Number(n) + offset}`);
    throw new CsvFormatError(shifted, line === undefined ? offset + previousEnd + 1 : line + offset, { cause: error });
  } finally {
    feed.destroy();
    parser.destroy();
  }
}
