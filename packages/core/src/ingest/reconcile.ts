/**
 * Reconciliation: what a source says (a CSV file, an accounting system) against what storage
 * holds, with the source as the source of truth. Pure: plain arrays in, a diff and the exact
 * records to write out. "The file" below is whatever the source yielded.
 *
 * Ownership rules:
 * - The file owns the invoice fields it maps (number, customer, dates, total, status, and terms
 *   or dispute when those columns are mapped); fields the file cannot know (pause, ladder, an
 *   app-opened dispute, other metadata keys) are kept from storage.
 * - The file owns the contact details it carries (name, email, phone); opt-outs, suppressions
 *   and everything else set in the app are kept. A stored detail that differs is reported, and
 *   the file's value is written.
 * - Payments and credit notes are owned by the file entirely.
 *
 * @module
 */
import type { Activity, NoteActivity } from '../model/activity.js';
import type { Contact, Customer } from '../model/customer.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';

/**
 * Key in `invoice.metadata` of the source's own time (ISO 8601) of the state an invoice record
 * shows: a webhook event's time, or the object's latest status change. With
 * `ReconcileOptions.ordered`, a record older than the stored state is ignored.
 *
 * @example
 * ```ts
 * const record: Invoice = { ...invoice, metadata: { [SOURCE_UPDATED_AT]: '2025-03-12T09:00:00.000Z' } };
 * ```
 */
export const SOURCE_UPDATED_AT = 'sourceUpdatedAt';

/** An invoice's lifecycle order: a record never moves an invoice back in it without being newer. */
const LIFECYCLE: Readonly<Record<Invoice['status'], number>> = { draft: 0, open: 1, 'written-off': 2, paid: 3, void: 3 };

