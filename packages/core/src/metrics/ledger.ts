/**
 * The ledger view shared by every metric: what was owed on an invoice at an instant, and when it
 * was settled, from its payments and credit notes.
 *
 * @module
 */
import { toEpochDay, MS_PER_DAY } from '../calendar/day.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';

/** What the metrics read: invoices, and the payments and credit notes applied to them. */
export interface MetricsData {
  readonly invoices: readonly Invoice[];
  /** Payments with their allocations; only `succeeded` payments count. */
  readonly payments?: readonly Payment[];
  readonly credits?: readonly CreditNote[];
}

/** One amount applied to an invoice at an instant (epoch ms). */
export interface LedgerEntry {
  readonly at: number;
  readonly amount: number;
}

/** Payments and credits grouped by invoice id, sorted by time. */
export interface LedgerIndex {
  readonly applied: ReadonlyMap<string, readonly LedgerEntry[]>;
}

/**
 * Groups succeeded payment allocations and credit notes by invoice, sorted by time, so that
 * balances at many instants cost one pass each.
 *
 * @example
 * ```ts
 * const ledger = indexLedger(payments, credits);
 * outstandingAt(invoice, ledger, Date.parse('2025-03-31T23:59:59.999Z'));
 * ```
 */
export function indexLedger(payments: readonly Payment[], credits: readonly CreditNote[]): LedgerIndex {
  const applied = new Map<string, LedgerEntry[]>();
  const push = (invoiceId: string, at: number, amount: number): void => {
    let list = applied.get(invoiceId);
    if (list === undefined) {
      list = [];
      applied.set(invoiceId, list);
    }
    list.push({ at, amount });
  };
  for (const p of payments) {
    if (p.status !== 'succeeded') continue;
    const at = Date.parse(p.at);
    for (const a of p.allocations) push(a.invoiceId, at, a.amount);
  }
  for (const c of credits) push(c.invoiceId, Date.parse(c.at), c.amount.amount);
  for (const list of applied.values()) list.sort((a, b) => a.at - b.at);
  return { applied };
}

/**
 * Minor units still owed on `invoice` at instant `atMs` (payments and credits dated later are
 * ignored), never below zero.
 *
 * @example
 * ```ts
 * outstandingAt(invoice, indexLedger(payments, []), Date.parse('2025-03-31T23:59:59.999Z')); // 42000
 * ```
 */
export function outstandingAt(invoice: Invoice, ledger: LedgerIndex, atMs: number): number {
  let owed = invoice.total.amount;
  const entries = ledger.applied.get(invoice.id);
  if (entries !== undefined) {
    for (const e of entries) {
      if (e.at > atMs) break;
      owed -= e.amount;
    }
  }
  return Math.max(owed, 0);
}

/**
 * The instant (epoch ms) at which payments and credits first covered the invoice's total, or
 * `undefined` while something is still owed. A zero-total invoice is settled at its issue date.
 *
 * @example
 * ```ts
 * settledAtMs(invoice, indexLedger(payments, credits)); // 1743379200000
 * ```
 */
export function settledAtMs(invoice: Invoice, ledger: LedgerIndex): number | undefined {
  let owed = invoice.total.amount;
  if (owed <= 0) return toEpochDay(invoice.issueDate) * MS_PER_DAY;
  for (const e of ledger.applied.get(invoice.id) ?? []) {
    owed -= e.amount;
    if (owed <= 0) return e.at;
  }
  return undefined;
}

/**
 * Epoch milliseconds of the last instant of a UTC calendar day (`23:59:59.999Z`).
 *
 * @example
 * ```ts
 * endOfDayMs('1970-01-01'); // 86399999
 * ```
 */
export function endOfDayMs(date: string): number {
  return (toEpochDay(date) + 1) * MS_PER_DAY - 1;
}

/**
 * Whether an invoice takes part in receivables metrics (void and draft invoices do not).
 *
 * @example
 * ```ts
 * invoices.filter(isReceivable);
 * ```
 */
export function isReceivable(invoice: Invoice): boolean {
  return invoice.status !== 'void' && invoice.status !== 'draft';
}
