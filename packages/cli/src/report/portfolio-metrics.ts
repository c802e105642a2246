/**
 * The headline numbers the commands print, all computed with the core's metrics
 * (`dso`, `collectionEffectivenessIndex`, `averageDaysDelinquent`, `collectionRate`,
 * `sharePaidBeforeDue`, `agingReport`) over a ledger of invoices and payments.
 *
 * @module
 */
import { addDays, toEpochDay } from '@dueflow/core';
import {
  agingReport,
  AGING_BUCKETS,
  averageDaysDelinquent,
  collectionEffectivenessIndex,
  collectionRate,
  dso,
  receivablesSummary,
  sharePaidBeforeDue,
  type AgingBucket,
  type MetricsData,
} from '@dueflow/core/metrics';

/** The metrics of one currency at the end of one day, over the 30 days before it. */
export interface PortfolioMetrics {
  /** Last day of the measured window, `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly currency: string;
  /** Days sales outstanding over the 30 days ending `asOf`. */
  readonly dso: number | null;
  /** Collection effectiveness index over those 30 days, percent. */
  readonly cei: number | null;
  /** Average days delinquent (DSO − best possible DSO). */
  readonly averageDaysDelinquent: number | null;
  /** Share of the amount invoiced 89 to 60 days before `asOf` collected within 60 days of issue (0-1). */
  readonly collectionRate: number | null;
  /** Share of the invoices settled in the 30 days that were settled by their due date (0-1). */
  readonly paidBeforeDue: number | null;
  /** Open balance at the end of `asOf`, minor units. */
  readonly receivables: number;
  /** Of which past due, minor units. */
  readonly overdue: number;
}

/** Open balances by aging bucket at the end of a day. */
export interface AgingSummary {
  readonly asOf: string;
  readonly currency: string;
  readonly buckets: readonly { readonly bucket: AgingBucket; readonly amount: number; readonly invoices: number }[];
  readonly total: number;
}

/**
 * The currency most invoices are in (the one the headline numbers are given in).
 *
 * @example
 * ```ts
 * mainCurrency({ invoices }); // 'USD'
 * ```
 */
export function mainCurrency(data: MetricsData): string {
  const counts = new Map<string, number>();
  for (const invoice of data.invoices) counts.set(invoice.total.currency, (counts.get(invoice.total.currency) ?? 0) + 1);
  let best = 'USD';
  let most = 0;
  for (const [currency, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n > most) {
      best = currency;
      most = n;
    }
  }
  return best;
}

/**
 * Every headline metric at the end of `asOf`, for one currency (the main one by default):
 * DSO, CEI and ADD over the 30 days ending `asOf`, the collection rate within 60 days of issue
 * for invoices issued 89 to 60 days before (so every window has closed by `asOf`), and the share of
 * settled invoices paid by their due date.
 *
 * @example
 * ```ts
 * const m = portfolioMetrics({ invoices, payments }, '2026-03-31');
 * console.log(m.dso?.toFixed(1), m.cei?.toFixed(1));
 * ```
 */
export function portfolioMetrics(data: MetricsData, asOf: string, currency = mainCurrency(data)): PortfolioMetrics {
  const period = { start: addDays(asOf, -29), end: asOf };
  const of = (list: readonly { currency: string; value: number | null }[]): number | null =>
    list.find((v) => v.currency === currency)?.value ?? null;
  const summary = receivablesSummary(data, period).find((s) => s.currency === currency);
  const rate = collectionRate(data, { start: addDays(asOf, -89), end: addDays(asOf, -60) }, { withinDays: 60 }).find(
    (r) => r.currency === currency,
  );
  const sameCurrency = { ...data, invoices: data.invoices.filter((i) => i.total.currency === currency) };
  return {
    asOf,
    currency,
    dso: of(dso(data, period)),
    cei: of(collectionEffectivenessIndex(data, period)),
    averageDaysDelinquent: of(averageDaysDelinquent(data, period)),
    collectionRate: rate?.rate ?? null,
    paidBeforeDue: sharePaidBeforeDue(sameCurrency, period).share,
    receivables: summary?.receivables ?? 0,
    overdue: summary === undefined ? 0 : summary.receivables - summary.currentReceivables,
  };
}

/**
 * Minor units of `currency` collected (succeeded payment allocations) from the start of `from`
 * to the end of `to`.
 *
 * @example
 * ```ts
 * collectedBetween({ invoices, payments }, '2026-01-01', '2026-03-31', 'USD'); // 123456789
 * ```
 */
export function collectedBetween(data: MetricsData, from: string, to: string, currency: string): number {
  const start = toEpochDay(from) * 86_400_000;
  const end = (toEpochDay(to) + 1) * 86_400_000;
  const currencyOf = new Map(data.invoices.map((i) => [i.id, i.total.currency]));
  let total = 0;
  for (const p of data.payments ?? []) {
    if (p.status !== 'succeeded') continue;
    const at = Date.parse(p.at);
    if (at < start || at >= end) continue;
    for (const a of p.allocations) if (currencyOf.get(a.invoiceId) === currency) total += a.amount;
  }
  return total;
}

/**
 * DSO (30-day window) at every `stepDays` from `from` to `to` (and at `to`), for a trend chart.
 *
 * @example
 * ```ts
 * dsoSeries(data, '2026-01-01', '2026-03-31', 'USD'); // [{ date: '2026-01-01', dso: 41.2 }, ...]
 * ```
 */
export function dsoSeries(
  data: MetricsData,
  from: string,
  to: string,
  currency: string,
  stepDays = 7,
): { readonly date: string; readonly dso: number | null }[] {
  const out: { date: string; dso: number | null }[] = [];
  const last = toEpochDay(to);
  for (let day = toEpochDay(from); day <= last; day += stepDays) {
    const date = addDays(from, day - toEpochDay(from));
    out.push({ date, dso: dso(data, { start: addDays(date, -29), end: date }).find((v) => v.currency === currency)?.value ?? null });
  }
  if (out.at(-1)?.date !== to)
    out.push({ date: to, dso: dso(data, { start: addDays(to, -29), end: to }).find((v) => v.currency === currency)?.value ?? null });
  return out;
}

/**
 * Aging of one currency at the end of `asOf`, every bucket listed (empty ones as 0).
 *
 * @example
 * ```ts
 * agingSummary({ invoices, payments }, '2026-03-31', 'USD').buckets[0]; // { bucket: 'current', amount: 1234500, invoices: 12 }
 * ```
 */
export function agingSummary(data: MetricsData, asOf: string, currency = mainCurrency(data)): AgingSummary {
  const report = agingReport(data, asOf).find((r) => r.currency === currency);
  return {
    asOf,
    currency,
    buckets: AGING_BUCKETS.map((bucket) => ({ bucket, amount: report?.buckets[bucket] ?? 0, invoices: report?.counts[bucket] ?? 0 })),
    total: report?.total ?? 0,
  };
}
