/**
 * Collection outcomes: how much of what was invoiced was collected within N days, how many
 * invoices were paid by their due date, and how many promises to pay were kept.
 *
 * @module
 */
import { MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import type { Activity } from '../model/activity.js';
import type { PromiseToPay } from '../model/promise.js';
import { periodDays, type Period } from './dso.js';
import { endOfDayMs, indexLedger, isReceivable, settledAtMs, type MetricsData } from './ledger.js';

/** Collection within a window, for one currency. */
export interface CollectionRate {
  readonly currency: string;
  /** Invoices issued in the period. */
  readonly invoices: number;
  /** Their totals less credit notes dated within the window, minor units. */
  readonly collectible: number;
  /** Payments applied within the window, minor units. */
  readonly collected: number;
  /** `collected / collectible`, or `null` when nothing was collectible. */
  readonly rate: number | null;
}

/** Options of {@link collectionRate}. */
export interface CollectionRateOptions {
  /**
   * Days after the issue date within which a payment counts (the window ends at the end of that day).
   * @default 60
   */
  readonly withinDays?: number;
}

/**
 * Share of the amount invoiced in a period that was collected within `withinDays` days of each
 * invoice's issue date, per currency: succeeded payments applied by the end of day
 * `issueDate + withinDays`, over the invoice totals less credit notes dated by then. Measure
 * periods that ended at least `withinDays` ago, or recent invoices will look uncollected.
 *
 * @example
 * ```ts
 * collectionRate(data, { start: '2025-01-01', end: '2025-01-31' }); // [{ currency: 'USD', invoices: 3, collectible: 100000, collected: 80000, rate: 0.8 }]
 * ```
 */
export function collectionRate(data: MetricsData, period: Period, options: CollectionRateOptions = {}): CollectionRate[] {
  periodDays(period);
  const within = options.withinDays ?? 60;
  const byCurrency = new Map<string, { invoices: number; collectible: number; collected: number }>();
  const credits = new Map<string, { at: number; amount: number }[]>();
  for (const c of data.credits ?? []) {
    const list = credits.get(c.invoiceId) ?? [];
    list.push({ at: Date.parse(c.at), amount: c.amount.amount });
    credits.set(c.invoiceId, list);
  }
  const paid = indexLedger(data.payments ?? [], []);
  for (const invoice of data.invoices) {
    if (!isReceivable(invoice) || invoice.issueDate < period.start || invoice.issueDate > period.end) continue;
    const windowEnd = (toEpochDay(invoice.issueDate) + within + 1) * MS_PER_DAY - 1;
    let collectible = invoice.total.amount;
    for (const c of credits.get(invoice.id) ?? []) if (c.at <= windowEnd) collectible -= c.amount;
    let collected = 0;
    for (const p of paid.applied.get(invoice.id) ?? []) if (p.at <= windowEnd) collected += p.amount;
    collectible = Math.max(collectible, 0);
    const s = byCurrency.get(invoice.total.currency) ?? { invoices: 0, collectible: 0, collected: 0 };
    s.invoices++;
    s.collectible += collectible;
    s.collected += Math.min(collected, collectible);
    byCurrency.set(invoice.total.currency, s);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, s]) => ({ currency, ...s, rate: s.collectible > 0 ? s.collected / s.collectible : null }));
}

/** How many invoices settled in a period were paid by their due date. */
export interface PaidBeforeDue {
  /** Invoices settled in the period (any currency: these are counts). */
  readonly settled: number;
  /** Of which settled on or before their due date. */
  readonly onTime: number;
  /** `onTime / settled`, or `null` when none settled. */
  readonly share: number | null;
}

/**
 * Share of invoices settled in a period (payments and credits first covering the total on a day
 * of the period) that were settled on or before their due date (the due date is the last day to
 * pay, so paying on it counts). Counts, not amounts, so currencies may be mixed.
 *
 * @example
 * ```ts
 * sharePaidBeforeDue(data, { start: '2025-03-01', end: '2025-03-31' }); // { settled: 4, onTime: 3, share: 0.75 }
 * ```
 */
export function sharePaidBeforeDue(data: MetricsData, period: Period): PaidBeforeDue {
  periodDays(period);
  const ledger = indexLedger(data.payments ?? [], data.credits ?? []);
  const from = endOfDayMs(period.start) - MS_PER_DAY + 1;
  const to = endOfDayMs(period.end);
  let settled = 0;
  let onTime = 0;
  for (const invoice of data.invoices) {
    if (!isReceivable(invoice) || invoice.total.amount <= 0) continue;
    const at = settledAtMs(invoice, ledger);
    if (at === undefined || at < from || at > to) continue;
    settled++;
    if (Math.floor(at / MS_PER_DAY) <= toEpochDay(invoice.dueDate)) onTime++;
  }
  return { settled, onTime, share: settled > 0 ? onTime / settled : null };
}

/** Outcomes of promises to pay settled in a period. */
export interface PromiseKeptRate {
  readonly kept: number;
  /** Paid in part: counted as not kept. */
  readonly partiallyKept: number;
  readonly broken: number;
  /** `kept + partiallyKept + broken` (cancelled promises are left out). */
  readonly total: number;
  /** `kept / total`, or `null` without settled promises. */
  readonly rate: number | null;
}

/** What {@link promiseKeptRate} reads: promise records, promise activities, or both. */
export interface PromiseData {
  readonly promises?: readonly PromiseToPay[];
  readonly activities?: readonly Activity[];
}

/**
 * Share of promises to pay settled in a period that were kept. A promise's outcome is the latest
 * `kept`, `partially-kept` or `broken` promise activity dated in the period, else its record's
 * status when its `settledAt` falls in the period. Partially kept promises count as not kept.
 *
 * @example
 * ```ts
 * promiseKeptRate({ activities }, { start: '2025-03-01', end: '2025-03-31' }); // { kept: 3, partiallyKept: 0, broken: 1, total: 4, rate: 0.75 }
 * ```
 */
export function promiseKeptRate(data: PromiseData, period: Period): PromiseKeptRate {
  periodDays(period);
  const from = endOfDayMs(period.start) - MS_PER_DAY + 1;
  const to = endOfDayMs(period.end);
  const outcome = new Map<string, { at: number; event: 'kept' | 'partially-kept' | 'broken' }>();
  for (const a of data.activities ?? []) {
    if (a.type !== 'promise' || (a.event !== 'kept' && a.event !== 'partially-kept' && a.event !== 'broken')) continue;
    const at = Date.parse(a.at);
    if (at < from || at > to) continue;
    const seen = outcome.get(a.promiseId);
    if (seen === undefined || at >= seen.at) outcome.set(a.promiseId, { at, event: a.event });
  }
  for (const p of data.promises ?? []) {
    if (outcome.has(p.id) || p.settledAt === undefined) continue;
    if (p.status !== 'kept' && p.status !== 'partially-kept' && p.status !== 'broken') continue;
    const at = Date.parse(p.settledAt);
    if (at >= from && at <= to) outcome.set(p.id, { at, event: p.status });
  }
  let kept = 0;
  let partiallyKept = 0;
  let broken = 0;
  for (const { event } of outcome.values()) {
    if (event === 'kept') kept++;
    else if (event === 'partially-kept') partiallyKept++;
    else broken++;
  }
  const total = kept + partiallyKept + broken;
  return { kept, partiallyKept, broken, total, rate: total > 0 ? kept / total : null };
}
