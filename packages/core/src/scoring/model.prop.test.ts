import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../metrics/aging.js';
import { FEATURE_COUNT, featureVector, type RiskFeatures } from './features.js';
import { DEFAULT_RISK_MODEL, riskLogit, scoreRisk, type RiskModel } from './model.js';

const share = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const count = fc.integer({ min: 0, max: 40 });

const featuresArb: fc.Arbitrary<RiskFeatures> = fc.record({
  daysPastDue: fc.integer({ min: -60, max: 400 }),
  agingBucket: fc.constantFrom(...AGING_BUCKETS),
  outstanding: fc.record({ amount: fc.integer({ min: 0, max: 1e12 }), currency: fc.constant('EUR') }),
  amountRatio: fc.double({ min: 0, max: 100, noNaN: true }),
  portfolioAmountRatio: fc.double({ min: 0, max: 100, noNaN: true }),
  priorInvoices: count,
  lateShare: share,
  averageDaysLate: fc.double({ min: 0, max: 120, noNaN: true }),
  averageDelay: fc.double({ min: -60, max: 120, noNaN: true }),
  delayLateProbability: share,
  recentLateShare: share,
  channelLateShare: share,
  lastPaidLate: fc.boolean(),
  otherOpen: count,
  otherOverdue: count,
  brokenPromises: count,
  keptPromises: count,
  openDisputes: count,
  planArrears: count,
  ignoredMessages: count,
  replied: fc.boolean(),
  daysSinceLastPayment: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
  sentiment: fc.double({ min: -5, max: 5, noNaN: true }),
  mentionsDispute: fc.boolean(),
  cashFlowTrouble: fc.boolean(),
  insolvency: fc.boolean(),
  claimsAlreadyPaid: fc.boolean(),
  paperBilling: fc.boolean(),
});

const vector = (min: number, max: number) =>
  fc.array(fc.double({ min, max, noNaN: true }), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT });
const modelArb: fc.Arbitrary<RiskModel> = fc
  .tuple(fc.double({ min: -5, max: 5, noNaN: true }), vector(-3, 3), vector(-10, 10), vector(0.05, 20))
  .map(([intercept, weights, means, scales]) => ({ ...DEFAULT_RISK_MODEL, intercept, weights, means, scales, source: 'trained' as const }));

describe('risk attributions', () => {
  it('add up: baseline plus contributions equals the logit exactly', () => {
    fc.assert(
      fc.property(featuresArb, modelArb, (features, model) => {
        const risk = scoreRisk(features, model);
        let total = risk.baseline;
        for (const c of risk.contributions) total += c.contribution;
        expect(total).toBe(risk.logit);
        expect(riskLogit(model, featureVector(features))).toBe(risk.logit);
        expect(risk.probability).toBe(1 / (1 + Math.exp(-risk.logit)));
      }),
      { numRuns: 500 },
    );
  });

  it('explains with the three largest contributions, each a signed sentence', () => {
    fc.assert(
      fc.property(featuresArb, (features) => {
        const risk = scoreRisk(features);
        const largest = [...risk.contributions].map((c) => Math.abs(c.contribution)).sort((a, b) => b - a);
        expect(risk.topFactors.length).toBeLessThanOrEqual(3);
        risk.topFactors.forEach((f, i) => {
          expect(Math.abs(f.contribution)).toBe(largest[i]);
          expect(f.sentence).toMatch(f.contribution > 0 ? /^risk raised by: / : /^risk lowered by: /);
        });
        expect(risk.score).toBe(Math.round(risk.probability * 100));
      }),
      { numRuns: 300 },
    );
  });
});
