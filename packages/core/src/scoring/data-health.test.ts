import { describe, expect, it } from 'vitest';
import { DataHealthError, DueflowError } from '../errors.js';
import { assessDataHealth, requireDataHealth, type DataHealthReport } from './data-health.js';
import { scoreInvoices } from './score-invoices.js';
import type { RiskInput } from './features.js';
import type { Invoice } from '../model/invoice.js';

const good = (i: number): Invoice => ({
  id: `i${i}`,
  number: `I-${i}`,
  customerId: `c${i % 3}`,
  issueDate: '2025-01-01',
  dueDate: '2025-01-31',
  total: { amount: 10_000 + i, currency: 'USD' },
  status: 'open',
});

describe('assessDataHealth', () => {
  it('counts missing and invalid values per field', () => {
    const rows: unknown[] = [
      good(1),
      good(2),
      { ...good(3), dueDate: undefined },
      { ...good(4), dueDate: '2024-12-01' }, // before the issue date
      { ...good(5), total: { amount: 12.5, currency: 'USD' } },
      { ...good(6), total: { amount: 100, currency: 'usd' } },
      null,
      'not a row',
    ];
    const report = assessDataHealth(rows, { threshold: 0.1 });
    const field = (name: string) => report.fields.find((f) => f.field === name)!;
    expect(report.rows).toBe(8);
    expect(field('dueDate')).toMatchObject({ missing: 3, invalid: 1, share: 4 / 8, examples: [2, 3, 6] });
    expect(field('total.amount')).toMatchObject({ missing: 2, invalid: 1, share: 3 / 8 });
    expect(field('total.currency')).toMatchObject({ missing: 2, invalid: 1 });
    expect(field('id')).toMatchObject({ missing: 2, invalid: 0, share: 2 / 8 });
    expect(report.ok).toBe(false);
    expect(report.failing).toContain('dueDate');
  });

  it('passes clean data and an empty list', () => {
    expect(assessDataHealth(Array.from({ length: 20 }, (_, i) => good(i))).ok).toBe(true);
    expect(assessDataHealth([]).ok).toBe(true);
  });

  it('allows up to the threshold, not beyond', () => {
    const rows: unknown[] = Array.from({ length: 10 }, (_, i) => good(i));
    rows[0] = { ...good(0), issueDate: 'soon' };
    expect(assessDataHealth(rows, { threshold: 0.1 }).ok).toBe(true); // exactly 10%
    rows[1] = { ...good(1), issueDate: '' };
    // A bad issue date does not make the due date invalid too: only the field itself is blamed.
    expect(assessDataHealth(rows, { threshold: 0.1 }).failing).toEqual(['issueDate']);
  });

  it('checks history rows, including the settlement instant', () => {
    const report = assessDataHealth([good(1)], {
      history: [{ id: 'h', issueDate: '2024-01-01', dueDate: '2024-01-31', total: { amount: 1, currency: 'USD' }, settledAt: 'last week' }],
    });
    expect(report.failing).toEqual(['history.settledAt']);
  });
});

describe('requireDataHealth and scoreInvoices', () => {
  it('refuse with a DATA_HEALTH error carrying the report', () => {
    const rows = [good(1), { ...good(2), customerId: '' }, { ...good(3), customerId: undefined }];
    let caught: unknown;
    try {
      requireDataHealth(rows);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DataHealthError);
    expect(caught).toBeInstanceOf(DueflowError);
    const error = caught as DataHealthError<DataHealthReport>;
    expect(error.code).toBe('DATA_HEALTH');
    expect(error.report.failing).toEqual(['customerId']);
    expect(error.message).toMatch(/customerId 66\.7% missing or invalid/);
  });

  it('scoreInvoices refuses unhealthy inputs before scoring anything', () => {
    const inputs = [{ invoice: good(1) }, { invoice: { ...good(2), total: undefined } as unknown as Invoice }];
    expect(() => scoreInvoices(inputs, '2025-02-15T00:00:00Z')).toThrow(DataHealthError);
  });

  it('scoreInvoices scores healthy inputs and lists the few bad rows it skipped', () => {
    const inputs: RiskInput[] = Array.from({ length: 20 }, (_, i) => ({ invoice: good(i) }));
    inputs[5] = { invoice: { ...good(5), dueDate: 'tomorrow' } };
    const result = scoreInvoices(inputs, '2025-02-15T00:00:00Z');
    expect(result.skipped).toEqual([5]);
    expect(result.scores).toHaveLength(19);
    expect(result.scores[0]!.invoiceId).toBe('i0');
    for (const s of result.scores) expect(s.risk.probability).toBeGreaterThan(0);
  });
});
