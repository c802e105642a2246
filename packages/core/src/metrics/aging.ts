/**
 * Aging: open balances by days past due, per currency, exact to the minor unit.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import { endOfDayMs, indexLedger, outstandingAt, type MetricsData } from './ledger.js';

/** Aging buckets by days past due: not yet due, 1–30, 31–60, 61–90 and more than 90 days. */
export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '90+';

/**
 * Every aging bucket, youngest first.
 *
 * @example
 * ```ts
 * for (const bucket of AGING_BUCKETS) console.log(bucket, report.buckets[bucket]);
 * ```
 */
export const AGING_BUCKETS: readonly AgingBucket[] = ['current', '1-30', '31-60', '61-90', '90+'];

/**
 * The aging bucket of an invoice that is `daysPastDue` days past its due date (0 or negative: current).
 *
 * @example
 * ```ts
 * agingBucket(0);  // 'current'
 * agingBucket(31); // '31-60'
 * agingBucket(91); // '90+'
 * ```
 */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

/** Open balances of one currency by aging bucket, in minor units. */
export interface AgingReport {
  readonly currency: string;
  /** Outstanding minor units per bucket. */
  readonly buckets: Readonly<Record<AgingBucket, number>>;
  /** Open invoices per bucket. */
  readonly counts: Readonly<Record<AgingBucket, number>>;
  /** Sum of the buckets, minor units. */
  readonly total: number;
}

function emptyBuckets(): Record<AgingBucket, number> {
  return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

/**
 * Aging at the end of calendar day `asOf` (UTC): each invoice issued by then contributes what was
 * still owed on it at that moment (payments and credits dated later are ignored) to the bucket of
 * its days past due. Void and draft invoices are left out. One report per currency, sorted by code.
 *
 * @example
 * ```ts
 * const [usd] = agingReport({ invoices, payments, credits }, '2025-03-31');
 * usd.buckets['31-60']; // 125000 (1,250.00 USD between 31 and 60 days past due)
 * ```
 */
export function agingReport(data: MetricsData, asOf: string): AgingReport[] {
  const byCurrency = new Map<string, { buckets: Record<AgingBucket, number>; counts: Record<AgingBucket, number> }>();
  const asOfDay = toEpochDay(asOf);
  const cutoff = endOfDayMs(asOf);
  const ledger = indexLedger(data.payments ?? [], data.credits ?? []);
  for (const invoice of data.invoices) {
    if (invoice.status === 'void' || invoice.status === 'draft') continue;
    if (toEpochDay(invoice.issueDate) > asOfDay) continue;
    const owed = outstandingAt(invoice, ledger, cutoff);
    if (owed <= 0) continue;
    const currency = invoice.total.currency;
    let entry = byCurrency.get(currency);
    if (entry === undefined) {
      entry = { buckets: emptyBuckets(), counts: emptyBuckets() };
      byCurrency.set(currency, entry);
    }
    const bucket = agingBucket(asOfDay - toEpochDay(invoice.dueDate));
    entry.buckets[bucket] += owed;
    entry.counts[bucket] += 1;
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, { buckets, counts }]) => ({
      currency,
      buckets,
      counts,
      total: AGING_BUCKETS.reduce((acc, b) => acc + buckets[b], 0),
    }));
}
