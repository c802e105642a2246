/**
 * Metrics as a series over months or weeks, for trend charts.
 *
 * @module
 */
import { civilFromDays, daysFromCivil, fromEpochDay, isoWeekday, toEpochDay } from '../calendar/day.js';
import {
  collectionRate,
  promiseKeptRate,
  sharePaidBeforeDue,
  type PaidBeforeDue,
  type PromiseData,
  type PromiseKeptRate,
} from './collection.js';
import { periodDays, receivablesSummary, type Period, type ReceivablesSummary } from './dso.js';
import { indexLedger, type MetricsData } from './ledger.js';

/** The metrics of one currency in one period. */
export interface CurrencyPeriodMetrics extends ReceivablesSummary {
  readonly dso: number | null;
  readonly bestPossibleDso: number | null;
  readonly averageDaysDelinquent: number | null;
  /** Collection effectiveness index, percent. */
  readonly cei: number | null;
  /** Collected within `withinDays` of issue, of invoices issued in the period. */
  readonly collectionRate: number | null;
}

/** Every metric for one period. */
export interface PeriodMetrics {
  readonly period: Period;
  readonly currencies: readonly CurrencyPeriodMetrics[];
  readonly paidBeforeDue: PaidBeforeDue;
  readonly promises: PromiseKeptRate;
}

/** Options of {@link metricsTrend}. */
export interface MetricsTrendOptions {
  /** First day of the series, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day of the series, `YYYY-MM-DD`. */
  readonly to: string;
  /**
   * Calendar months, or ISO weeks (Monday to Sunday).
   * @default 'month'
   */
  readonly granularity?: 'month' | 'week';
  /**
   * Window of the collection rate, days after issue.
   * @default 60
   */
  readonly withinDays?: number;
  /**
   * Promise records and activities for the promise-kept rate.
   * @default {}
   */
  readonly promises?: PromiseData;
}

/**
 * The periods (calendar months or ISO weeks) covering `from` to `to`, the first and last clipped
 * to them.
 *
 * @example
 * ```ts
 * trendPeriods('2025-01-15', '2025-03-10', 'month');
 * // [{ start: '2025-01-15', end: '2025-01-31' }, { start: '2025-02-01', end: '2025-02-28' }, { start: '2025-03-01', end: '2025-03-10' }]
 * ```
 */
export function trendPeriods(from: string, to: string, granularity: 'month' | 'week' = 'month'): Period[] {
  periodDays({ start: from, end: to });
  const last = toEpochDay(to);
  const out: Period[] = [];
  let day = toEpochDay(from);
  while (day <= last) {
    let next: number;
    if (granularity === 'week') next = day + (8 - isoWeekday(day));
    else {
      const [y, m] = civilFromDays(day);
      next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
    }
    out.push({ start: fromEpochDay(day), end: fromEpochDay(Math.min(next - 1, last)) });
    day = next;
  }
  return out;
}

/**
 * Every metric per period from `from` to `to`: per currency DSO, best possible DSO, average days
 * delinquent, CEI and the collection rate (with the receivables behind them), plus the share
 * paid by the due date and the promise-kept rate.
 *
 * @example
 * ```ts
 * const series = metricsTrend(data, { from: '2025-01-01', to: '2025-06-30', granularity: 'month' });
 * series.map((p) => [p.period.start, p.currencies[0]?.dso]);
 * ```
 */
export function metricsTrend(data: MetricsData, options: MetricsTrendOptions): PeriodMetrics[] {
  const ledger = indexLedger(data.payments ?? [], data.credits ?? []);
  return trendPeriods(options.from, options.to, options.granularity ?? 'month').map((period) => {
    const rates = new Map(collectionRate(data, period, { withinDays: options.withinDays ?? 60 }).map((r) => [r.currency, r.rate]));
    const currencies = receivablesSummary(data, period, ledger).map((s): CurrencyPeriodMetrics => {
      const perDay = s.creditSales > 0 ? s.days / s.creditSales : null;
      const ceiDenominator = s.openingReceivables + s.creditSales - s.currentReceivables;
      return {
        ...s,
        dso: perDay === null ? null : s.receivables * perDay,
        bestPossibleDso: perDay === null ? null : s.currentReceivables * perDay,
        averageDaysDelinquent: perDay === null ? null : s.receivables * perDay - s.currentReceivables * perDay,
        cei: ceiDenominator > 0 ? ((s.openingReceivables + s.creditSales - s.receivables) / ceiDenominator) * 100 : null,
        collectionRate: rates.get(s.currency) ?? null,
      };
    });
    return {
      period,
      currencies,
      paidBeforeDue: sharePaidBeforeDue(data, period),
      promises: promiseKeptRate(options.promises ?? {}, period),
    };
  });
}
