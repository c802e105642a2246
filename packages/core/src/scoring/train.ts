/**
 * Fitting the risk model to a user's own settled invoices: L2-regularised logistic regression by
 * Newton's method (IRLS) on standardised features, then Platt scaling fitted on the most recent
 * examples. No randomness: the same examples always give identical weights.
 *
 * @module
 */
import { toEpochDay } from '../calendar/day.js';
import { DueflowError, describeValue } from '../errors.js';
import { FEATURE_COUNT, FEATURE_NAMES, featureVector, type FeatureName, type RiskFeatures } from './features.js';
import type { RiskLabel, RiskModel } from './model.js';

/** One settled invoice to learn from: its features at scoring time and how late it was paid. */
export interface TrainingExample {
  /** Features as of the moment the invoice would have been scored (e.g. its issue date). */
  readonly features: RiskFeatures;
  /** Days after the due date the invoice was settled (0 or negative when on time). */
  readonly daysLate: number;
  /** Issue date `YYYY-MM-DD`; orders examples so calibration is fitted on the most recent ones. */
  readonly issueDate?: string;
}

/** Options of {@link trainRiskModel}. */
export interface TrainRiskModelOptions {
  /**
   * What counts as late.
   * @default { kind: 'paid-after-due' }
   */
  readonly label?: RiskLabel;
  /**
   * L2 penalty on the standardised weights (not on the intercept).
   * @default 1
   */
  readonly l2?: number;
  /**
   * Newton iterations at most.
   * @default 30
   */
  readonly maxIterations?: number;
  /**
   * Platt scaling fitted on a hold-out of the most recent examples, or none.
   * @default 'platt'
   */
  readonly calibration?: 'platt' | 'none';
  /**
   * Inputs the model may use; the others get weight 0. Restricting inputs helps with little
   * data, where noisy inputs cost more than they bring.
   * @default FEATURE_NAMES (all)
   */
  readonly features?: readonly FeatureName[];
  /**
   * Half-life in days of the examples' weights by issue date, counted back from the most recent
   * example, so that recent payment behaviour counts more when habits drift. No weighting when
   * absent or when an example has no `issueDate`.
   * @default undefined
   */
  readonly recencyHalfLifeDays?: number;
  /**
   * Share of the most recent examples held out to fit the calibration.
   * @default 0.2
   */
  readonly calibrationShare?: number;
}

/**
 * Whether a settled invoice counts as late under a label.
 *
 * @example
 * ```ts
 * isLate(3, { kind: 'paid-after-due' });               // true
 * isLate(3, { kind: 'not-paid-within', days: 30 });    // false
 * ```
 */
export function isLate(daysLate: number, label: RiskLabel): boolean {
  return label.kind === 'paid-after-due' ? daysLate > 0 : daysLate > label.days;
}

interface Fit {
  intercept: number;
  weights: Float64Array;
  iterations: number;
}

/** Solves `A x = b` for a symmetric positive-definite `A` (row-major, n×n) by Cholesky. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * Newton's method for L2-regularised logistic regression. `z` holds `rows` standardised rows of
 * `d` values, `y` the labels and `sw` the sample weights; the intercept is the extra parameter at
 * index `d` and is not penalised.
 */
