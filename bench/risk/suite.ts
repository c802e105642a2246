/**
 * Suite `risk`: risk-model speed, and its accuracy on the public IBM accounts-receivable sample.
 *
 * Cases:
 * - `riskProbability`: scoring precomputed feature vectors (1,000,000; 100,000 with `--quick`)
 *   with a trained model; the target is 1,000,000 in under 2 s on one core.
 * - `trainRiskModel`: fitting (Newton/IRLS, then Platt scaling on a hold-out) on 50,000 settled
 *   invoices (10,000 with `--quick`) whose features were computed before timing; the target is
 *   50,000 in under 5 s.
 *
 * The accuracy evaluation (temporal split, issue-time features only) runs once before timing
 * when the sample is found (`DUEFLOW_IBM_AR_CSV`, else the shared default path) and is written
 * as notes.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { trainRiskModel } from '@dueflow/core/scoring';
import { target, type Result, type SuiteContext } from '../harness.js';
import { evaluateRisk } from './evaluation.js';
import { DEFAULT_IBM_AR_CSV } from './ibm.js';
import { scoreAll, syntheticTrainingSet, syntheticVectors } from './speed.js';

/**
 * Suite name.
 *
 * @example
 * ```ts
 * console.log(name); // 'risk'
 * ```
 */
export const name = 'risk';

/**
 * One sentence for the report.
 *
 * @example
 * ```ts
 * console.log(description);
 * ```
 */
export const description = 'Risk scoring of precomputed feature vectors and model training, with accuracy on the IBM AR sample.';

/**
 * Invoices per second scoring must reach (1,000,000 in 2 s).
 *
 * @example
 * ```ts
 * target('opsPerSec', SCORE_TARGET, result.opsPerSec);
 * ```
 */
export const SCORE_TARGET = 500_000;
/**
 * Settled invoices per second training must reach (50,000 in 5 s).
 *
 * @example
 * ```ts
 * target('opsPerSec', TRAIN_TARGET, result.opsPerSec);
 * ```
 */
export const TRAIN_TARGET = 10_000;

/**
 * Evaluates on the IBM sample when present, then times scoring and training.
 *
 * @example
 * ```ts
 * const results = await run(ctx); // riskProbability, trainRiskModel
 * ```
 */
export async function run(ctx: SuiteContext): Promise<readonly Result[]> {
  const csv = process.env.DUEFLOW_IBM_AR_CSV ?? DEFAULT_IBM_AR_CSV;
  if (existsSync(csv)) {
    const e = evaluateRisk(csv, { resamples: ctx.quick ? 200 : 1000 });
    ctx.note(
      `IBM AR sample (${e.rows} invoices), temporal split at ${e.cutoffDate}, issue-time features only, label "paid after due date": ` +
        `AUC ${e.auc.toFixed(4)} (bootstrap 95% ${e.aucInterval.low.toFixed(3)}-${e.aucInterval.high.toFixed(3)}), Brier ${e.brier.toFixed(3)}, ` +
        `mean predicted ${e.meanPredicted.toFixed(3)} vs observed ${e.test.lateShare.toFixed(3)}; the customer's prior late share alone: AUC ${e.baselineAuc.toFixed(3)}.`,
    );
  } else {
    ctx.note(`IBM AR sample not found at ${csv}; accuracy not evaluated (set DUEFLOW_IBM_AR_CSV).`);
  }

  const trainCount = ctx.quick ? 10_000 : 50_000;
  const scoreCount = ctx.quick ? 100_000 : 1_000_000;
  const examples = syntheticTrainingSet(trainCount);
  const model = trainRiskModel(examples);
  const vectors = syntheticVectors(scoreCount);
  const out = new Float64Array(scoreCount);

  const score = await ctx.measure('riskProbability', () => scoreAll(model, vectors, out), {
    ops: scoreCount,
    note: 'riskProbability(model, vector) over precomputed Float64Array feature vectors (features computed before timing).',
  });
  const train = await ctx.measure('trainRiskModel', () => trainRiskModel(examples), {
    ops: trainCount,
    minRunMs: 0,
    note: `trainRiskModel on ${trainCount.toLocaleString('en-US')} settled invoices with precomputed features, Platt calibration included.`,
  });
  return [
    { ...score, targets: [target('opsPerSec', SCORE_TARGET, score.opsPerSec)] },
    { ...train, targets: [target('opsPerSec', TRAIN_TARGET, train.opsPerSec)] },
  ];
}
