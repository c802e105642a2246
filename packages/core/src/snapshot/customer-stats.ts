/**
 * Customer statistics from plain data: the pure computation behind `Storage.customerStats`.
 * Storage adapters load the customer's rows and call {@link summarizeCustomer}, so every
 * adapter computes the same numbers.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import { ZoneCache } from '../calendar/zone.js';
import { outstandingAmount } from '../engine/balance.js';
import type { CustomerStats } from '../engine/snapshot.js';
import type { Activity } from '../model/activity.js';
import type { CreditNote, Invoice, Payment } from '../model/invoice.js';
import type { PromiseToPay } from '../model/promise.js';

/** What {@link summarizeCustomer} reads: one customer's rows. */
export interface CustomerHistory {
  /** The customer's time zone, for the local date an invoice was settled on. @default 'UTC' */
  readonly timeZone?: string;
  readonly invoices: readonly Invoice[];
  /** The customer's payments (any status). */
  readonly payments: readonly Payment[];
  readonly credits?: readonly CreditNote[];
  readonly promises?: readonly PromiseToPay[];
  /** Status activities; a `marked-paid` change dates invoices settled outside the platform. */
  readonly activities?: readonly Activity[];
}

/**
 * Summarises a customer's settled history as of `now` (epoch ms). An invoice counts as settled
 * when it is `paid`, or open with nothing outstanding from payments and credits made by `now`;
 * it settled on the day of its last succeeded payment (or of its `marked-paid` activity), in the
 * customer's zone, and is late when that day is after its due date. Voided and written-off
 * invoices are not settled. Rows dated after `now` are ignored, so the result is reproducible.
 *
 * @example
 * ```ts
 * const stats = summarizeCustomer({ invoices, payments, timeZone: 'Europe/Paris' }, Date.parse('2025-06-01T00:00:00Z'));
 * stats.paidLate; // 2
 * ```
 */
export function summarizeCustomer(history: CustomerHistory, now: number, zones: ZoneCache = new ZoneCache()): CustomerStats {
  const zone = history.timeZone ?? 'UTC';
  const payments = history.payments.filter((p) => Date.parse(p.at) <= now);
  const credits = (history.credits ?? []).filter((c) => Date.parse(c.at) <= now);
  const markedPaid = new Map<string, number>();
  for (const a of history.activities ?? []) {
    if (a.type !== 'status' || a.change !== 'marked-paid' || a.invoiceId === undefined) continue;
    const at = Date.parse(a.at);
    if (at <= now) markedPaid.set(a.invoiceId, Math.max(markedPaid.get(a.invoiceId) ?? -Infinity, at));
  }

  let settled = 0;
  let late = 0;
  let daysLate = 0;
  let lastPaymentAt: number | undefined;
  for (const p of payments) {
    if (p.status !== 'succeeded') continue;
    const at = Date.parse(p.at);
    if (lastPaymentAt === undefined || at > lastPaymentAt) lastPaymentAt = at;
  }

  const totalsByCurrency = new Map<string, { sum: number; count: number }>();
  let openDisputes = 0;
  for (const invoice of history.invoices) {
    if (invoice.status === 'draft') continue;
    if (invoice.status !== 'void') {
      const t = totalsByCurrency.get(invoice.total.currency) ?? { sum: 0, count: 0 };
      t.sum += invoice.total.amount;
      t.count += 1;
      totalsByCurrency.set(invoice.total.currency, t);
    }
    if (invoice.status === 'open' && invoice.dispute !== undefined) openDisputes++;
    if (invoice.status === 'void' || invoice.status === 'written-off') continue;
    const isSettled = invoice.status === 'paid' || (invoice.total.amount > 0 && outstandingAmount(invoice, payments, credits) === 0);
    if (!isSettled) continue;
    settled++;
    let settledAt: number | undefined;
    for (const p of payments) {
      if (p.status !== 'succeeded' || !p.allocations.some((a) => a.invoiceId === invoice.id)) continue;
      const at = Date.parse(p.at);
      if (settledAt === undefined || at > settledAt) settledAt = at;
    }
    settledAt ??= markedPaid.get(invoice.id);
    if (settledAt === undefined) continue;
    const lateBy = zones.localDay(zone, settledAt) - toEpochDay(invoice.dueDate);
    if (lateBy > 0) {
      late++;
      daysLate += lateBy;
    }
  }

  let main: { sum: number; count: number } | undefined;
  for (const t of totalsByCurrency.values()) if (main === undefined || t.count > main.count) main = t;
  const promises = history.promises ?? [];
  return {
    settledInvoices: settled,
    paidLate: late,
    averageDaysLate: settled === 0 ? 0 : daysLate / settled,
    brokenPromises: promises.filter((p) => p.status === 'broken').length,
    keptPromises: promises.filter((p) => p.status === 'kept').length,
    openDisputes,
    ...(main !== undefined ? { averageInvoiceAmount: Math.round(main.sum / main.count) } : {}),
    ...(lastPaymentAt !== undefined ? { lastPaymentAt: new Date(lastPaymentAt).toISOString() } : {}),
  };
}
