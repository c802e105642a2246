/**
 * Days sales outstanding and its companions: best possible DSO, average days delinquent,
 * countback DSO and the collection effectiveness index. Computed per currency: amounts of
 * different currencies are never added.
 *
 * @module
 */
import { civilFromDays, daysFromCivil, MS_PER_DAY, toEpochDay } from '../calendar/day.js';
import { DueflowError, describeValue } from '../errors.js';
import { endOfDayMs, indexLedger, isReceivable, outstandingAt, type LedgerIndex, type MetricsData } from './ledger.js';

/** A period of whole UTC calendar days, both ends included. */
export interface Period {
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day, `YYYY-MM-DD`. */
  readonly end: string;
}

/** Receivables of one currency over a period: the inputs of every DSO-style metric. */
export interface ReceivablesSummary {
  readonly currency: string;
  /** Days in the period. */
  readonly days: number;
  /** Open balance at the end of the day before `start`, minor units. */
  readonly openingReceivables: number;
  /** Open balance at the end of `end`, minor units. */
  readonly receivables: number;
  /** Of which not yet past due at `end` (due on or after `end`), minor units. */
  readonly currentReceivables: number;
  /** Totals of invoices issued in the period, minor units. */
  readonly creditSales: number;
}

/** A metric of one currency; `null` when its denominator is zero. */
export interface CurrencyValue {
  readonly currency: string;
  readonly value: number | null;
}

/**
 * Days in a period (both ends included); throws a `VALIDATION` error for an unreadable or reversed period.
 *
 * @example
 * ```ts
 * periodDays({ start: '2025-03-01', end: '2025-03-31' }); // 31
 * ```
 */
export function periodDays(period: Period): number {
  const ok = /^\d{4}-\d{2}-\d{2}$/;
  if (!ok.test(period.start) || !ok.test(period.end) || period.end < period.start) {
    throw new DueflowError(
      'VALIDATION',
      `period: expected start <= end as YYYY-MM-DD, got ${describeValue(period.start)} to ${describeValue(period.end)}`,
    );
  }
  return toEpochDay(period.end) - toEpochDay(period.start) + 1;
}

/**
 * Receivables, current receivables and credit sales per currency over a period (currencies in
 * alphabetical order). Void and draft invoices are left out; payments and credits count from
 * their own dates.
 *
 * @example
 * ```ts
 * receivablesSummary({ invoices, payments }, { start: '2025-03-01', end: '2025-03-31' });
 * // [{ currency: 'USD', days: 31, openingReceivables: 0, receivables: 60000, currentReceivables: 20000, creditSales: 100000 }]
 * ```
 */
export function receivablesSummary(
  data: MetricsData,
  period: Period,
  ledger: LedgerIndex = indexLedger(data.payments ?? [], data.credits ?? []),
): ReceivablesSummary[] {
  const days = periodDays(period);
  const startDay = toEpochDay(period.start);
  const endDay = toEpochDay(period.end);
  const opening = endOfDayMs(period.start) - MS_PER_DAY;
  const closing = endOfDayMs(period.end);
  const byCurrency = new Map<
    string,
    { openingReceivables: number; receivables: number; currentReceivables: number; creditSales: number }
  >();
  for (const invoice of data.invoices) {
    if (!isReceivable(invoice)) continue;
    const issueDay = toEpochDay(invoice.issueDate);
    if (issueDay > endDay) continue;
    const currency = invoice.total.currency;
    let s = byCurrency.get(currency);
    if (s === undefined) {
      s = { openingReceivables: 0, receivables: 0, currentReceivables: 0, creditSales: 0 };
      byCurrency.set(currency, s);
    }
    if (issueDay < startDay) s.openingReceivables += outstandingAt(invoice, ledger, opening);
    else s.creditSales += invoice.total.amount;
    const owed = outstandingAt(invoice, ledger, closing);
    s.receivables += owed;
    if (toEpochDay(invoice.dueDate) >= endDay) s.currentReceivables += owed;
  }
  return [...byCurrency.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, s]) => ({ currency, days, ...s }));
}

/**
 * Standard DSO per currency: `receivables at end / credit sales in the period × days in the period`.
 *
 * @example
 * ```ts
 * dso(data, { start: '2025-03-01', end: '2025-03-31' }); // [{ currency: 'USD', value: 18.6 }]
 * ```
 */
export function dso(data: MetricsData, period: Period): CurrencyValue[] {
  return receivablesSummary(data, period).map((s) => ({
    currency: s.currency,
    value: s.creditSales > 0 ? (s.receivables / s.creditSales) * s.days : null,
  }));
}

/**
 * Best possible DSO per currency: `current (not past due) receivables at end / credit sales × days`.
 *
 * @example
 * ```ts
 * bestPossibleDso(data, { start: '2025-03-01', end: '2025-03-31' }); // [{ currency: 'USD', value: 6.2 }]
 * ```
 */