function sourceTime(invoice: Invoice): number | undefined {
  const value = invoice.metadata?.[SOURCE_UPDATED_AT];
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An invoice record older than the stored state, left out of the import. */
export interface StaleInvoiceRecord {
  readonly id: string;
  /** The status the record showed, and when (the source's time). */
  readonly status: Invoice['status'];
  readonly at: string;
  /** The stored status, and the source's time of it. */
  readonly storedStatus: Invoice['status'];
  readonly storedAt: string;
}

/**
 * Whether an invoice record is older than what storage holds, by the source's times in
 * `metadata.sourceUpdatedAt`: earlier than the stored state, or at the same time but moving the
 * invoice back in its lifecycle (draft, open, written-off, then paid or void). A record or a
 * stored invoice without a time is never stale.
 *
 * @example
 * ```ts
 * const at = (t: string) => ({ metadata: { sourceUpdatedAt: t } });
 * isStaleRecord({ ...open, ...at('2025-03-01T10:00:00Z') }, { ...paid, ...at('2025-03-01T10:05:00Z') }); // true
 * ```
 */
export function isStaleRecord(record: Invoice, stored: Invoice): boolean {
  const recordAt = sourceTime(record);
  const storedAt = sourceTime(stored);
  if (recordAt === undefined || storedAt === undefined) return false;
  return recordAt < storedAt || (recordAt === storedAt && LIFECYCLE[record.status] < LIFECYCLE[stored.status]);
}

/** What happens to an invoice the previous imports of this source wrote and this file lacks. */
export type MissingInvoiceAction = 'mark-paid' | 'flag-for-review' | 'ignore';

/** The records a source holds (a file, an accounting system). */
export interface FileRecords {
  readonly customers: readonly Customer[];
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  readonly notes: readonly NoteActivity[];
  readonly credits?: readonly CreditNote[];
}

/** What storage holds (only what the reconciliation needs). */
export interface StoredRecords {
  readonly customers: readonly Customer[];
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  /** Stored credit notes of the invoices the source's credit notes are about. */
  readonly credits?: readonly CreditNote[];
  /** Ids of activities already in the timeline (notes of earlier imports). */
  readonly activityIds?: ReadonlySet<string>;
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /**
   * Name of this recurring import. Imported invoices carry it in `metadata.importSource`, and
   * only invoices carrying it can be "no longer present".
   */
  readonly sourceName: string;
  /** The instant of this import (ISO 8601), for the activities it records. */
  readonly now: string;
  /**
   * What to do with open invoices this source wrote before and the file no longer has.
   * @default 'flag-for-review'
   */
  readonly onMissing?: MissingInvoiceAction;
  /**
   * Reopen a voided invoice that appears again in the file (otherwise it stays void, reported).
   * @default false
   */
  readonly reopenVoided?: boolean;
  /**
   * Optional invoice fields whose column is mapped: the file owns them (an empty cell clears them).
   * @default { terms: false, dispute: false, customerName: false }
   */
  readonly owns?: { readonly terms?: boolean; readonly dispute?: boolean; readonly customerName?: boolean };
  /**
   * The records are part of what the source holds (an incremental pull): no invoice is missing.
   * @default false
   */
  readonly partial?: boolean;
  /**
   * The records may arrive out of order (webhooks): an invoice record older than the stored
   * state (see {@link isStaleRecord}) is left out, with the payments, credit notes and notes of
   * that invoice it came with, and reported in `invoices.stale`. A pull reads the current state
   * and is not ordered.
   * @default false
   */
  readonly ordered?: boolean;
}

/** One field that differs, by dotted path. */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A stored record the import changes. */
export interface RecordChange<T> {
  readonly id: string;
  readonly before: T;
  readonly after: T;
  readonly changes: readonly FieldChange[];
}

/** A contact detail that differs between storage (perhaps edited in the app) and the file. */
export interface ContactConflict {
  readonly customerId: string;
  readonly contactId: string;
  readonly field: 'name' | 'email' | 'phone';
  readonly stored: string;
  readonly file: string;
}

/** Everything an import writes; each list is written by one atomic port call. */
export interface ImportBatch {
  readonly customers: readonly Customer[];
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  readonly credits: readonly CreditNote[];
  readonly activities: readonly Activity[];
}

/** The diff between the file and storage. */
export interface ReconcileResult {
  readonly invoices: {
    readonly new: readonly Invoice[];
    readonly changed: readonly RecordChange<Invoice>[];
    readonly unchanged: number;
    /** Open invoices of this source the file no longer has, and what was done. */
    readonly missing: readonly { readonly invoice: Invoice; readonly action: MissingInvoiceAction }[];
    /** Voided invoices the file has again, and whether they were reopened. */
    readonly voidedReappeared: readonly { readonly id: string; readonly reopened: boolean }[];
    /** Records older than the stored state, left out (with `ordered` only). */
    readonly stale: readonly StaleInvoiceRecord[];
  };
  readonly customers: {
    readonly new: readonly Customer[];
    readonly changed: readonly RecordChange<Customer>[];
    readonly unchanged: number;
    readonly contactConflicts: readonly ContactConflict[];
  };
  readonly payments: { readonly new: readonly Payment[]; readonly changed: readonly RecordChange<Payment>[]; readonly unchanged: number };
  readonly credits: {
    readonly new: readonly CreditNote[];
    readonly changed: readonly RecordChange<CreditNote>[];
    readonly unchanged: number;
  };
  readonly notes: { readonly new: readonly NoteActivity[]; readonly unchanged: number };
  /** The records to write. Empty lists when storage already matches the file. */
  readonly writes: ImportBatch;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Field-level differences between two JSON-like values (absent and `undefined` are the same).
 *
 * @example
 * ```ts
 * diffValues({ total: { amount: 1 } }, { total: { amount: 2 } }); // [{ path: 'total.amount', before: 1, after: 2 }]
 * ```
 */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const out: FieldChange[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) out.push(...diffValues(before[key], after[key], path === '' ? key : `${path}.${key}`));
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    const out: FieldChange[] = [];
    for (const [i, b] of before.entries()) out.push(...diffValues(b, after[i], `${path}[${i}]`));
    return out;
  }
  return [{ path: path === '' ? '(root)' : path, before, after }];
}

function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

function mergeInvoice(file: Invoice, stored: Invoice | undefined, options: ReconcileOptions): Invoice {
  const metadata = { ...stored?.metadata, ...file.metadata, importSource: options.sourceName };
  if (stored === undefined) return compact({ ...file, metadata });
  const owns = options.owns ?? {};
  let dispute = stored.dispute;
  if (owns.dispute === true) {
    // The file can open a dispute and close one it opened, never one a person opened in the app.
    if (file.dispute !== undefined) dispute = stored.dispute ?? file.dispute;
    else if (stored.dispute?.by === 'import') dispute = undefined;
  }
  return compact({
    ...stored,
    number: file.number,
    customerId: file.customerId,
    issueDate: file.issueDate,
    dueDate: file.dueDate,
    total: file.total,
    status: file.status,
    terms: owns.terms === true ? file.terms : stored.terms,
    dispute,
    metadata,
  });
}

