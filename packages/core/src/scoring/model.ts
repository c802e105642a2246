/**
 * The logistic risk model: probability of paying late, a 0–100 score, a band, and the factors
 * behind it as signed contributions that add up to the model's logit.
 *
 * @module
 */
import { ConfigError } from '../errors.js';
import { FEATURE_COUNT, FEATURE_NAMES, featureVector, type FeatureName, type RiskFeatures } from './features.js';

/**
 * What "late" means for a model: paid after the due date, or not paid within `days` days after
 * the due date.
 */
export type RiskLabel = { readonly kind: 'paid-after-due' } | { readonly kind: 'not-paid-within'; readonly days: number };

/** Risk bands, from least to most likely to pay late. */
export type RiskBand = 'low' | 'medium' | 'high' | 'critical';

/**
 * A logistic model over standardised features:
 * `logit = intercept + Σ weights[i] × (x[i] − means[i]) / scales[i]`, `probability = 1 / (1 + e^−logit)`.
 * Calibration, when fitted, is already folded into `intercept` and `weights`.
 */
export interface RiskModel {
  /** Version of this shape. */
  readonly version: 1;
  readonly label: RiskLabel;
  /** Input names, in {@link FEATURE_NAMES} order. */
  readonly features: readonly FeatureName[];
  /** The baseline logit: the logit of an invoice whose every input equals the mean. */
  readonly intercept: number;
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly scales: readonly number[];
  /** How probabilities were calibrated. */
  readonly calibration: { readonly method: 'platt' | 'none'; readonly slope: number; readonly offset: number };
  /** Where the weights come from. */
  readonly source: 'default' | 'trained';
  /** Training summary, for trained models. */
  readonly training?: { readonly examples: number; readonly positives: number; readonly iterations: number; readonly l2: number };
}

type Spec = readonly [mean: number, scale: number, weight: number];

// Hand-set from collections practice: history of lateness dominates, then aging, promises and
// disputes; text flags add a little. Means and scales describe a typical open portfolio.
const DEFAULT_SPEC: Record<FeatureName, Spec> = {
  daysPastDue: [0.5, 1, 0.35],
  aging1to30: [0.25, 0.43, 0.15],
  aging31to60: [0.1, 0.3, 0.2],
  aging61to90: [0.05, 0.22, 0.2],
  aging90plus: [0.05, 0.22, 0.25],
  amountRatio: [0, 0.7, 0.1],
  portfolioAmountRatio: [0, 0.9, 0.1],
  priorInvoices: [2, 1, -0.1],
  lateShare: [-1, 1.2, 0.5],
  averageDaysLate: [4, 5, 0.3],
  averageDelay: [-5, 8, 0.1],
  delayLateProbability: [-1, 1.2, 0.3],
  recentLateShare: [-1, 1.2, 0.4],
  channelLateShare: [-1, 1.2, 0.3],
  lastPaidLate: [0.3, 0.46, 0.2],
  otherOpen: [0.7, 0.6, 0.1],
  otherOverdue: [0.3, 0.5, 0.3],
  brokenPromises: [0.2, 0.6, 0.4],
  keptPromises: [0.2, 0.5, -0.15],
  openDisputes: [0.05, 0.25, 0.3],
  planArrears: [0.05, 0.3, 0.3],
  ignoredMessages: [0.5, 0.6, 0.2],
  replied: [0.2, 0.4, -0.15],
  daysSinceLastPayment: [3.5, 1.2, 0.15],
  sentiment: [0, 0.3, -0.15],
  mentionsDispute: [0.05, 0.22, 0.15],
  cashFlowTrouble: [0.05, 0.22, 0.3],
  insolvency: [0.02, 0.14, 0.4],
  claimsAlreadyPaid: [0.03, 0.17, 0.05],
  paperBilling: [0.5, 0.5, 0.1],
};

/**
 * The default model: hand-set weights that work without training (see `docs/risk-scoring.md`
 * for the table). Its baseline is the logit of a 30% late share.
 *
 * @example
 * ```ts
 * const risk = scoreRisk(riskFeatures(input, asOf), DEFAULT_RISK_MODEL);
 * ```
 */
export const DEFAULT_RISK_MODEL: RiskModel = {
  version: 1,
  label: { kind: 'paid-after-due' },
  features: FEATURE_NAMES,
  intercept: Math.log(0.3 / 0.7),
  weights: FEATURE_NAMES.map((n) => DEFAULT_SPEC[n][2]),
  means: FEATURE_NAMES.map((n) => DEFAULT_SPEC[n][0]),
  scales: FEATURE_NAMES.map((n) => DEFAULT_SPEC[n][1]),
  calibration: { method: 'none', slope: 1, offset: 0 },
  source: 'default',
};

