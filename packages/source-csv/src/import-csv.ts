/**
 * `importCsv`: read, check, reconcile and write a CSV into a `Storage`, all or nothing.
 *
 * Order of work: read the whole file once (streaming), mapping and validating each row and
 * building the health report; refuse if the health or the header is not good enough; read what
 * storage holds and reconcile; then, unless it is a dry run, write. Nothing is written before
 * every row has been validated and diffed.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import {
  type Customer,
  DataHealthError,
  DueflowError,
  type Invoice,
  type MissingInvoiceAction,
  type NoteActivity,
  type Payment,
  type ReconcileResult,
} from '@dueflow/core';
import { reconcileWithStorage } from '@dueflow/runtime/adapters';
import { type Clock, systemClock, type Storage } from '@dueflow/runtime/ports';
import type { CsvInput } from './csv-records.js';
import type { DateFormat } from './date-format.js';
import type { DriftReport } from './drift.js';
import { createHealthCheck, type HealthReport, type HealthThresholds } from './health.js';
import type { ImportStateStore } from './import-state.js';
import type { CsvMapping, MappedField } from './mapping.js';
import { type CsvReadOptions, openCsv } from './open-csv.js';

/** Progress of an import, for progress bars. */
export interface ImportProgress {
  readonly phase: 'read' | 'compare' | 'write' | 'done';
  /** Data rows read so far. */
  readonly rows: number;
  /** Bytes read so far. */
  readonly bytes: number;
  /** Size of the file, when reading a file. */
  readonly totalBytes?: number;
}

/** Options of {@link importCsv}. */
export type ImportCsvOptions = CsvInput &
  CsvReadOptions & {
    readonly storage: Storage;
    /**
     * Compute and return the report and the diff without writing anything.
     * @default false
     */
    readonly dryRun?: boolean;
    /**
     * Name of this recurring import: tags imported invoices (`metadata.importSource`), scopes
     * "no longer present", and keys the import state.
     * @default 'csv'
     */
    readonly sourceName?: string;
    /** Where the previous import's header is kept, for schema drift. */
    readonly stateStore?: ImportStateStore;
    /**
     * Key in `stateStore`.
     * @default sourceName
     */
    readonly stateKey?: string;
    /** When to refuse the file. */
    readonly health?: HealthThresholds;
    /**
     * Bad-row examples kept in the health report.
     * @default 20
     */
    readonly maxExamples?: number;
    /**
     * What to do with open invoices of this source that the file no longer has.
     * @default 'flag-for-review'
     */
    readonly onMissing?: MissingInvoiceAction;
    /**
     * Reopen voided invoices that appear again in the file.
     * @default false
     */
    readonly reopenVoided?: boolean;
    /**
     * Time source for the import's activities and state.
     * @default systemClock
     */
    readonly clock?: Clock;
    /** Called every `progressEvery` rows and at each phase change. */
    readonly onProgress?: (progress: ImportProgress) => void;
    /**
     * Rows between two progress calls.
     * @default 10_000
     */
    readonly progressEvery?: number;
  };

/** Counts of the import, per kind. */
export interface ImportCounts {
  readonly rows: number;
  readonly invoices: {
    readonly new: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly missing: number;
    readonly voidedReappeared: number;
  };
  readonly customers: { readonly new: number; readonly changed: number; readonly unchanged: number; readonly contactConflicts: number };
  readonly payments: { readonly new: number; readonly changed: number; readonly unchanged: number };
  readonly notes: { readonly new: number; readonly unchanged: number };
  /** Timeline activities written (notes included). */
  readonly activities: number;
}

/** What an import found and did. */
export interface ImportReport {
  readonly sourceName: string;
  readonly dryRun: boolean;
  /** Whether anything was written (false for dry runs and when storage already matched). */
  readonly written: boolean;
  readonly header: readonly string[];
  /** The mapping used, with its date format. */
  readonly mapping: CsvMapping & { readonly dateFormat: DateFormat };
  readonly preset?: string;
  readonly health: HealthReport;
  readonly drift: DriftReport;
  /** The field-level diff against storage. */
  readonly diff: Omit<ReconcileResult, 'writes'>;
  readonly counts: ImportCounts;
  /** Problems that did not stop the import (e.g. the import state could not be saved). */
  readonly warnings: readonly string[];
}