export function bestPossibleDso(data: MetricsData, period: Period): CurrencyValue[] {
  return receivablesSummary(data, period).map((s) => ({
    currency: s.currency,
    value: s.creditSales > 0 ? (s.currentReceivables / s.creditSales) * s.days : null,
  }));
}

/**
 * Average days delinquent per currency: `DSO − best possible DSO`, i.e. past-due receivables over
 * credit sales × days.
 *
 * @example
 * ```ts
 * averageDaysDelinquent(data, { start: '2025-03-01', end: '2025-03-31' }); // [{ currency: 'USD', value: 12.4 }]
 * ```
 */
export function averageDaysDelinquent(data: MetricsData, period: Period): CurrencyValue[] {
  return receivablesSummary(data, period).map((s) => ({
    currency: s.currency,
    value: s.creditSales > 0 ? (s.receivables / s.creditSales) * s.days - (s.currentReceivables / s.creditSales) * s.days : null,
  }));
}

/**
 * Collection effectiveness index per currency, in percent:
 * `(opening receivables + credit sales − closing receivables) / (opening receivables + credit sales − closing current receivables) × 100`.
 * 100 means everything collectible in the period was collected.
 *
 * @example
 * ```ts
 * collectionEffectivenessIndex(data, { start: '2025-03-01', end: '2025-03-31' }); // [{ currency: 'USD', value: 50 }]
 * ```
 */
export function collectionEffectivenessIndex(data: MetricsData, period: Period): CurrencyValue[] {
  return receivablesSummary(data, period).map((s) => {
    const denominator = s.openingReceivables + s.creditSales - s.currentReceivables;
    return {
      currency: s.currency,
      value: denominator > 0 ? ((s.openingReceivables + s.creditSales - s.receivables) / denominator) * 100 : null,
    };
  });
}

/** Options of {@link countbackDso}. */
export interface CountbackOptions {
  /**
   * Months to walk back at most; receivables older than that count as these months only.
   * @default 24
   */
  readonly maxMonths?: number;
}

/**
 * Countback DSO per currency at the end of day `asOf`: receivables are matched against credit
 * sales month by month, newest first (the month of `asOf` counts up to `asOf`). Each month whose
 * sales are fully absorbed adds its days; the month that absorbs the rest adds
 * `rest / its sales × its days`. 0 when nothing is owed; `null` when there were no sales in
 * the months walked back.
 *
 * @example
 * ```ts
 * countbackDso(data, '2025-03-31'); // [{ currency: 'USD', value: 43.6 }]
 * ```
 */
export function countbackDso(data: MetricsData, asOf: string, options: CountbackOptions = {}): CurrencyValue[] {
  const maxMonths = options.maxMonths ?? 24;
  const ledger = indexLedger(data.payments ?? [], data.credits ?? []);
  const asOfDay = toEpochDay(asOf);
  const [year, month] = civilFromDays(asOfDay);
  const slices: { start: number; end: number }[] = [];
  for (let i = 0; i < maxMonths; i++) {
    const y = year + Math.floor((month - 1 - i) / 12);
    const m = ((((month - 1 - i) % 12) + 12) % 12) + 1;
    const start = daysFromCivil(y, m, 1);
    const nextStart = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
    slices.push({ start, end: Math.min(nextStart - 1, asOfDay) });
  }
  const receivables = new Map<string, number>();
  const sales = new Map<string, number[]>();
  const closing = endOfDayMs(asOf);
  for (const invoice of data.invoices) {
    if (!isReceivable(invoice)) continue;
    const issueDay = toEpochDay(invoice.issueDate);
    if (issueDay > asOfDay) continue;
    const currency = invoice.total.currency;
    receivables.set(currency, (receivables.get(currency) ?? 0) + outstandingAt(invoice, ledger, closing));
    let perMonth = sales.get(currency);
    if (perMonth === undefined) {
      perMonth = new Array<number>(maxMonths).fill(0);
      sales.set(currency, perMonth);
    }
    const slice = slices.findIndex((s) => issueDay >= s.start && issueDay <= s.end);
    if (slice >= 0) perMonth[slice] = perMonth[slice]! + invoice.total.amount;
  }
  return [...receivables.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, owed]) => {
      const perMonth = sales.get(currency)!;
      if (perMonth.every((v) => v === 0)) return { currency, value: null };
      let rest = owed;
      let days = 0;
      for (let i = 0; i < maxMonths && rest > 0; i++) {
        const monthSales = perMonth[i]!;
        const monthDays = slices[i]!.end - slices[i]!.start + 1;
        if (rest >= monthSales) {
          days += monthDays;
          rest -= monthSales;
        } else {
          days += (rest / monthSales) * monthDays;
          rest = 0;
        }
      }
      return { currency, value: days };
    });
}