function fitLogistic(
  data: { readonly z: Float64Array; readonly y: Uint8Array; readonly sw: Float64Array; readonly rows: number; readonly d: number },
  options: { readonly l2: number; readonly maxIterations: number },
): Fit {
  const { z, y, sw, rows, d } = data;
  const { l2, maxIterations } = options;
  const n = d + 1;
  const beta = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += y[i]!;
  const base = Math.min(Math.max(positives / rows, 1e-6), 1 - 1e-6);
  beta[d] = Math.log(base / (1 - base));
  const h = new Float64Array(n * n);
  const g = new Float64Array(n);
  let iterations = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    iterations = iter + 1;
    h.fill(0);
    g.fill(0);
    for (let r = 0; r < rows; r++) {
      const off = r * d;
      let eta = beta[d]!;
      for (let j = 0; j < d; j++) eta += beta[j]! * z[off + j]!;
      const p = 1 / (1 + Math.exp(-eta));
      const sr = sw[r]!;
      const w = sr * Math.max(p * (1 - p), 1e-10);
      const resid = sr * (y[r]! - p);
      for (let j = 0; j < d; j++) {
        const zj = z[off + j]!;
        if (zj === 0) continue;
        g[j] = g[j]! + resid * zj;
        const wz = w * zj;
        const row = j * n;
        for (let k = 0; k <= j; k++) h[row + k] = h[row + k]! + wz * z[off + k]!;
        h[row + d] = h[row + d]! + wz;
      }
      g[d] = g[d]! + resid;
      h[d * n + d] = h[d * n + d]! + w;
    }
    for (let j = 0; j < d; j++) {
      g[j] = g[j]! - l2 * beta[j]!;
      h[j * n + j] = h[j * n + j]! + l2;
    }
    // Only the lower triangle and the intercept column were accumulated; mirror them.
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) h[k * n + j] = h[j * n + k]!;
      h[d * n + j] = h[j * n + d]!;
    }
    const step = solveSpd(h, g, n);
    let largest = 0;
    for (let j = 0; j < n; j++) {
      beta[j] = beta[j]! + step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-9) break;
  }
  return { intercept: beta[d]!, weights: beta.subarray(0, d), iterations };
}

/** Platt scaling: fits `σ(slope × s + offset)` to labels, with Platt's smoothed targets. */
function fitPlatt(scores: Float64Array, y: Uint8Array): { slope: number; offset: number } {
  let pos = 0;
  for (const v of y) pos += v;
  const neg = y.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-9;
    let h01 = 0;
    let h11 = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const t = y[i] === 1 ? hi : lo;
      const w = Math.max(p * (1 - p), 1e-12);
      g0 += (t - p) * s;
      g1 += t - p;
      h00 += w * s * s;
      h01 += w * s;
      h11 += w;
    }
    const det = h00 * h11 - h01 * h01;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { slope: a, offset: b };
}

interface Standardised {
  z: Float64Array;
  means: number[];
  scales: number[];
}

function standardise(x: Float64Array, rows: number, d: number, used: readonly boolean[]): Standardised {
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) means[j]! += x[r * d + j]!;
  for (let j = 0; j < d; j++) means[j] = means[j]! / rows;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) {
      const dev = x[r * d + j]! - means[j]!;
      scales[j]! += dev * dev;
    }
  }
  // A constant input gets scale 1: its standardised value is always 0, so its weight stays 0.
  for (let j = 0; j < d; j++) scales[j] = rows > 0 && scales[j]! / rows > 1e-18 ? Math.sqrt(scales[j]! / rows) : 1;
  const z = new Float64Array(rows * d);
  // An unused input stays 0 once standardised, so its weight stays 0.
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) z[r * d + j] = used[j] === true ? (x[r * d + j]! - means[j]!) / scales[j]! : 0;
  return { z, means, scales };
}

/**
 * Fits a {@link RiskModel} to settled invoices, deterministically.
 *
 * 1. Inputs are standardised (mean 0, standard deviation 1 over the examples).
 * 2. L2-regularised logistic regression is fitted by Newton's method (IRLS) until the largest
 *    step is below 1e-9 or `maxIterations`.
 * 3. With `calibration: 'platt'`, the same fit is repeated on the older examples and Platt
 *    scaling (`σ(slope × logit + offset)`, smoothed targets) is fitted on the most recent
 *    `calibrationShare`; slope and offset are folded into the final model's weights and intercept,
 *    so explanations still add up to the logit that gives the calibrated probability.
 *
 * Throws a `VALIDATION` error with fewer than 10 examples or when every example has the same label.
 *
 * @example
 * ```ts
 * const model = trainRiskModel(settled.map((s) => ({ features: riskFeatures(s.input, s.issuedAt), daysLate: s.daysLate, issueDate: s.issueDate })));
 * scoreRisk(riskFeatures(input, now), model).probability;
 * ```
 */