/**
 * Band cut-offs on the probability: below 0.2 low, below 0.4 medium, below 0.7 high, else critical.
 *
 * @example
 * ```ts
 * riskBand(0.55); // 'high'
 * ```
 */
export const RISK_BAND_CUTOFFS = { medium: 0.2, high: 0.4, critical: 0.7 } as const;

/**
 * The band of a probability (see {@link RISK_BAND_CUTOFFS}).
 *
 * @example
 * ```ts
 * riskBand(0.1);  // 'low'
 * riskBand(0.75); // 'critical'
 * ```
 */
export function riskBand(probability: number): RiskBand {
  if (probability < RISK_BAND_CUTOFFS.medium) return 'low';
  if (probability < RISK_BAND_CUTOFFS.high) return 'medium';
  if (probability < RISK_BAND_CUTOFFS.critical) return 'high';
  return 'critical';
}

/** One input's share of the logit: `weight × standardised value`. */
export interface RiskContribution {
  readonly feature: FeatureName;
  /** The model input (after the transforms of `featureVector`). */
  readonly value: number;
  /** Signed share of the logit; positive raises the risk. */
  readonly contribution: number;
  readonly direction: 'raises' | 'lowers';
  /** Plain words, e.g. `risk raised by: 31–60 day aging bucket`. */
  readonly sentence: string;
}

/** The scored risk of one invoice. */
export interface RiskScore {
  /** Probability of being late in the model's sense. */
  readonly probability: number;
  /** `round(100 × probability)`. */
  readonly score: number;
  readonly band: RiskBand;
  /** `baseline + Σ contributions`, summed in feature order. */
  readonly logit: number;
  /** The model's intercept. */
  readonly baseline: number;
  /** Every input's contribution, in feature order. */
  readonly contributions: readonly RiskContribution[];
  /** The three largest contributions by absolute value. */
  readonly topFactors: readonly RiskContribution[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const days = (x: number): string => `${Math.round(x * 10) / 10} days`;

function describe(feature: FeatureName, f: RiskFeatures): string {
  switch (feature) {
    case 'daysPastDue':
      return f.daysPastDue > 0 ? `${plural(f.daysPastDue, 'day', 'days')} past due` : 'not yet past due';
    case 'aging1to30':
      return f.agingBucket === '1-30' ? '1–30 day aging bucket' : 'not in the 1–30 day aging bucket';
    case 'aging31to60':
      return f.agingBucket === '31-60' ? '31–60 day aging bucket' : 'not in the 31–60 day aging bucket';
    case 'aging61to90':
      return f.agingBucket === '61-90' ? '61–90 day aging bucket' : 'not in the 61–90 day aging bucket';
    case 'aging90plus':
      return f.agingBucket === '90+' ? 'more than 90 days past due' : 'not more than 90 days past due';
    case 'amountRatio':
      return `amount ${Math.round(f.amountRatio * 10) / 10}× the customer's usual invoice`;
    case 'portfolioAmountRatio':
      return `amount ${Math.round(f.portfolioAmountRatio * 10) / 10}× a typical invoice`;
    case 'priorInvoices':
      return `${plural(f.priorInvoices, 'earlier invoice', 'earlier invoices')} with a known outcome`;
    case 'lateShare':
      return `pays late on about ${pct(f.lateShare)} of invoices`;
    case 'averageDaysLate':
      return `pays ${days(f.averageDaysLate)} late on average`;
    case 'averageDelay':
      return f.averageDelay > 0
        ? `settles ${days(f.averageDelay)} after the due date on average`
        : `settles ${days(-f.averageDelay)} before the due date on average`;
    case 'delayLateProbability':
      return `usual payment timing suggests about ${pct(f.delayLateProbability)} chance of paying late`;
    case 'recentLateShare':
      return `recent invoices paid late about ${pct(f.recentLateShare)} of the time`;
    case 'channelLateShare':
      return `pays late on about ${pct(f.channelLateShare)} of invoices billed ${f.paperBilling ? 'on paper' : 'electronically'}`;
    case 'lastPaidLate':
      return f.lastPaidLate ? 'the last invoice was paid late' : 'the last invoice was paid on time';
    case 'otherOpen':
      return f.otherOpen > 0 ? plural(f.otherOpen, 'other invoice unpaid', 'other invoices unpaid') : 'no other invoice unpaid';
    case 'otherOverdue':
      return f.otherOverdue > 0 ? plural(f.otherOverdue, 'other invoice overdue', 'other invoices overdue') : 'no other invoice overdue';
    case 'brokenPromises':
      return f.brokenPromises > 0
        ? plural(f.brokenPromises, 'broken promise to pay', 'broken promises to pay')
        : 'no broken promise to pay';
    case 'keptPromises':
      return f.keptPromises > 0 ? plural(f.keptPromises, 'kept promise to pay', 'kept promises to pay') : 'no kept promise to pay';
    case 'openDisputes':
      return f.openDisputes > 0 ? plural(f.openDisputes, 'open dispute', 'open disputes') : 'no open dispute';
    case 'planArrears':
      return f.planArrears > 0
        ? plural(f.planArrears, 'missed plan installment', 'missed plan installments')
        : 'no missed plan installment';
    case 'ignoredMessages':
      return f.ignoredMessages > 0
        ? `${plural(f.ignoredMessages, 'message', 'messages')} with no open, click or reply`
        : 'no ignored message';
    case 'replied':
      return f.replied ? 'the customer replied to a message' : 'no reply to messages';
    case 'daysSinceLastPayment':
      return f.daysSinceLastPayment === null ? 'no payment on record' : `last payment ${plural(f.daysSinceLastPayment, 'day', 'days')} ago`;
    case 'sentiment':
      return f.sentiment < 0
        ? 'negative tone in recent notes'
        : f.sentiment > 0
          ? 'positive tone in recent notes'
          : 'neutral or no recent notes';
    case 'mentionsDispute':
      return f.mentionsDispute ? 'notes mention a dispute' : 'no dispute mentioned in notes';
    case 'cashFlowTrouble':
      return f.cashFlowTrouble ? 'notes mention cash-flow trouble' : 'no cash-flow trouble mentioned in notes';
    case 'insolvency':
      return f.insolvency ? 'notes mention layoffs or insolvency' : 'no layoffs or insolvency mentioned in notes';
    case 'claimsAlreadyPaid':
      return f.claimsAlreadyPaid ? 'the customer says it already paid' : 'no claim of payment already made';
    case 'paperBilling':
      return f.paperBilling ? 'billed on paper' : 'billed electronically';
  }
}

function checkModel(model: RiskModel): void {
  if (model.weights.length !== FEATURE_COUNT || model.means.length !== FEATURE_COUNT || model.scales.length !== FEATURE_COUNT) {
    throw new ConfigError(
      `model: expected ${FEATURE_COUNT} weights, means and scales, got ${model.weights.length}, ${model.means.length} and ${model.scales.length}`,
    );
  }
}

/**
 * The logit of a feature vector: `intercept + Σ weight × (x − mean) / scale`, summed in feature
 * order. The fast path for scoring many invoices with precomputed vectors.
 *
 * @example
 * ```ts
 * const p = 1 / (1 + Math.exp(-riskLogit(model, featureVector(features))));
 * ```
 */
export function riskLogit(model: RiskModel, x: ArrayLike<number>): number {
  const w = model.weights;
  const m = model.means;
  const s = model.scales;
  let logit = model.intercept;
  for (let i = 0; i < FEATURE_COUNT; i++) logit += w[i]! * ((x[i]! - m[i]!) / s[i]!);
  return logit;
}

/**
 * Probability of a feature vector (the logistic of {@link riskLogit}).
 *
 * @example
 * ```ts
 * riskProbability(DEFAULT_RISK_MODEL, featureVector(features)); // 0.42
 * ```
 */
export function riskProbability(model: RiskModel, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-riskLogit(model, x)));
}

