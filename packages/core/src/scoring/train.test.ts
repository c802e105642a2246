import { describe, expect, it } from 'vitest';
import { fromEpochDay } from '../calendar/day.js';
import type { Invoice } from '../model/invoice.js';
import { FEATURE_NAMES, riskFeatures, type RiskFeatures } from './features.js';
import { riskProbability, scoreRisk } from './model.js';
import { featureVector } from './features.js';
import { isLate, trainRiskModel, type TrainingExample } from './train.js';

const invoice: Invoice = {
  id: 'i1',
  number: 'I-1',
  customerId: 'c1',
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 100_000, currency: 'USD' },
  status: 'open',
};
const blank = riskFeatures({ invoice }, '2025-01-01T00:00:00Z');

/** A small deterministic generator, so the data set is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

/** Lateness driven by the late share and paper billing; other inputs are noise. */
function syntheticHistory(n: number, seed: number): TrainingExample[] {
  const random = lcg(seed);
  return Array.from({ length: n }, (_, i) => {
    const lateShare = 0.05 + 0.9 * random();
    const paperBilling = random() < 0.5;
    const features: RiskFeatures = {
      ...blank,
      lateShare,
      paperBilling,
      sentiment: random() - 0.5,
      priorInvoices: Math.floor(random() * 20),
    };
    const logit = -2 + 5 * lateShare + (paperBilling ? 0.8 : 0);
    const late = random() < 1 / (1 + Math.exp(-logit));
    return {
      features,
      daysLate: late ? 1 + Math.floor(random() * 20) : -Math.floor(random() * 10),
      issueDate: fromEpochDay(19_000 + Math.floor(i / 5)),
    };
  });
}

describe('trainRiskModel', () => {
  const history = syntheticHistory(3000, 7);

  it('is deterministic: the same examples give identical weights', () => {
    const a = trainRiskModel(history);
    const b = trainRiskModel(history.map((e) => ({ ...e })));
    expect(b.weights).toEqual(a.weights);
    for (const [i, w] of a.weights.entries()) expect(Object.is(w, b.weights[i])).toBe(true);
    expect(b.intercept).toBe(a.intercept);
    expect(b.calibration).toEqual(a.calibration);
  });

  it('learns the inputs that drive lateness', () => {
    const model = trainRiskModel(history);
    const weight = (name: (typeof FEATURE_NAMES)[number]) => model.weights[FEATURE_NAMES.indexOf(name)]!;
    expect(weight('lateShare')).toBeGreaterThan(0.8);
    expect(weight('paperBilling')).toBeGreaterThan(0.2);
    expect(Math.abs(weight('sentiment'))).toBeLessThan(0.15);
    // Constant inputs carry no weight.
    expect(weight('openDisputes')).toBe(0);
    expect(model.source).toBe('trained');
    expect(model.training).toMatchObject({ examples: 3000 });
  });

  it('is calibrated on average: mean predicted near the observed late share', () => {
    const model = trainRiskModel(history);
    const fresh = syntheticHistory(2000, 99);
    const mean = fresh.reduce((s, e) => s + riskProbability(model, featureVector(e.features)), 0) / fresh.length;
    const observed = fresh.filter((e) => e.daysLate > 0).length / fresh.length;
    expect(model.calibration.method).toBe('platt');
    expect(Math.abs(mean - observed)).toBeLessThan(0.03);
  });

  it('keeps explanations exact after calibration is folded in', () => {
    const model = trainRiskModel(history);
    const risk = scoreRisk(history[0]!.features, model);
    expect(risk.contributions.reduce((s, c) => s + c.contribution, risk.baseline)).toBe(risk.logit);
  });

  it('uses only the inputs it is allowed', () => {
    const model = trainRiskModel(history, { features: ['lateShare'] });
    FEATURE_NAMES.forEach((name, i) => {
      if (name !== 'lateShare') expect(model.weights[i]).toBe(0);
    });
    expect(model.weights[FEATURE_NAMES.indexOf('lateShare')]).toBeGreaterThan(0.8);
  });

  it('honours the label', () => {
    expect(isLate(3, { kind: 'paid-after-due' })).toBe(true);
    expect(isLate(0, { kind: 'paid-after-due' })).toBe(false);
    expect(isLate(30, { kind: 'not-paid-within', days: 30 })).toBe(false);
    expect(isLate(31, { kind: 'not-paid-within', days: 30 })).toBe(true);
    const model = trainRiskModel(history, { label: { kind: 'not-paid-within', days: 10 } });
    expect(model.label).toEqual({ kind: 'not-paid-within', days: 10 });
    expect(model.training!.positives).toBe(history.filter((e) => e.daysLate > 10).length);
  });

  it('refuses too little data or a single outcome with a typed error', () => {
    expect(() => trainRiskModel(history.slice(0, 5))).toThrow(/at least 10/);
    const allLate = history.slice(0, 50).map((e) => ({ ...e, daysLate: 5 }));
    expect(() => trainRiskModel(allLate)).toThrow(/both outcomes/);
    expect(() => trainRiskModel(history, { l2: 0 })).toThrow(/l2/);
    expect(() => trainRiskModel(history, { features: ['nope' as 'lateShare'] })).toThrow(/unknown input/);
  });
});
