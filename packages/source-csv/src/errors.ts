/**
 * Typed errors of the CSV import. Each is a `DueflowError` with a stable `code`, carrying the
 * report that explains it, so a CLI or an API can show why an import was refused. A file below
 * the data-health thresholds is refused with `@dueflow/core`'s `DataHealthError`, whose `report`
 * is the import's `HealthReport`; a failed write, with `@dueflow/runtime`'s `ImportWriteError`.
 *
 * @module
 */
import { ConfigError, DueflowError } from '@dueflow/core';
import type { DriftReport } from './drift.js';

/**
 * A column the mapping requires is missing from the file's header (possibly renamed since the
 * previous import): nothing was written.
 *
 * @example
 * ```ts
 * try { await importCsv({ file, storage, stateStore }); }
 * catch (e) { if (e instanceof SchemaDriftError) console.log(e.drift.missing); }
 * ```
 */
export class SchemaDriftError extends ConfigError {
  /** What changed in the header, compared with the previous import when one is known. */
  readonly drift: DriftReport;

  constructor(message: string, drift: DriftReport) {
    super(message);
    this.drift = drift;
  }
}

/**
 * The file is not readable as CSV (unterminated quote, record too large, undecodable input).
 *
 * @example
 * ```ts
 * try { await importCsv({ file, storage }); }
 * catch (e) { if (e instanceof CsvFormatError) console.log(e.line, e.message); }
 * ```
 */
export class CsvFormatError extends DueflowError {
  /** 1-based line where the problem was found, when known. */
  readonly line: number | undefined;

  constructor(message: string, line: number | undefined, options?: { cause?: unknown }) {
    super('VALIDATION', line === undefined ? message : `line ${line}: ${message}`, options);
    this.line = line;
  }
}
