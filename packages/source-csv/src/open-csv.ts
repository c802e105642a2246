/**
 * Opening a CSV for import: read the header, settle the mapping (given, preset or detected),
 * detect the date format from the first rows when the mapping has none, check schema drift,
 * then stream mapped rows. Shared by `createCsvSource` and `importCsv`.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import { DATE_FORMATS, type DateFormat, detectDateFormat, type DateFormatDetection, parseDate } from './date-format.js';
import { detectMapping } from './detect-mapping.js';
import { describeRequiredMissing, detectDrift, type DriftReport } from './drift.js';
import { SchemaDriftError } from './errors.js';
import { type CsvMapping, type CsvMappingInput, type MappedField, parseMapping } from './mapping.js';
import { type CsvInput, type CsvRecord, readCsvRows } from './csv-records.js';
import { type CompiledMapping, compileMapping, findColumn, type MappedRow } from './row-mapper.js';

/** Options shared by `createCsvSource` and `importCsv` for reading a file. */
export interface CsvReadOptions {
  /**
   * The column mapping (JSON data, validated). When absent, a preset whose columns the header
   * holds is used, or a mapping is detected from header synonyms.
   */
  readonly mapping?: CsvMappingInput;
  /** The previous import's header, to report schema drift. */
  readonly previousHeader?: readonly string[];
  /**
   * Data rows sampled to detect the date format when the mapping has none.
   * @default 1000
   */
  readonly dateSampleRows?: number;
  /**
   * Largest record accepted, in characters.
   * @default 1_048_576
   */
  readonly maxRecordSize?: number;
  /**
   * `fast` checks hot fields by hand and calls the zod schemas only for rows that fail them;
   * `schema` runs zod on every record. Both accept and reject the same rows.
   * @default 'fast'
   */
  readonly validation?: 'fast' | 'schema';
  /** Stops reading when aborted. */
  readonly signal?: AbortSignal;
}

/** An opened CSV, ready to stream mapped rows. */
export interface OpenedCsv {
  readonly header: readonly string[];
  readonly mapping: CsvMapping & { readonly dateFormat: DateFormat };
  readonly compiled: CompiledMapping;
  readonly drift: DriftReport;
  /** Name of the preset used, when the mapping came from one. */
  readonly preset?: string;
  /** How the date format was found, when it was detected. */
  readonly dateDetection?: DateFormatDetection;
  /** Mapped rows in batches, in file order. Throws `CsvFormatError` if the file turns unreadable. */
  readonly batches: AsyncGenerator<MappedRow[]>;
}

const DATE_FIELDS: readonly MappedField[] = ['issueDate', 'dueDate', 'settledDate', 'noteDate'];

function isMapped(row: CsvRecord | MappedRow): row is MappedRow {
  return !('fields' in row);
}

/** Why no date format was chosen, naming values with their line and column. */
function undetectedDates(
  detection: DateFormatDetection,
  samples: readonly string[],
  where: (index: number) => { line: number | undefined; column: string | undefined },
): string {
  const at = (index: number, value: string): string => {
    const { line, column } = where(index);
    return `${JSON.stringify(value)}${line === undefined ? '' : ` on line ${line}`}${column === undefined ? '' : ` in column "${column}"`}`;
  };
  if (detection.ambiguous)
    return `csv mapping: dateFormat is ambiguous, the dates fit ${detection.candidates.join(' and ')}; set mapping.dateFormat`;
  const readable = detection.sampled - detection.unreadableCount;
  if (readable === 0) {
    const first = detection.unreadable[0];
    const example = first === undefined ? '' : `, such as ${at(first.index, first.value)}`;
    return `csv mapping: dateFormat could not be detected: none of the ${detection.sampled} sampled date values is a date written ${DATE_FORMATS.join(', ')}${example}; set mapping.dateFormat`;
  }
  // Dates in more than one format: name how many each format reads and a value the best one does not.
  const ranked = DATE_FORMATS.filter((f) => detection.reads[f] > 0).sort((a, b) => detection.reads[b] - detection.reads[a]);
  const best = ranked[0];
  const odd =
    best === undefined
      ? -1
      : samples.findIndex(
          (v) =>
            v.trim() !== '' && parseDate(v.trim(), best) === undefined && DATE_FORMATS.some((f) => parseDate(v.trim(), f) !== undefined),
        );
  return (
    `csv mapping: dateFormat could not be detected: no one format reads every date (${ranked.map((f) => `${f} reads ${detection.reads[f]} of ${readable}`).join(', ')})` +
    `${odd === -1 || best === undefined ? '' : `; ${best} does not read ${at(odd, samples[odd]?.trim() ?? '')}`}; set mapping.dateFormat`
  );
}

