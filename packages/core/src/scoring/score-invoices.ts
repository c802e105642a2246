/**
 * Scoring many invoices at once, behind the data-health gate.
 *
 * @module
 */
import { isScorableInvoice, isUsableHistory, requireDataHealth, type DataHealthReport } from './data-health.js';
import { riskFeatures, type AsOf, type RiskFeatureOptions, type RiskFeatures, type RiskInput } from './features.js';
import { DEFAULT_RISK_MODEL, scoreRisk, type RiskModel, type RiskScore } from './model.js';

/** Options of {@link scoreInvoices}. */
export interface ScoreInvoicesOptions {
  /**
   * The model to score with.
   * @default DEFAULT_RISK_MODEL
   */
  readonly model?: RiskModel;
  /**
   * Options of {@link riskFeatures} (prior, prior strength...).
   * @default {}
   */
  readonly features?: RiskFeatureOptions;
  /**
   * Largest share of rows that may miss or garble a required field before scoring refuses.
   * @default 0.1
   */
  readonly threshold?: number;
}

/** One scored invoice. */
export interface ScoredInvoice {
  readonly invoiceId: string;
  readonly features: RiskFeatures;
  readonly risk: RiskScore;
}

/** What {@link scoreInvoices} returns. */
export interface ScoreInvoicesResult {
  readonly report: DataHealthReport;
  /** Scores, in input order, of the invoices that passed every check. */
  readonly scores: readonly ScoredInvoice[];
  /** Indexes of inputs left out because their invoice failed a check. */
  readonly skipped: readonly number[];
}

/**
 * Checks data health (throwing a `DataHealthError` with the report when a required field is
 * missing or invalid in more than `threshold` of the rows), then scores every healthy invoice.
 * Invoices that fail a check are listed in `skipped`; history rows that fail are ignored.
 *
 * @example
 * ```ts
 * const { scores, skipped } = scoreInvoices(inputs, '2025-03-31T00:00:00Z', { model });
 * ```
 */
export function scoreInvoices(inputs: readonly RiskInput[], asOf: AsOf, options: ScoreInvoicesOptions = {}): ScoreInvoicesResult {
  const history = inputs.flatMap((i) => (Array.isArray(i.history) ? i.history : []));
  const report = requireDataHealth(
    inputs.map((i) => (i as { invoice?: unknown }).invoice),
    { threshold: options.threshold ?? 0.1, history },
  );
  const model = options.model ?? DEFAULT_RISK_MODEL;
  const scores: ScoredInvoice[] = [];
  const skipped: number[] = [];
  inputs.forEach((input, index) => {
    if (!isScorableInvoice(input.invoice)) {
      skipped.push(index);
      return;
    }
    const clean =
      input.history === undefined || input.history.every(isUsableHistory)
        ? input
        : { ...input, history: input.history.filter(isUsableHistory) };
    const features = riskFeatures(clean, asOf, options.features);
    scores.push({ invoiceId: input.invoice.id, features, risk: scoreRisk(features, model) });
  });
  return { report, scores, skipped };
}
