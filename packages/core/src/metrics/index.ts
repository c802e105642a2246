export {
  indexLedger,
  outstandingAt,
  settledAtMs,
  endOfDayMs,
  isReceivable,
  type LedgerEntry,
  type LedgerIndex,
  type MetricsData,
} from './ledger.js';
export { agingBucket, agingReport, AGING_BUCKETS, type AgingBucket, type AgingReport } from './aging.js';
export {
  dso,
  bestPossibleDso,
  averageDaysDelinquent,
  collectionEffectivenessIndex,
  countbackDso,
  receivablesSummary,
  periodDays,
  type CountbackOptions,
  type CurrencyValue,
  type Period,
  type ReceivablesSummary,
} from './dso.js';
export {
  collectionRate,
  sharePaidBeforeDue,
  promiseKeptRate,
  type CollectionRate,
  type CollectionRateOptions,
  type PaidBeforeDue,
  type PromiseData,
  type PromiseKeptRate,
} from './collection.js';
export { metricsTrend, trendPeriods, type CurrencyPeriodMetrics, type MetricsTrendOptions, type PeriodMetrics } from './trend.js';
