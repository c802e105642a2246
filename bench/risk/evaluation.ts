/**
 * The honest evaluation of the risk model on the IBM sample: temporal split, issue-time
 * features only, label "paid after the due date".
 *
 * @module
 */
import {
  featureVector,
  portfolioPrior,
  riskFeatures,
  riskProbability,
  trainRiskModel,
  typicalInvoiceAmounts,
  FEATURE_NAMES,
  type FeatureName,
  type RiskFeatureOptions,
  type TrainRiskModelOptions,
  type RiskModel,
  type TrainingExample,
} from '@dueflow/core/scoring';
import { byCustomer, loadIbmInvoices, riskInputOf, type IbmInvoice } from './ibm.js';
import { auc, bootstrapAuc, brier, calibrationTable, type CalibrationRow } from './stats.js';

/** What {@link evaluateRisk} measures. */
export interface RiskEvaluation {
  readonly rows: number;
  readonly cutoffDate: string;
  readonly train: { readonly count: number; readonly lateShare: number };
  readonly test: { readonly count: number; readonly lateShare: number };
  readonly auc: number;
  readonly aucInterval: { readonly low: number; readonly high: number };
  readonly brier: number;
  readonly meanPredicted: number;
  readonly calibration: readonly CalibrationRow[];
  /** AUC of the customer's prior late share alone, for reference. */
  readonly baselineAuc: number;
  /** What model selection on the training period chose. */
  readonly selection: Selection;
  readonly model: RiskModel;
}

/** L2 penalties tried during model selection. */
const L2_GRID = [1, 3, 10, 30, 100] as const;

/** Smallest gain in mean cross-validated AUC for which an input is dropped (below it is noise). */
const MIN_GAIN = 0.0005;

/** Splits rows at a quantile of issue date: earlier rows, later rows, the cut-off date. */
function temporalSplit(rows: readonly IbmInvoice[], quantile = 0.8): [IbmInvoice[], IbmInvoice[], string] {
  const dates = rows.map((r) => r.invoice.issueDate).sort();
  const cutoff = dates[Math.floor(dates.length * quantile)]!;
  return [rows.filter((r) => r.invoice.issueDate < cutoff), rows.filter((r) => r.invoice.issueDate >= cutoff), cutoff];
}

type Customers = ReadonlyMap<string, readonly IbmInvoice[]>;

/** Portfolio prior and typical amounts from what had settled or been issued at the cut-off. */
function contextAt(known: readonly IbmInvoice[], cutoff: string): RiskFeatureOptions {
  const history = known.map((r) => r.history);
  return { prior: portfolioPrior(history, `${cutoff}T00:00:00Z`), typicalAmounts: typicalInvoiceAmounts(history, `${cutoff}T00:00:00Z`) };
}

/** A set of rows with their features computed once. */
interface Scored {
  readonly examples: TrainingExample[];
  readonly labels: Uint8Array;
}

function featurize(rows: readonly IbmInvoice[], customers: Customers, options: RiskFeatureOptions): Scored {
  // Scored at the start of the issue day: only invoices settled before that day are history.
  const examples = rows.map((r) => ({
    features: riskFeatures(riskInputOf(r, customers.get(r.invoice.customerId)!), `${r.invoice.issueDate}T00:00:00Z`, options),
    daysLate: r.daysLate,
    issueDate: r.invoice.issueDate,
  }));
  return { examples, labels: Uint8Array.from(rows, (r) => (r.daysLate > 0 ? 1 : 0)) };
}

function predict(model: RiskModel, set: Scored): Float64Array {
  return Float64Array.from(set.examples, (e) => riskProbability(model, featureVector(e.features)));
}

/** One rolling-origin fold: fit on everything before a cut-off, evaluate on the next slice. */
interface Fold {
  readonly fit: Scored;
  readonly evaluate: Scored;
}

/**
 * Rolling-origin folds inside the training period: cut at its 50th, 60th and 70th percentiles of
 * issue date (each evaluated on the next tenth) and at its 80th (evaluated on the rest).
 */
function rollingFolds(train: readonly IbmInvoice[], customers: Customers): Fold[] {
  const dates = train.map((r) => r.invoice.issueDate).sort();
  const at = (q: number): string => dates[Math.floor(dates.length * q)]!;
  return [
    [0.5, 0.6],
    [0.6, 0.7],
    [0.7, 0.8],
    [0.8, 1],
  ].map(([from, to]) => {
    const cut = at(from!);
    const end = to! >= 1 ? '9999-12-31' : at(to!);
    const before = train.filter((r) => r.invoice.issueDate < cut);
    const options = contextAt(before, cut);
    return {
      fit: featurize(before, customers, options),
      evaluate: featurize(
        train.filter((r) => r.invoice.issueDate >= cut && r.invoice.issueDate < end),
        customers,
        options,
      ),
    };
  });
}

function crossValidated(folds: readonly Fold[], options: TrainRiskModelOptions): number {
  let total = 0;
  for (const fold of folds) total += auc(predict(trainRiskModel(fold.fit.examples, options), fold.evaluate), fold.evaluate.labels);
  return total / folds.length;
}

/** What model selection chose, and the cross-validated AUC that chose it. */
export interface Selection {
  readonly l2: number;
  readonly features: readonly FeatureName[];
  readonly dropped: readonly FeatureName[];
  readonly cvAuc: number;
}

