/**
 * `importSource`: pull every record of a source (an accounting system, a CRM, a CSV read with
 * `createCsvSource`), reconcile it with storage with the source as the source of truth, and
 * write the difference all or nothing. `importRecords` does the same for records at hand (what
 * a source's webhook parsed).
 *
 * @module
 */
import {
  DueflowError,
  ValidationError,
  type CreditNote,
  type Customer,
  type Invoice,
  type NoteActivity,
  type Payment,
} from '@dueflow/core';
import { ImportWriteError } from '../errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { Source, SourceIssue, SourceRecord } from '../ports/source.js';
import type { Storage } from '../ports/storage.js';
import {
  type FileRecords,
  type ImportBatch,
  type MissingInvoiceAction,
  reconcile,
  type ReconcileOptions,
  type ReconcileResult,
  type StoredRecords,
} from '@dueflow/core';
import { writeImport } from './write-import.js';

/** Options of {@link importRecords}. */
export interface ImportRecordsOptions {
  readonly storage: Storage;
  /**
   * Name of this recurring import: tags imported invoices (`metadata.importSource`) and scopes
   * "no longer present" to the invoices it wrote.
   */
  readonly sourceName: string;
  /**
   * The records are part of what the source holds (an incremental pull, a webhook): no invoice
   * is treated as missing, and only the stored records they name are read.
   * @default false
   */
  readonly partial?: boolean;
  /**
   * The records may be older than what storage holds (webhooks arrive late and out of order):
   * an invoice record whose `metadata.sourceUpdatedAt` is earlier than the stored invoice's, or
   * the same but moving it back in its lifecycle (a late `open` after `paid`), is left out with
   * the records of that invoice it came with, and listed in `diff.invoices.stale`.
   * `importSource` turns it off: a pull reads the current state.
   * @default true
   */
  readonly ordered?: boolean;
  /**
   * Compute and return the report and the diff without writing anything.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * What to do with open invoices this source wrote before and no longer has (full pulls only).
   * @default 'flag-for-review'
   */
  readonly onMissing?: MissingInvoiceAction;
  /**
   * Reopen a voided invoice the source has again (otherwise it stays void, reported).
   * @default false
   */
  readonly reopenVoided?: boolean;
  /**
   * Optional fields the source owns: its value replaces storage's, an absent one clears it.
   * @default {} (storage keeps terms, disputes and the customer's name once it has them)
   */
  readonly owns?: ReconcileOptions['owns'];
  /**
   * Refuse the import when more than this share of what the source yielded are issues (bad
   * rows), as a fraction between 0 and 1.
   * @default 0.1
   */
  readonly maxIssueShare?: number;
  /**
   * Issues kept as examples in the report and the error.
   * @default 20
   */
  readonly maxExamples?: number;
  /**
   * Time source for the activities the import records.
   * @default systemClock
   */
  readonly clock?: Clock;
  /** Stops reading the records; the import then writes nothing. */
  readonly signal?: AbortSignal;
  /** Called every 1,000 records and at each phase change. */
  readonly onProgress?: (progress: { readonly phase: 'read' | 'compare' | 'write' | 'done'; readonly records: number }) => void;
}

/** Options of {@link importSource}. */
export interface ImportSourceOptions extends Omit<ImportRecordsOptions, 'sourceName' | 'partial' | 'ordered'> {
  readonly source: Source;
  /**
   * Name of this recurring import.
   * @default source.name
   */
  readonly sourceName?: string;
  /**
   * Pull only what changed since this cursor (in the source's own terms; an ISO 8601 instant
   * for most). Such a pull is partial: it says nothing about invoices it did not yield.
   * @default undefined (everything)
   */
  readonly since?: string;
}