/**
 * Scores one invoice's features with a model and explains the result: every input's signed
 * contribution (`weight × standardised value`), the three largest in plain words, the probability,
 * a 0–100 score and a band. The contributions plus the baseline equal the logit exactly.
 *
 * @example
 * ```ts
 * const risk = scoreRisk(riskFeatures(input, asOf), model);
 * risk.topFactors.map((f) => f.sentence); // ['risk raised by: 31–60 day aging bucket', ...]
 * ```
 */
export function scoreRisk(features: RiskFeatures, model: RiskModel = DEFAULT_RISK_MODEL): RiskScore {
  checkModel(model);
  const x = featureVector(features);
  const contributions: RiskContribution[] = [];
  let logit = model.intercept;
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const feature = FEATURE_NAMES[i]!;
    const contribution = model.weights[i]! * ((x[i]! - model.means[i]!) / model.scales[i]!);
    logit += contribution;
    const direction = contribution > 0 ? 'raises' : 'lowers';
    contributions.push({
      feature,
      value: x[i]!,
      contribution,
      direction,
      sentence: `risk ${direction === 'raises' ? 'raised' : 'lowered'} by: ${describe(feature, features)}`,
    });
  }
  const probability = 1 / (1 + Math.exp(-logit));
  const topFactors = contributions
    .filter((c) => c.contribution !== 0)
    .sort(
      (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || FEATURE_NAMES.indexOf(a.feature) - FEATURE_NAMES.indexOf(b.feature),
    )
    .slice(0, 3);
  return {
    probability,
    score: Math.round(probability * 100),
    band: riskBand(probability),
    logit,
    baseline: model.intercept,
    contributions,
    topFactors,
  };
}