/**
 * Model selection on the training period only: the L2 penalty from a grid, then backward
 * elimination of inputs while dropping one raises the mean rolling-origin AUC by at least 0.0005.
 */
function selectModel(folds: readonly Fold[], train: Scored): Selection {
  // Inputs constant over the training rows carry nothing; they start excluded.
  const varying = FEATURE_NAMES.filter((_, j) => {
    const first = featureVector(train.examples[0]!.features)[j];
    return train.examples.some((e) => featureVector(e.features)[j] !== first);
  });
  let l2: number = L2_GRID[0];
  let bestAuc = -1;
  for (const candidate of L2_GRID) {
    const value = crossValidated(folds, { l2: candidate, features: varying });
    if (value > bestAuc) {
      bestAuc = value;
      l2 = candidate;
    }
  }
  let features = [...varying];
  const dropped: FeatureName[] = [];
  for (;;) {
    let bestDrop: FeatureName | undefined;
    let bestValue = bestAuc + MIN_GAIN;
    for (const name of features) {
      const value = crossValidated(folds, { l2, features: features.filter((f) => f !== name) });
      if (value >= bestValue) {
        bestValue = value;
        bestDrop = name;
      }
    }
    if (bestDrop === undefined || features.length <= 2) break;
    features = features.filter((f) => f !== bestDrop);
    dropped.push(bestDrop);
    bestAuc = bestValue;
  }
  return { l2, features, dropped, cvAuc: bestAuc };
}

/** Options of {@link evaluateRisk}. */
export interface EvaluateOptions {
  readonly resamples?: number;
  readonly seed?: number;
}

/**
 * Trains on invoices issued before the 80th percentile of issue date, tests on the rest.
 * Each invoice is scored as of the start of its issue day; its customer's history counts only
 * invoices settled before that day.
 *
 * @example
 * ```ts
 * const result = evaluateRisk('/path/to/invoices.csv');
 * console.log(result.auc);
 * ```
 */
export function evaluateRisk(path: string, options: EvaluateOptions = {}): RiskEvaluation {
  const rows = loadIbmInvoices(path);
  const customers = byCustomer(rows);
  const [train, test, cutoffDate] = temporalSplit(rows);
  // Everything known when training ends: the test period never reaches the prior or the amounts.
  const context = contextAt(train, cutoffDate);
  const trainSet = featurize(train, customers, context);
  const selection = selectModel(rollingFolds(train, customers), trainSet);
  const model = trainRiskModel(trainSet.examples, { l2: selection.l2, features: selection.features });
  const testSet = featurize(test, customers, context);
  const p = predict(model, testSet);
  const y = testSet.labels;
  const base = Float64Array.from(testSet.examples, (e) => e.features.lateShare);
  const mean = (v: ArrayLike<number>): number => {
    let total = 0;
    for (let k = 0; k < v.length; k++) total += v[k]!;
    return total / v.length;
  };
  return {
    rows: rows.length,
    cutoffDate,
    train: { count: train.length, lateShare: train.filter((r) => r.daysLate > 0).length / train.length },
    test: { count: test.length, lateShare: mean(y) },
    auc: auc(p, y),
    aucInterval: bootstrapAuc(p, y, { resamples: options.resamples ?? 1000, seed: options.seed ?? 20_240_601 }),
    brier: brier(p, y),
    meanPredicted: mean(p),
    calibration: calibrationTable(p, y),
    baselineAuc: auc(base, y),
    selection,
    model,
  };
}

/**
 * Renders an evaluation as text.
 *
 * @example
 * ```ts
 * console.log(formatEvaluation(evaluateRisk(path)));
 * ```
 */
export function formatEvaluation(e: RiskEvaluation): string {
  const f3 = (x: number): string => x.toFixed(3);
  const lines = [
    `IBM AR sample: ${e.rows} invoices; temporal split at issue date ${e.cutoffDate}`,
    `train: ${e.train.count} invoices, late share ${f3(e.train.lateShare)}; test: ${e.test.count} invoices, late share ${f3(e.test.lateShare)}`,
    `selected on the training period only (4 rolling-origin folds): L2 ${e.selection.l2}, cross-validated AUC ${f3(e.selection.cvAuc)}, dropped ${e.selection.dropped.join(', ') || 'nothing'}`,
    `AUC ${e.auc.toFixed(4)} (bootstrap 95% interval ${f3(e.aucInterval.low)}-${f3(e.aucInterval.high)}); prior late share alone ${f3(e.baselineAuc)}`,
    `Brier ${f3(e.brier)}; mean predicted ${f3(e.meanPredicted)} vs observed ${f3(e.test.lateShare)} (gap ${f3(Math.abs(e.meanPredicted - e.test.lateShare))})`,
    `calibration (${e.model.calibration.method}, slope ${f3(e.model.calibration.slope)}, offset ${f3(e.model.calibration.offset)}):`,
    '  decile  count  mean predicted  observed',
    ...e.calibration.map(
      (r) =>
        `  ${String(r.decile).padStart(6)}  ${String(r.count).padStart(5)}  ${f3(r.meanPredicted).padStart(14)}  ${f3(r.observed).padStart(8)}`,
    ),
    'weights (standardised):',
    ...FEATURE_NAMES.map((n, i) => `  ${n.padEnd(22)} ${e.model.weights[i]!.toFixed(3)}`).filter((_, i) => e.model.weights[i] !== 0),
  ];
  return lines.join('\n');
}
