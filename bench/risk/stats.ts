/**
 * Evaluation statistics: AUC with a seeded bootstrap interval, Brier score, calibration deciles.
 *
 * @module
 */
import { createRandom } from '../random.js';

/**
 * Uniform draws in `[0, 1)` from the benchmarks' seeded generator, so bootstrap intervals are
 * reproducible.
 *
 * @example
 * ```ts
 * const next = seededRandom(42); next(); // 0.6011...
 * ```
 */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}

/**
 * Area under the ROC curve by the rank-sum (Mann-Whitney) formula; ties count one half.
 *
 * @example
 * ```ts
 * auc([0.9, 0.1], [1, 0]); // 1
 * ```
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let pos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Percentile bootstrap interval of the AUC: `resamples` resamples with replacement.
 *
 * @example
 * ```ts
 * bootstrapAuc(p, y, { resamples: 1000, seed: 20240601 }); // { low: 0.85, high: 0.9 }
 * ```
 */
export function bootstrapAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: { resamples?: number; seed?: number } = {},
): { low: number; high: number } {
  const random = seededRandom(options.seed ?? 20_240_601);
  const resamples = options.resamples ?? 1000;
  const n = scores.length;
  const s = new Float64Array(n);
  const l = new Uint8Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      s[i] = scores[k]!;
      l[i] = labels[k]!;
    }
    const v = auc(s, l);
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return { low: at(0.025), high: at(0.975) };
}

/**
 * Mean squared error of probabilities against 0/1 outcomes.
 *
 * @example
 * ```ts
 * brier([0.8, 0.2], [1, 0]); // 0.04
 * ```
 */
export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/** One row of a calibration table. */
export interface CalibrationRow {
  readonly decile: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observed: number;
}

/**
 * Calibration by deciles of predicted probability: mean predicted vs observed late share.
 *
 * @example
 * ```ts
 * calibrationTable(p, y).forEach((r) => console.log(r.decile, r.meanPredicted, r.observed));
 * ```
 */
export function calibrationTable(p: ArrayLike<number>, y: ArrayLike<number>, groups = 10): CalibrationRow[] {
  const idx = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const rows: CalibrationRow[] = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * idx.length) / groups);
    const to = Math.floor(((g + 1) * idx.length) / groups);
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += p[idx[k]!]!;
      sy += y[idx[k]!]!;
    }
    const count = to - from;
    rows.push({ decile: g + 1, count, meanPredicted: count > 0 ? sp / count : Number.NaN, observed: count > 0 ? sy / count : Number.NaN });
  }
  return rows;
}
