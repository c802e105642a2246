/**
 * Speed of scoring and training, on synthetic data shaped like a real portfolio.
 *
 * What is timed: scoring is `riskProbability(model, vector)` over precomputed feature vectors
 * (one `Float64Array` per invoice, built once before timing, as a nightly job would); training is
 * `trainRiskModel` on settled invoices whose features were computed before timing.
 *
 * @module
 */
import {
  FEATURE_COUNT,
  featureVector,
  riskFeatures,
  riskProbability,
  trainRiskModel,
  type RiskFeatures,
  type RiskModel,
  type TrainingExample,
} from '@dueflow/core/scoring';
import type { Invoice } from '@dueflow/core';
import { performance } from 'node:perf_hooks';
import { seededRandom } from './stats.js';

/** Results of {@link measureSpeed}. */
export interface SpeedResult {
  readonly scored: number;
  readonly scoreMs: number;
  readonly trained: number;
  readonly trainMs: number;
  readonly iterations: number;
}

const invoice: Invoice = {
  id: 'i',
  number: 'I',
  customerId: 'c',
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 100_000, currency: 'USD' },
  status: 'open',
};

function syntheticFeatures(random: () => number, blank: RiskFeatures): { features: RiskFeatures; late: boolean } {
  const lateShare = 0.05 + 0.9 * random();
  const daysPastDue = Math.floor(random() * 120) - 20;
  const features: RiskFeatures = {
    ...blank,
    daysPastDue,
    agingBucket:
      daysPastDue <= 0 ? 'current' : daysPastDue <= 30 ? '1-30' : daysPastDue <= 60 ? '31-60' : daysPastDue <= 90 ? '61-90' : '90+',
    lateShare,
    averageDaysLate: lateShare * 15 * random(),
    averageDelay: lateShare * 20 - 10 + 5 * random(),
    delayLateProbability: Math.min(0.99, Math.max(0.01, lateShare + 0.1 * (random() - 0.5))),
    recentLateShare: Math.min(0.99, Math.max(0.01, lateShare + 0.2 * (random() - 0.5))),
    channelLateShare: lateShare,
    priorInvoices: Math.floor(random() * 40),
    amountRatio: 0.2 + 2 * random(),
    portfolioAmountRatio: 0.2 + 2 * random(),
    otherOpen: Math.floor(random() * 4),
    otherOverdue: Math.floor(random() * 2),
    brokenPromises: random() < 0.1 ? 1 : 0,
    keptPromises: random() < 0.2 ? 1 : 0,
    openDisputes: random() < 0.05 ? 1 : 0,
    ignoredMessages: Math.floor(random() * 3),
    replied: random() < 0.2,
    daysSinceLastPayment: Math.floor(random() * 200),
    sentiment: random() - 0.5,
    cashFlowTrouble: random() < 0.05,
    paperBilling: random() < 0.5,
  };
  const logit = -2.5 + 4 * lateShare + daysPastDue / 40 + (features.paperBilling ? 0.5 : 0) + (features.cashFlowTrouble ? 1 : 0);
  return { features, late: random() < 1 / (1 + Math.exp(-logit)) };
}

/**
 * Settled invoices with synthetic features, lateness driven by the late share, aging, paper
 * billing and cash-flow notes. Deterministic for a seed.
 *
 * @example
 * ```ts
 * const examples = syntheticTrainingSet(50_000);
 * ```
 */
export function syntheticTrainingSet(count: number, seed = 12_345): TrainingExample[] {
  const random = seededRandom(seed);
  const blank = riskFeatures({ invoice }, '2025-01-01T00:00:00Z');
  const examples: TrainingExample[] = [];
  for (let i = 0; i < count; i++) {
    const { features, late } = syntheticFeatures(random, blank);
    examples.push({ features, daysLate: late ? 5 : -3, issueDate: `2024-${String(1 + Math.floor((i / count) * 12)).padStart(2, '0')}-15` });
  }
  return examples;
}

/**
 * `count` precomputed feature vectors (1,000 distinct ones reused cyclically, so memory stays
 * small while every scoring call does the full work).
 *
 * @example
 * ```ts
 * const vectors = syntheticVectors(1_000_000);
 * ```
 */
export function syntheticVectors(count: number, seed = 54_321): Float64Array[] {
  const random = seededRandom(seed);
  const blank = riskFeatures({ invoice }, '2025-01-01T00:00:00Z');
  const distinct = Array.from({ length: 1000 }, () => featureVector(syntheticFeatures(random, blank).features));
  if (distinct[0]!.length !== FEATURE_COUNT) throw new Error('unexpected vector length');
  return Array.from({ length: count }, (_, i) => distinct[i % distinct.length]!);
}

/**
 * Scores every vector into `out`; returns the sum of probabilities (a checksum that keeps the work observable).
 *
 * @example
 * ```ts
 * scoreAll(model, vectors, new Float64Array(vectors.length));
 * ```
 */
export function scoreAll(model: RiskModel, vectors: readonly Float64Array[], out: Float64Array): number {
  for (let i = 0; i < vectors.length; i++) out[i] = riskProbability(model, vectors[i]!);
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i]!;
  return sum;
}

/**
 * Times, once each, scoring `scoreCount` precomputed vectors and training on `trainCount` settled invoices.
 *
 * @example
 * ```ts
 * const r = measureSpeed(1_000_000, 50_000); console.log(r.scoreMs, r.trainMs);
 * ```
 */
export function measureSpeed(scoreCount = 1_000_000, trainCount = 50_000): SpeedResult {
  const examples = syntheticTrainingSet(trainCount);
  const t0 = performance.now();
  const model = trainRiskModel(examples);
  const trainMs = performance.now() - t0;
  const vectors = syntheticVectors(scoreCount);
  const out = new Float64Array(scoreCount);
  const t1 = performance.now();
  const checksum = scoreAll(model, vectors, out);
  const scoreMs = performance.now() - t1;
  if (!Number.isFinite(checksum)) throw new Error('non-finite probability');
  return { scored: scoreCount, scoreMs, trained: trainCount, trainMs, iterations: model.training?.iterations ?? 0 };
}