export function trainRiskModel(history: readonly TrainingExample[], options: TrainRiskModelOptions = {}): RiskModel {
  const label = options.label ?? { kind: 'paid-after-due' };
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 30;
  if (!(l2 > 0)) throw new DueflowError('VALIDATION', `l2: must be positive, got ${describeValue(l2)}`);
  const rows = history.length;
  if (rows < 10) throw new DueflowError('VALIDATION', `history: at least 10 settled invoices are needed to train, got ${rows}`);
  // Oldest first, so the calibration hold-out is the most recent slice; a stable sort keeps ties in input order.
  const dated = history.every((e) => e.issueDate !== undefined);
  const ordered = dated ? [...history].sort((a, b) => (a.issueDate! < b.issueDate! ? -1 : a.issueDate! > b.issueDate! ? 1 : 0)) : history;
  const d = FEATURE_COUNT;
  const x = new Float64Array(rows * d);
  const y = new Uint8Array(rows);
  const row = new Float64Array(d);
  let positives = 0;
  ordered.forEach((e, r) => {
    featureVector(e.features, row);
    x.set(row, r * d);
    y[r] = isLate(e.daysLate, label) ? 1 : 0;
    positives += y[r]!;
  });
  const sw = new Float64Array(rows).fill(1);
  const halfLife = options.recencyHalfLifeDays;
  if (halfLife !== undefined && dated) {
    const last = toEpochDay(ordered[rows - 1]!.issueDate!);
    ordered.forEach((e, r) => {
      sw[r] = 0.5 ** ((last - toEpochDay(e.issueDate!)) / halfLife);
    });
  }
  if (positives === 0 || positives === rows) {
    throw new DueflowError(
      'VALIDATION',
      `history: every example is ${positives === 0 ? 'on time' : 'late'}; both outcomes are needed to train`,
    );
  }

  const allowed = new Set<string>(options.features ?? FEATURE_NAMES);
  for (const name of allowed) {
    if (!(FEATURE_NAMES as readonly string[]).includes(name))
      throw new DueflowError('VALIDATION', `features: unknown input ${describeValue(name)}`);
  }
  const used = FEATURE_NAMES.map((n) => allowed.has(n));
  const all = standardise(x, rows, d, used);
  const fit = fitLogistic({ z: all.z, y, sw, rows, d }, { l2, maxIterations });
  let calibration: RiskModel['calibration'] = { method: 'none', slope: 1, offset: 0 };
  const holdout = Math.floor(rows * (options.calibrationShare ?? 0.2));
  const older = rows - holdout;
  if ((options.calibration ?? 'platt') === 'platt' && holdout >= 20 && older >= 10) {
    const yOld = y.subarray(0, older);
    const yNew = y.subarray(older);
    const mixed = (v: Uint8Array): boolean => v.includes(0) && v.includes(1);
    if (mixed(yOld) && mixed(yNew)) {
      const early = standardise(x.subarray(0, older * d), older, d, used);
      const earlyFit = fitLogistic({ z: early.z, y: yOld, sw: sw.subarray(0, older), rows: older, d }, { l2, maxIterations });
      const scores = new Float64Array(holdout);
      for (let r = 0; r < holdout; r++) {
        let eta = earlyFit.intercept;
        for (let j = 0; j < d; j++) eta += earlyFit.weights[j]! * ((x[(older + r) * d + j]! - early.means[j]!) / early.scales[j]!);
        scores[r] = eta;
      }
      const platt = fitPlatt(scores, yNew);
      calibration = { method: 'platt', slope: platt.slope, offset: platt.offset };
    }
  }
  return {
    version: 1,
    label,
    features: FEATURE_NAMES,
    intercept: calibration.slope * fit.intercept + calibration.offset,
    weights: Array.from(fit.weights, (w) => calibration.slope * w),
    means: all.means,
    scales: all.scales,
    calibration,
    source: 'trained',
    training: { examples: rows, positives, iterations: fit.iterations, l2 },
  };
}