/**
 * Opens a CSV for import. Throws a `SchemaDriftError` when a required column is missing, a
 * `ConfigError` when no mapping can be found or the date format is ambiguous, and a
 * `CsvFormatError` when the file cannot be read.
 *
 * @example
 * ```ts
 * const opened = await openCsv({ file: 'invoices.csv' }, { mapping: ibmAccountsReceivable }, (n) => {});
 * for await (const batch of opened.batches) for (const row of batch) if (row.invoice) console.log(row.invoice.id);
 * ```
 */
export async function openCsv(input: CsvInput, options: CsvReadOptions, onBytes?: (bytes: number) => void): Promise<OpenedCsv> {
  const given = options.mapping === undefined ? undefined : parseMapping(options.mapping);
  // Until the mapping is compiled, rows are kept as records (header, date sample); from then on
  // each row is mapped the moment it is split, so its fields never outlive it.
  let mapRow: ((fields: readonly string[], line: number) => MappedRow) | undefined;
  const records = readCsvRows<CsvRecord | MappedRow>(
    input,
    {
      ...(given?.delimiter === undefined ? {} : { delimiter: given.delimiter }),
      ...(options.maxRecordSize === undefined ? {} : { maxRecordSize: options.maxRecordSize }),
      ...(onBytes === undefined ? {} : { onBytes }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    (fields, line) => (mapRow === undefined ? { line, fields } : mapRow(fields, line)),
  );
  let ok = false;
  try {
    const buffered: CsvRecord[] = [];
    let exhausted = false;
    const fill = async (count: number): Promise<void> => {
      while (!exhausted && buffered.length < count) {
        const next = await records.next();
        if (next.done === true) exhausted = true;
        // mapRow is unset until fill is done, so every row read here is a record.
        else for (const row of next.value) if ('fields' in row) buffered.push(row);
      }
    };
    await fill(1);
    const header = (buffered.shift()?.fields ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
    let mapping = given;
    let preset: string | undefined;
    if (mapping === undefined) {
      const detection = detectMapping(header);
      if (detection.mapping === undefined) {
        const drift = detectDrift(header, undefined, options.previousHeader);
        throw new SchemaDriftError(
          `No mapping given and none detected: no column for ${detection.missingRequired.join(', ')} in header ${JSON.stringify(header)}`,
          drift,
        );
      }
      mapping = parseMapping(detection.mapping);
      preset = detection.preset;
    }
    const drift = detectDrift(header, mapping, options.previousHeader);
    if (drift.requiredMissing.length > 0) throw new SchemaDriftError(`Import stopped: ${describeRequiredMissing(drift)}`, drift);

    let dateFormat = mapping.dateFormat;
    let dateDetection: DateFormatDetection | undefined;
    if (dateFormat === undefined) {
      const limit = options.dateSampleRows ?? 1000;
      await fill(limit);
      const indexes = DATE_FIELDS.map((f) => mapping.columns[f])
        .filter((c): c is string => c !== undefined)
        .map((c) => findColumn(header, c))
        .filter((i) => i !== -1);
      const sampleRows = buffered.slice(0, limit);
      const samples = sampleRows.flatMap((r) => indexes.map((i) => r.fields[i] ?? ''));
      dateDetection = detectDateFormat(samples);
      if (dateDetection.format === undefined)
        throw new ConfigError(
          undetectedDates(dateDetection, samples, (k) => ({
            line: sampleRows[Math.floor(k / indexes.length)]?.line,
            column: header[indexes[k % indexes.length] ?? -1],
          })),
        );
      dateFormat = dateDetection.format;
    }
    const resolved = { ...mapping, dateFormat };
    const compiled = compileMapping(resolved, header, options.validation === undefined ? {} : { validation: options.validation });
    mapRow = compiled.mapRow;
    const map = (batch: readonly (CsvRecord | MappedRow)[]): MappedRow[] =>
      batch.map((r) => ('fields' in r ? compiled.mapRow(r.fields, r.line) : r));
    async function* batches(): AsyncGenerator<MappedRow[]> {
      try {
        if (buffered.length > 0) yield map(buffered.splice(0, buffered.length));
        if (exhausted) return;
        // Rows read from here on are mapped already; only the type needs narrowing.
        for await (const batch of records) yield batch.every(isMapped) ? batch : map(batch);
      } finally {
        await records.return(undefined);
      }
    }
    ok = true;
    return {
      header,
      mapping: resolved,
      compiled,
      drift,
      ...(preset === undefined ? {} : { preset }),
      ...(dateDetection === undefined ? {} : { dateDetection }),
      batches: batches(),
    };
  } finally {
    if (!ok) await records.return(undefined);
  }
}