/** What {@link importSource} found and did. */
export interface SourceImportReport {
  readonly sourceName: string;
  readonly dryRun: boolean;
  /** Whether anything was written (false for dry runs and when storage already matched). */
  readonly written: boolean;
  /** Records the source yielded, issues not counted. */
  readonly records: number;
  /** Rows the source could not map, with the first few as examples. */
  readonly issues: { readonly count: number; readonly examples: readonly SourceIssue[] };
  /** The field-level diff against storage. */
  readonly diff: Omit<ReconcileResult, 'writes'>;
}

/**
 * Too many of the source's rows are bad: nothing was written. `examples` shows the first ones.
 *
 * @example
 * ```ts
 * try { await importSource({ source, storage }); }
 * catch (e) { if (e instanceof SourceIssuesError) for (const i of e.examples) console.log(i.field, i.message); }
 * ```
 */
export class SourceIssuesError extends DueflowError {
  /** Issues the source yielded. */
  readonly count: number;
  /** Everything the source yielded, issues included. */
  readonly total: number;
  /** The first issues. */
  readonly examples: readonly SourceIssue[];

  constructor(input: {
    /** The source's name, for the message. */
    readonly sourceName: string;
    readonly count: number;
    readonly total: number;
    /** The largest share of issues allowed (`maxIssueShare`). */
    readonly limit: number;
    readonly examples: readonly SourceIssue[];
  }) {
    const { sourceName, count, total, limit, examples } = input;
    const share = total === 0 ? 0 : count / total;
    const first = examples[0];
    const where = first === undefined ? '' : `; first: ${first.field === undefined ? '' : `${first.field}: `}${first.message}`;
    super(
      'VALIDATION',
      `Import ${sourceName} refused: ${count} of ${total} records (${(share * 100).toFixed(1)}%) are bad, above the ${(limit * 100).toFixed(1)}% limit${where}`,
    );
    this.count = count;
    this.total = total;
    this.examples = examples;
  }
}

async function listAll<T extends { id: string }>(page: (after: string | undefined) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const batch = await page(after);
    out.push(...batch);
    const last = batch.at(-1);
    if (batch.length < 1000 || last === undefined) return out;
    after = last.id;
  }
}

async function defined<T>(ids: Iterable<string>, get: (id: string) => Promise<T | undefined>): Promise<T[]> {
  const out: T[] = [];
  for (const id of ids) {
    const found = await get(id);
    if (found !== undefined) out.push(found);
  }
  return out;
}

/**
 * What storage holds that a reconciliation of `records` needs: every customer, invoice and
 * payment (only those the records name when `partial`: a webhook's handful must not read the
 * whole store), the credit notes of the invoices the records credit, and the ids of notes
 * already in the timeline since the oldest note of the records.
 *
 * @example
 * ```ts
 * const stored = await readStoredRecords(storage, records);
 * const result = reconcile(records, stored, { sourceName: 'erp', now: new Date().toISOString() });
 * ```
 */
export async function readStoredRecords(
  storage: Storage,
  records: FileRecords,
  options: { readonly partial?: boolean } = {},
): Promise<StoredRecords> {
  const credited = [...new Set((records.credits ?? []).map((c) => c.invoiceId))];
  const credits: CreditNote[] = [];
  for (const invoiceId of credited) credits.push(...((await storage.loadSnapshot(invoiceId))?.credits ?? []));
  const noteSince = records.notes.reduce((min, n) => Math.min(min, Date.parse(n.at)), Number.POSITIVE_INFINITY);
  const activityIds = new Set(
    records.notes.length === 0
      ? []
      : (await storage.listActivities({ types: ['note'], since: noteSince, limit: 10_000_000 })).map((a) => a.id),
  );
  if (options.partial !== true) {
    return {
      customers: await listAll((after) => storage.listCustomers({ ...(after === undefined ? {} : { after }), limit: 1000 })),
      invoices: await listAll((after) => storage.listInvoices({ ...(after === undefined ? {} : { after }), limit: 1000 })),
      payments: await storage.listPayments(),
      credits,
      activityIds,
    };
  }
  // A payment is read through the invoices it pays: the port lists payments by invoice.
  const paid = new Set(records.payments.flatMap((p) => p.allocations.map((a) => a.invoiceId)));
  const payments = new Map<string, Payment>();
  for (const invoiceId of paid) for (const payment of await storage.listPayments({ invoiceId })) payments.set(payment.id, payment);
  return {
    customers: await defined(new Set(records.customers.map((c) => c.id)), (id) => storage.getCustomer(id)),
    invoices: await defined(new Set(records.invoices.map((i) => i.id)), (id) => storage.getInvoice(id)),
    payments: [...payments.values()],
    credits,
    activityIds,
  };
}

