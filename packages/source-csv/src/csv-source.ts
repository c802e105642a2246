/**
 * The `Source` port over a CSV file or stream.
 *
 * @module
 */
import type { Source, SourceRecord } from '@dueflow/runtime/ports';
import { CsvFormatError } from './errors.js';
import type { CsvInput } from './csv-records.js';
import { type CsvReadOptions, openCsv } from './open-csv.js';

/** Progress of a read, for progress bars. */
export interface CsvProgress {
  /** Data rows read so far. */
  readonly rows: number;
  /** Bytes read so far. */
  readonly bytes: number;
}

/** Options of {@link createCsvSource}. */
export type CsvSourceOptions = CsvInput &
  CsvReadOptions & {
    /**
     * Name of the source (shown in logs and reports).
     * @default 'csv'
     */
    readonly name?: string;
    /**
     * Report a repeated invoice number as an issue. Keeps one entry per distinct invoice, so
     * turn it off to stream files with more invoices than memory holds.
     * @default true
     */
    readonly detectDuplicates?: boolean;
    /** Called every `progressEvery` rows and at the end. */
    readonly onProgress?: (progress: CsvProgress) => void;
    /**
     * Rows between two progress calls.
     * @default 10_000
     */
    readonly progressEvery?: number;
  };

/**
 * A `Source` reading a CSV. `pull()` streams records: each customer once (from its first row),
 * then per row its invoice, its settlement payment (succeeded, at noon UTC of the settled date,
 * allocated to the invoice) and its note. Rejected rows become `{ kind: 'issue' }` records with
 * their line; a file that turns unreadable ends the stream with one last issue. A mapping that
 * cannot work (missing required column, ambiguous dates) throws on the first `next()`.
 * The CSV has no change cursor, so `since` is ignored.
 *
 * @example
 * ```ts
 * const source = createCsvSource({ file: 'invoices.csv', mapping: ibmAccountsReceivable });
 * for await (const record of source.pull()) {
 *   if (record.kind === 'issue') console.warn(record.issue.line, record.issue.message);
 * }
 * ```
 */
export function createCsvSource(options: CsvSourceOptions): Source {
  const name = options.name ?? 'csv';
  const every = options.progressEvery ?? 10_000;
  return {
    name,
    async *pull(pullOptions = {}): AsyncGenerator<SourceRecord> {
      let bytes = 0;
      const signal = pullOptions.signal ?? options.signal;
      const input: CsvInput = options.file !== undefined ? { file: options.file } : { stream: options.stream };
      const customers = new Set<string>();
      const invoices = options.detectDuplicates === false ? undefined : new Map<string, number>();
      let rows = 0;
      try {
        // Inside the try: sampling dates for detection may already meet an unreadable record.
        const opened = await openCsv(input, { ...options, ...(signal === undefined ? {} : { signal }) }, (n) => {
          bytes += n;
        });
        for await (const batch of opened.batches)
          for (const row of batch) {
            rows++;
            if (options.onProgress !== undefined && rows % every === 0) options.onProgress({ rows, bytes });
            if (row.invoice === undefined) {
              for (const p of row.problems) {
                yield {
                  kind: 'issue',
                  issue: { line: row.line, field: p.column ?? p.field, ...('value' in p ? { value: p.value } : {}), message: p.message },
                };
              }
              continue;
            }
            if (invoices !== undefined) {
              const seen = invoices.get(row.invoice.id);
              if (seen !== undefined) {
                yield {
                  kind: 'issue',
                  issue: {
                    line: row.line,
                    field: opened.mapping.columns.invoiceNumber,
                    value: row.invoice.number,
                    message: `duplicate invoice number, first on line ${seen}`,
                  },
                };
                continue;
              }
              invoices.set(row.invoice.id, row.line);
            }
            if (row.customer !== undefined && !customers.has(row.customer.id)) {
              customers.add(row.customer.id);
              yield { kind: 'customer', data: row.customer };
            }
            yield { kind: 'invoice', data: row.invoice };
            if (row.payment !== undefined) yield { kind: 'payment', data: row.payment };
            if (row.note !== undefined) yield { kind: 'note', data: row.note };
          }
      } catch (error) {
        if (!(error instanceof CsvFormatError)) throw error;
        yield { kind: 'issue', issue: { ...(error.line === undefined ? {} : { line: error.line }), message: error.message } };
      }
      options.onProgress?.({ rows, bytes });
    },
  };
}