function asTyped(error: unknown, what: string): DueflowError {
  if (error instanceof DueflowError) return error;
  return new DueflowError('ADAPTER', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Imports a CSV into storage, treating the file as the source of truth. Refuses with a
 * `DataHealthError` when too many rows are bad, a `SchemaDriftError` when a required column is
 * gone, a `CsvFormatError` when the file is unreadable; in each case nothing is written.
 * A dry run returns the same report without writing. Every error it throws is a `DueflowError`.
 *
 * @example
 * ```ts
 * const report = await importCsv({
 *   file: 'invoices.csv',
 *   mapping: ibmAccountsReceivable,
 *   storage,
 *   onMissing: 'mark-paid',
 *   onProgress: ({ rows, bytes, totalBytes }) => bar.update(bytes / (totalBytes ?? bytes)),
 * });
 * console.log(report.counts.invoices); // { new: 2466, changed: 0, unchanged: 0, ... }
 * ```
 */
export async function importCsv(options: ImportCsvOptions): Promise<ImportReport> {
  try {
    return await runImport(options);
  } catch (error) {
    throw asTyped(error, 'CSV import failed');
  }
}

async function runImport(options: ImportCsvOptions): Promise<ImportReport> {
  const { storage } = options;
  const sourceName = options.sourceName ?? 'csv';
  const stateKey = options.stateKey ?? sourceName;
  const clock = options.clock ?? systemClock;
  const every = options.progressEvery ?? 10_000;
  const dryRun = options.dryRun === true;
  const input: CsvInput = options.file !== undefined ? { file: options.file } : { stream: options.stream };
  let totalBytes: number | undefined;
  if (options.file !== undefined) {
    try {
      totalBytes = (await stat(options.file)).size;
    } catch {
      // An unreadable file is reported by the reader, with its reason.
    }
  }
  let bytes = 0;
  let rows = 0;
  const progress = (phase: ImportProgress['phase']): void => {
    options.onProgress?.({ phase, rows, bytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
  };

  const previous =
    options.previousHeader ?? (options.stateStore === undefined ? undefined : (await options.stateStore.load(stateKey))?.header);
  const opened = await openCsv(input, { ...options, ...(previous === undefined ? {} : { previousHeader: previous }) }, (n) => {
    bytes += n;
  });
  const fields = (Object.entries(opened.mapping.columns) as [MappedField, string | undefined][])
    .filter((entry): entry is [MappedField, string] => entry[1] !== undefined && opened.compiled.columns[entry[0]] !== undefined)
    .map(([field, column]) => ({ field, column }));
  const health = createHealthCheck({
    fields,
    numberLocale: opened.mapping.numberLocale,
    ...(options.health === undefined ? {} : { thresholds: options.health }),
    ...(options.maxExamples === undefined ? {} : { maxExamples: options.maxExamples }),
  });
  const customers = new Map<string, Customer>();
  const invoices: Invoice[] = [];
  const payments: Payment[] = [];
  const notes: NoteActivity[] = [];
  progress('read');
  for await (const batch of opened.batches)
    for (const row of batch) {
      rows++;
      if (rows % every === 0) progress('read');
      if (!health.add(row) || row.invoice === undefined) continue;
      invoices.push(row.invoice);
      if (row.customer !== undefined && !customers.has(row.customer.id)) customers.set(row.customer.id, row.customer);
      if (row.payment !== undefined) payments.push(row.payment);
      if (row.note !== undefined) notes.push(row.note);
    }
  const healthReport = health.report();
  if (!healthReport.passed) throw new DataHealthError(`Import refused: ${healthReport.reasons.join('; ')}`, healthReport);

  progress('compare');
  const now = new Date(clock.now()).toISOString();
  const columns = opened.mapping.columns;
  const { diff, writes, written } = await reconcileWithStorage(
    storage,
    { customers: [...customers.values()], invoices, payments, notes },
    {
      sourceName,
      now,
      onMissing: options.onMissing ?? 'flag-for-review',
      reopenVoided: options.reopenVoided ?? false,
      owns: {
        terms: columns.terms !== undefined,
        dispute: columns.disputed !== undefined,
        customerName: columns.customerName !== undefined,
      },
      dryRun,
      onWrite: () => progress('write'),
    },
  );
  const activityCount = writes.activities.length;
  const warnings: string[] = [];
  if (!dryRun) {
    if (options.stateStore !== undefined) {
      try {
        await options.stateStore.save(stateKey, { header: opened.header, importedAt: now, rows });
      } catch (error) {
        warnings.push(`import state not saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  progress('done');
  return {
    sourceName,
    dryRun,
    written,
    header: opened.header,
    mapping: opened.mapping,
    ...(opened.preset === undefined ? {} : { preset: opened.preset }),
    health: healthReport,
    drift: opened.drift,
    diff,
    counts: {
      rows,
      invoices: {
        new: diff.invoices.new.length,
        changed: diff.invoices.changed.length,
        unchanged: diff.invoices.unchanged,
        missing: diff.invoices.missing.length,
        voidedReappeared: diff.invoices.voidedReappeared.length,
      },
      customers: {
        new: diff.customers.new.length,
        changed: diff.customers.changed.length,
        unchanged: diff.customers.unchanged,
        contactConflicts: diff.customers.contactConflicts.length,
      },
      payments: { new: diff.payments.new.length, changed: diff.payments.changed.length, unchanged: diff.payments.unchanged },
      notes: { new: diff.notes.new.length, unchanged: diff.notes.unchanged },
      activities: activityCount,
    },
    warnings,
  };
}