function asTyped(error: unknown, what: string): DueflowError {
  if (error instanceof DueflowError) return error;
  return new DueflowError('ADAPTER', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** What {@link reconcileWithStorage} found and did. */
export interface StorageReconciliation {
  /** The field-level diff against storage. */
  readonly diff: Omit<ReconcileResult, 'writes'>;
  /** The records written (or that a dry run would write). */
  readonly writes: ImportBatch;
  /** Whether the batch was written (`false` for a dry run or when storage already matched). */
  readonly written: boolean;
}

/**
 * The steps every import shares once it holds the source's records: read what storage holds of
 * them (`readStoredRecords`), reconcile (`reconcile`), and unless `dryRun` write the difference
 * all or nothing (`writeImport`; nothing at all when storage already matches). A failed read is
 * an `ADAPTER` error naming the import; a failed write an `ImportWriteError`.
 *
 * @example
 * ```ts
 * const { diff, written } = await reconcileWithStorage(storage, records, { sourceName: 'erp', now: new Date().toISOString() });
 * ```
 */
export async function reconcileWithStorage(
  storage: Storage,
  records: FileRecords,
  options: ReconcileOptions & { readonly dryRun?: boolean; readonly onWrite?: () => void },
): Promise<StorageReconciliation> {
  const { dryRun, onWrite, ...reconcileOptions } = options;
  let stored: StoredRecords;
  try {
    stored = await readStoredRecords(storage, records, { partial: options.partial === true });
  } catch (error) {
    throw asTyped(error, `Reading storage for import ${options.sourceName} failed`);
  }
  const result = reconcile(records, stored, reconcileOptions);
  const { writes, ...diff } = result;
  const size = writes.customers.length + writes.invoices.length + writes.payments.length + writes.credits.length + writes.activities.length;
  if (dryRun === true || size === 0) return { diff, writes, written: false };
  onWrite?.();
  await writeImport(storage, result);
  return { diff, writes, written: true };
}

/**
 * Imports everything a source yields into storage, treating the source as the source of truth
 * (the same rules as the CSV import: see `reconcile`). Reads the whole pull first; refuses with
 * a `SourceIssuesError` when too many rows are bad; then reads storage, reconciles and writes
 * the difference all or nothing (`writeImport`). Running it again with nothing changed at the
 * source writes nothing. Every error it throws is a `DueflowError`.
 *
 * @example
 * ```ts
 * const report = await importSource({ source: createStripeSource({ apiKey }), storage, onMissing: 'flag-for-review' });
 * console.log(report.diff.invoices.new.length, report.diff.invoices.changed.length);
 * ```
 */
export async function importSource(options: ImportSourceOptions): Promise<SourceImportReport> {
  const { source, since, ...rest } = options;
  const sourceName = options.sourceName ?? source.name;
  let records: AsyncIterable<SourceRecord>;
  try {
    records = source.pull({
      ...(since === undefined ? {} : { since }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    throw asTyped(error, `Import ${sourceName} failed`);
  }
  return importRecords(records, { ...rest, sourceName, partial: since !== undefined, ordered: false });
}

/**
 * Imports records at hand (what a source's `parseWebhook` returned, or any iterable of source
 * records) with the rules of {@link importSource}. Pass `partial: true` for anything short of
 * everything the source holds: nothing is then treated as missing, and only the stored records
 * the records name are read.
 *
 * @example
 * ```ts
 * const records = await stripe.parseWebhook(request);
 * await importRecords(records, { storage, sourceName: 'stripe', partial: true });
 * ```
 */
export async function importRecords(
  records: Iterable<SourceRecord> | AsyncIterable<SourceRecord>,
  options: ImportRecordsOptions,
): Promise<SourceImportReport> {
  try {
    return await runImport(records, options);
  } catch (error) {
    if (error instanceof ImportWriteError || error instanceof SourceIssuesError) throw error;
    throw asTyped(error, `Import ${options.sourceName} failed`);
  }
}

async function runImport(
  source: Iterable<SourceRecord> | AsyncIterable<SourceRecord>,
  options: ImportRecordsOptions,
): Promise<SourceImportReport> {
  const { storage, sourceName } = options;
  const partial = options.partial === true;
  const maxIssueShare = options.maxIssueShare ?? 0.1;
  if (!(maxIssueShare >= 0 && maxIssueShare <= 1)) {
    throw new ValidationError('import options', [
      { path: ['maxIssueShare'], field: 'maxIssueShare', message: 'must be between 0 and 1', value: maxIssueShare },
    ]);
  }
  const stopIfAborted = (): void => {
    const signal = options.signal;
    if (signal?.aborted === true)
      throw new DueflowError('INVALID_OPERATION', `Import ${sourceName} aborted: nothing was written`, { cause: signal.reason });
  };
  const maxExamples = options.maxExamples ?? 20;
  const dryRun = options.dryRun === true;
  let count = 0;
  const progress = (phase: 'read' | 'compare' | 'write' | 'done'): void => options.onProgress?.({ phase, records: count });

  const byKind: { readonly [K in Exclude<SourceRecord['kind'], 'issue'>]: Map<string, Extract<SourceRecord, { kind: K }>['data']> } = {
    customer: new Map<string, Customer>(),
    invoice: new Map<string, Invoice>(),
    payment: new Map<string, Payment>(),
    'credit-note': new Map<string, CreditNote>(),
    note: new Map<string, NoteActivity>(),
  };
  const examples: SourceIssue[] = [];
  let issues = 0;
  progress('read');
  stopIfAborted();
  for await (const record of source) {
    stopIfAborted();
    if (record.kind === 'issue') {
      issues++;
      if (examples.length < maxExamples) examples.push(record.issue);
      continue;
    }
    count++;
    if (count % 1000 === 0) progress('read');
    // A record yielded again (a page boundary that moved) replaces the earlier one. The map is
    // the one of the record's kind (TypeScript cannot pair the two through the union).
    (byKind[record.kind] as Map<string, typeof record.data>).set(record.data.id, record.data);
  }
  stopIfAborted();
  const total = count + issues;
  if (issues > 0 && issues / total > maxIssueShare)
    throw new SourceIssuesError({ sourceName, count: issues, total, limit: maxIssueShare, examples });

  progress('compare');
  const records: FileRecords = {
    customers: [...byKind.customer.values()],
    invoices: [...byKind.invoice.values()],
    payments: [...byKind.payment.values()],
    notes: [...byKind.note.values()],
    credits: [...byKind['credit-note'].values()],
  };
  const { diff, written } = await reconcileWithStorage(storage, records, {
    sourceName,
    now: new Date((options.clock ?? systemClock).now()).toISOString(),
    onMissing: options.onMissing ?? 'flag-for-review',
    partial,
    ordered: options.ordered ?? true,
    reopenVoided: options.reopenVoided ?? false,
    ...(options.owns === undefined ? {} : { owns: options.owns }),
    dryRun,
    onWrite: () => progress('write'),
  });
  progress('done');
  return {
    sourceName,
    dryRun,
    written,
    records: count,
    issues: { count: issues, examples },
    diff,
  };
}
