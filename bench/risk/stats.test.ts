import { describe, expect, it } from 'vitest';
import { auc, bootstrapAuc, brier, calibrationTable, seededRandom } from './stats.js';

describe('evaluation statistics', () => {
  it('AUC counts the share of late/on-time pairs ranked right, ties as one half', () => {
    expect(auc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0])).toBe(0);
    // Pairs (late, on time): (0.8, 0.5) right, (0.8, 0.9) wrong, (0.5, 0.5) tie, (0.5, 0.9) wrong: 1.5 / 4.
    expect(auc([0.8, 0.5, 0.5, 0.9], [1, 1, 0, 0])).toBe(0.375);
    expect(Number.isNaN(auc([0.1, 0.2], [1, 1]))).toBe(true);
  });

  it('bootstraps reproducibly from a seed', () => {
    const random = seededRandom(3);
    const p = Array.from({ length: 200 }, () => random());
    const y = p.map((v, i) => (v + ((i * 7919) % 100) / 200 > 0.75 ? 1 : 0));
    const a = bootstrapAuc(p, y, { resamples: 100, seed: 1 });
    expect(bootstrapAuc(p, y, { resamples: 100, seed: 1 })).toEqual(a);
    expect(a.low).toBeLessThanOrEqual(auc(p, y));
    expect(a.high).toBeGreaterThanOrEqual(auc(p, y));
  });

  it('Brier score and calibration deciles', () => {
    expect(brier([0.8, 0.2], [1, 0])).toBeCloseTo(0.04, 12);
    const rows = calibrationTable([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], 2);
    expect(rows).toEqual([
      { decile: 1, count: 2, meanPredicted: 0.15000000000000002, observed: 0 },
      { decile: 2, count: 2, meanPredicted: 0.35, observed: 1 },
    ]);
  });
});