function mergeContacts(customerId: string, file: readonly Contact[], stored: readonly Contact[], conflicts: ContactConflict[]): Contact[] {
  const out = stored.map((c) => ({ ...c }));
  for (const contact of file) {
    const index = out.findIndex((c) => c.id === contact.id);
    const current = out[index];
    if (index === -1 || current === undefined) {
      out.push(contact);
      continue;
    }
    const merged: Contact = { ...current };
    for (const field of ['name', 'email', 'phone'] as const) {
      const value = contact[field];
      if (value === undefined) continue;
      const before = current[field];
      if (before !== undefined && before !== value)
        conflicts.push({ customerId, contactId: contact.id, field, stored: before, file: value });
      merged[field] = value;
    }
    out[index] = merged;
  }
  return out;
}

function mergeCustomer(file: Customer, stored: Customer | undefined, options: ReconcileOptions, conflicts: ContactConflict[]): Customer {
  if (stored === undefined) return file;
  return {
    ...stored,
    name: options.owns?.customerName === true ? file.name : stored.name,
    contacts: mergeContacts(file.id, file.contacts, stored.contacts, conflicts),
  };
}

function day(instant: string): string {
  return instant.slice(0, 10);
}

/**
 * Compares the file's records with storage's and returns the diff and the writes that make
 * storage match the file. Running it again on the result of its writes gives no writes.
 *
 * @example
 * ```ts
 * const result = reconcile(fileRecords, storedRecords, { sourceName: 'erp', now: '2025-03-01T09:00:00Z', onMissing: 'mark-paid' });
 * result.invoices.changed[0]?.changes; // [{ path: 'total.amount', before: 1000, after: 1200 }]
 * await storage.commit(result.writes);
 * ```
 */
