/**
 * Opening a CSV for import: read the header, settle the mapping (given, preset or detected),
 * detect the date format from the first rows when the mapping has none, check schema drift,
 * then stream mapped rows. Shared by `createCsvSource` and `importCsv`.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import { type DateFormat, detectDateFormat, type DateFormatDetection } from './date-format.js';
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
  const records = readCsvRows<CsvRecord | MappedRow>(input, {
    ...(given?.delimiter === undefined ? {} : { delimiter: given.delimiter }),
    ...(options.maxRecordSize === undefined ? {} : { maxRecordSize: options.maxRecordSize }),
    ...(onBytes === undefined ? {} : { onBytes }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  }, (fields, line) => (mapRow === undefined ? { line, fields } : mapRow(fields, line)));
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
      const indexes = DATE_FIELDS.map((f) => mapping.columns[f]).filter((c): c is string => c !== undefined).map((c) => findColumn(header, c)).filter((i) => i !== -1);
      const samples = buffered.slice(0, limit).flatMap((r) => indexes.map((i) => r.fields[i] ?? ''));
      dateDetection = detectDateFormat(samples);
      if (dateDetection.format === undefined) {
        throw new ConfigError(
          dateDetection.ambiguous
            ? `csv mapping: dateFormat is ambiguous, the dates fit ${dateDetection.candidates.join(' and ')}; set mapping.dateFormat`
            : `csv mapping: dateFormat could not be detected from ${dateDetection.sampled} date values; set mapping.dateFormat`,
        );
      }
      dateFormat = dateDetection.format;
    }
    const resolved = { ...mapping, dateFormat };
    const compiled = compileMapping(resolved, header, options.validation === undefined ? {} : { validation: options.validation });
    mapRow = compiled.mapRow;
    const map = (batch: readonly (CsvRecord | MappedRow)[]): MappedRow[] => batch.map((r) => ('fields' in r ? compiled.mapRow(r.fields, r.line) : r));
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
