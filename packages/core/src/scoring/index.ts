export { sentimentOf, textSignals, type TextSignals } from './text-signals.js';
export {
  riskFeatures,
  featureVector,
  portfolioPrior,
  typicalInvoiceAmounts,
  asOfMs,
  FEATURE_NAMES,
  FEATURE_COUNT,
  DEFAULT_RISK_PRIOR,
  type AsOf,
  type FeatureName,
  type HistoricalInvoice,
  type RiskFeatureOptions,
  type RiskFeatures,
  type RiskInput,
  type RiskPrior,
} from './features.js';
export {
  DEFAULT_RISK_MODEL,
  RISK_BAND_CUTOFFS,
  riskBand,
  riskLogit,
  riskProbability,
  scoreRisk,
  type RiskBand,
  type RiskContribution,
  type RiskLabel,
  type RiskModel,
  type RiskScore,
} from './model.js';
export { trainRiskModel, isLate, type TrainingExample, type TrainRiskModelOptions } from './train.js';
export {
  assessDataHealth,
  requireDataHealth,
  isScorableInvoice,
  isUsableHistory,
  type DataHealthOptions,
  type DataHealthReport,
  type FieldHealth,
} from './data-health.js';
export { scoreInvoices, type ScoreInvoicesOptions, type ScoreInvoicesResult, type ScoredInvoice } from './score-invoices.js';
export {
  buildActionQueue,
  urgencyOf,
  ACTION_QUEUE_SCHEMA_VERSION,
  RISK_SCORE_NOTE,
  type ActionQueue,
  type ActionQueueEntry,
  type ActionQueueOptions,
  type FxRates,
  type QueueRiskFactor,
} from './action-queue.js';