export function reconcile(file: FileRecords, stored: StoredRecords, options: ReconcileOptions): ReconcileResult {
  const onMissing = options.onMissing ?? 'flag-for-review';
  const actor = { type: 'system' as const, name: `import ${options.sourceName}` };
  const activities: Activity[] = [];

  const storedCustomers = new Map(stored.customers.map((c) => [c.id, c]));
  const conflicts: ContactConflict[] = [];
  const newCustomers: Customer[] = [];
  const changedCustomers: RecordChange<Customer>[] = [];
  let unchangedCustomers = 0;
  for (const fileCustomer of file.customers) {
    const before = storedCustomers.get(fileCustomer.id);
    const conflictsBefore = conflicts.length;
    const after = mergeCustomer(fileCustomer, before, options, conflicts);
    if (before === undefined) newCustomers.push(after);
    else {
      const changes = diffValues(before, after);
      if (changes.length === 0) unchangedCustomers++;
      else changedCustomers.push({ id: after.id, before, after, changes });
    }
    const byContact = new Map<string, ContactConflict[]>();
    for (const c of conflicts.slice(conflictsBefore)) byContact.set(c.contactId, [...(byContact.get(c.contactId) ?? []), c]);
    for (const [contactId, list] of byContact) {
      activities.push({
        id: `${options.sourceName}:contact-updated:${contactId}:${options.now}`,
        type: 'contact',
        at: options.now,
        customerId: fileCustomer.id,
        actor,
        contactId,
        event: 'updated',
        detail: `Import ${options.sourceName} replaced ${list.map((c) => `${c.field} ${JSON.stringify(c.stored)} with ${JSON.stringify(c.file)}`).join(', ')}`,
      });
    }
  }

  const storedInvoices = new Map(stored.invoices.map((i) => [i.id, i]));
  const fileInvoiceIds = new Set<string>();
  const newInvoices: Invoice[] = [];
  const changedInvoices: RecordChange<Invoice>[] = [];
  const voidedReappeared: { id: string; reopened: boolean }[] = [];
  const stale: StaleInvoiceRecord[] = [];
  let unchangedInvoices = 0;
  for (const fileInvoice of file.invoices) {
    fileInvoiceIds.add(fileInvoice.id);
    const before = storedInvoices.get(fileInvoice.id);
    if (options.ordered === true && before !== undefined && isStaleRecord(fileInvoice, before)) {
      const at = (invoice: Invoice): string => String(invoice.metadata?.[SOURCE_UPDATED_AT]);
      stale.push({ id: before.id, status: fileInvoice.status, at: at(fileInvoice), storedStatus: before.status, storedAt: at(before) });
      continue;
    }
    if (before?.status === 'void' && fileInvoice.status !== 'void') {
      const reopened = options.reopenVoided === true;
      voidedReappeared.push({ id: before.id, reopened });
      if (!reopened) continue;
      activities.push({
        id: `${options.sourceName}:reopened:${before.id}:${options.now}`,
        type: 'status',
        at: options.now,
        customerId: fileInvoice.customerId,
        invoiceId: before.id,
        actor,
        change: 'reopened',
        reason: `Voided invoice is in import ${options.sourceName} again`,
      });
    }
    const after = mergeInvoice(fileInvoice, before, options);
    if (before === undefined) newInvoices.push(after);
    else {
      const changes = diffValues(before, after);
      if (changes.length === 0) unchangedInvoices++;
      else changedInvoices.push({ id: after.id, before, after, changes });
    }
  }

  const missing: { invoice: Invoice; action: MissingInvoiceAction }[] = [];
  for (const invoice of options.partial === true ? [] : stored.invoices) {
    if (fileInvoiceIds.has(invoice.id) || invoice.metadata?.['importSource'] !== options.sourceName) continue;
    if (invoice.status !== 'open' && invoice.status !== 'draft') continue;
    missing.push({ invoice, action: onMissing });
    if (onMissing === 'mark-paid') {
      const after: Invoice = { ...invoice, status: 'paid' };
      changedInvoices.push({ id: invoice.id, before: invoice, after, changes: diffValues(invoice, after) });
      activities.push({
        id: `${options.sourceName}:marked-paid:${invoice.id}:${day(options.now)}`,
        type: 'status',
        at: options.now,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        actor,
        change: 'marked-paid',
        reason: `No longer in import ${options.sourceName}`,
      });
    } else if (onMissing === 'flag-for-review') {
      activities.push({
        id: `${options.sourceName}:missing:${invoice.id}:${day(options.now)}`,
        type: 'note',
        at: options.now,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        actor,
        source: 'import',
        text: `Invoice ${invoice.number} is no longer in import ${options.sourceName}: check whether it was paid, voided or moved.`,
      });
    }
  }

  const storedPayments = new Map(stored.payments.map((p) => [p.id, p]));
  const newPayments: Payment[] = [];
  const changedPayments: RecordChange<Payment>[] = [];
  let unchangedPayments = 0;
  const skippedInvoices = new Set([...voidedReappeared.filter((v) => !v.reopened).map((v) => v.id), ...stale.map((s) => s.id)]);
  for (const payment of file.payments) {
    if (payment.allocations.some((a) => skippedInvoices.has(a.invoiceId))) continue;
    const before = storedPayments.get(payment.id);
    if (before === undefined) newPayments.push(payment);
    else {
      const changes = diffValues(before, payment);
      if (changes.length === 0) unchangedPayments++;
      else changedPayments.push({ id: payment.id, before, after: payment, changes });
    }
  }

  const storedCredits = new Map((stored.credits ?? []).map((c) => [c.id, c]));
  const newCredits: CreditNote[] = [];
  const changedCredits: RecordChange<CreditNote>[] = [];
  let unchangedCredits = 0;
  for (const credit of file.credits ?? []) {
    if (skippedInvoices.has(credit.invoiceId)) continue;
    const before = storedCredits.get(credit.id);
    if (before === undefined) newCredits.push(credit);
    else {
      const changes = diffValues(before, credit);
      if (changes.length === 0) unchangedCredits++;
      else changedCredits.push({ id: credit.id, before, after: credit, changes });
    }
  }

  const newNotes: NoteActivity[] = [];
  let unchangedNotes = 0;
  for (const note of file.notes) {
    if (note.invoiceId !== undefined && skippedInvoices.has(note.invoiceId)) continue;
    if (stored.activityIds?.has(note.id) === true) unchangedNotes++;
    else newNotes.push(note);
  }

  const customers = [...newCustomers, ...changedCustomers.map((c) => c.after)];
  const invoices = [...newInvoices, ...changedInvoices.map((c) => c.after)];
  const payments = [...newPayments, ...changedPayments.map((c) => c.after)];
  const credits = [...newCredits, ...changedCredits.map((c) => c.after)];
  return {
    invoices: { new: newInvoices, changed: changedInvoices, unchanged: unchangedInvoices, missing, voidedReappeared, stale },
    customers: { new: newCustomers, changed: changedCustomers, unchanged: unchangedCustomers, contactConflicts: conflicts },
    payments: { new: newPayments, changed: changedPayments, unchanged: unchangedPayments },
    credits: { new: newCredits, changed: changedCredits, unchanged: unchangedCredits },
    notes: { new: newNotes, unchanged: unchangedNotes },
    writes: { customers, invoices, payments, credits, activities: [...newNotes, ...activities] },
  };
}
