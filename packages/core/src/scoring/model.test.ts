import { describe, expect, it } from 'vitest';
import { riskFeatures } from './features.js';
import { DEFAULT_RISK_MODEL, riskBand, scoreRisk } from './model.js';
import type { Invoice } from '../model/invoice.js';

const invoice: Invoice = {
  id: 'i1',
  number: 'I-1',
  customerId: 'c1',
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 100_000, currency: 'USD' },
  status: 'open',
};

describe('riskBand', () => {
  it('cuts at 0.2, 0.4 and 0.7', () => {
    expect(riskBand(0)).toBe('low');
    expect(riskBand(0.1999)).toBe('low');
    expect(riskBand(0.2)).toBe('medium');
    expect(riskBand(0.4)).toBe('high');
    expect(riskBand(0.6999)).toBe('high');
    expect(riskBand(0.7)).toBe('critical');
  });
});

describe('scoreRisk with the default model', () => {
  it('rates an invoice deep in arrears higher than the same invoice on its due date', () => {
    const fresh = scoreRisk(riskFeatures({ invoice }, '2025-01-31T12:00:00Z'));
    const old = scoreRisk(riskFeatures({ invoice }, '2025-03-20T12:00:00Z'));
    expect(old.probability).toBeGreaterThan(fresh.probability);
    expect(
      old.topFactors.some(
        (f) => f.sentence === 'risk raised by: 31–60 day aging bucket' || f.sentence.startsWith('risk raised by: 48 days past due'),
      ),
    ).toBe(true);
  });

  it('scores a brand-new customer on its due date near the baseline of 30%', () => {
    const risk = scoreRisk(riskFeatures({ invoice }, '2025-01-31T12:00:00Z'));
    expect(risk.baseline).toBe(DEFAULT_RISK_MODEL.intercept);
    expect(risk.probability).toBeGreaterThan(0.1);
    expect(risk.probability).toBeLessThan(0.5);
  });

  it('refuses a model whose weights do not match the features', () => {
    expect(() => scoreRisk(riskFeatures({ invoice }, '2025-02-01T00:00:00Z'), { ...DEFAULT_RISK_MODEL, weights: [1, 2] })).toThrow(
      /expected \d+ weights/,
    );
  });
});
