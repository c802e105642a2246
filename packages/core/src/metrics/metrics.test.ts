import { describe, expect, it } from 'vitest';
import { agingBucket, agingReport } from './aging.js';
import { collectionRate, promiseKeptRate, sharePaidBeforeDue } from './collection.js';
import { averageDaysDelinquent, bestPossibleDso, collectionEffectivenessIndex, countbackDso, dso, receivablesSummary } from './dso.js';
import { LEDGER, PROMISE_ACTIVITIES, PROMISE_RECORDS } from './metrics.fixture.js';
import { metricsTrend, trendPeriods } from './trend.js';

const MARCH = { start: '2025-03-01', end: '2025-03-31' };
const value = (list: readonly { currency: string; value: number | null }[], currency: string) =>
  list.find((v) => v.currency === currency)?.value;

describe('receivables over March (hand-computed in docs/metrics.md)', () => {
  it('summarises receivables per currency, leaving out void invoices and failed payments', () => {
    expect(receivablesSummary(LEDGER, MARCH)).toEqual([
      { currency: 'EUR', days: 31, openingReceivables: 0, receivables: 0, currentReceivables: 0, creditSales: 80_000 },
      // Opening: I7 25,000 + I0 70,000 + I1 60,000 + I2 200,000; closing: I7, I0, I2, I4 150,000 and I5 40,000.
      { currency: 'USD', days: 31, openingReceivables: 355_000, receivables: 485_000, currentReceivables: 150_000, creditSales: 500_000 },
    ]);
  });

  it('DSO = receivables / credit sales × days', () => {
    expect(value(dso(LEDGER, MARCH), 'USD')).toBeCloseTo((485_000 / 500_000) * 31, 12); // 30.07
    expect(value(dso(LEDGER, MARCH), 'EUR')).toBe(0);
  });

  it('best possible DSO = current receivables / credit sales × days', () => {
    expect(value(bestPossibleDso(LEDGER, MARCH), 'USD')).toBeCloseTo(9.3, 12);
  });

  it('ADD = DSO − best possible DSO', () => {
    expect(value(averageDaysDelinquent(LEDGER, MARCH), 'USD')).toBeCloseTo(30.07 - 9.3, 10);
  });

  it('CEI = (opening + sales − closing) / (opening + sales − current) × 100', () => {
    expect(value(collectionEffectivenessIndex(LEDGER, MARCH), 'USD')).toBeCloseTo((370_000 / 705_000) * 100, 10); // 52.48
    expect(value(collectionEffectivenessIndex(LEDGER, MARCH), 'EUR')).toBe(100);
  });

  it('gives null rather than dividing by zero', () => {
    const april = { start: '2025-04-01', end: '2025-04-30' };
    expect(value(dso(LEDGER, april), 'USD')).toBeNull();
    expect(() => dso(LEDGER, { start: '2025-03-31', end: '2025-03-01' })).toThrow(/period/);
  });
});

describe('countbackDso', () => {
  it('counts back within the current month when its sales cover the receivables', () => {
    expect(value(countbackDso(LEDGER, '2025-03-31'), 'USD')).toBeCloseTo((485_000 / 500_000) * 31, 12);
  });

  it('walks into earlier months for the rest', () => {
    // AR at 15 March 635,000; March 1-15 sales 350,000 (15 days); the rest 285,000 of February's 300,000 (28 days).
    expect(value(countbackDso(LEDGER, '2025-03-15'), 'USD')).toBeCloseTo(15 + (285_000 / 300_000) * 28, 12); // 41.6
  });
});

describe('agingReport', () => {
  it('puts open balances in buckets by days past due, exactly', () => {
    const reports = agingReport(LEDGER, '2025-03-31');
    // EUR is fully paid, so only USD has open balances.
    expect(reports.map((r) => r.currency)).toEqual(['USD']);
    const usd = reports[0]!;
    expect(usd).toEqual({
      currency: 'USD',
      buckets: { current: 150_000, '1-30': 240_000, '31-60': 0, '61-90': 70_000, '90+': 25_000 },
      counts: { current: 1, '1-30': 2, '31-60': 0, '61-90': 1, '90+': 1 },
      total: 485_000,
    });
  });

  it('reads balances as they were on the day, and ignores invoices not yet issued', () => {
    const reports = agingReport(LEDGER, '2025-03-15');
    expect(reports.map((r) => r.currency)).toEqual(['EUR', 'USD']);
    // I1 paid on 10 March; I2, I3 and I5 (net of its credit) not yet due; I4 not yet issued.
    expect(reports[1]!.buckets).toEqual({ current: 540_000, '1-30': 0, '31-60': 0, '61-90': 70_000, '90+': 25_000 });
    expect(reports[0]!.buckets.current).toBe(80_000);
  });

  it('bounds the buckets at 0, 30, 60 and 90 days', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual(['current', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+']);
  });
});

describe('collection outcomes', () => {
  it('collection rate within 60 days of issue', () => {
    expect(collectionRate(LEDGER, { start: '2025-02-01', end: '2025-02-28' })).toEqual([
      { currency: 'USD', invoices: 2, collectible: 300_000, collected: 100_000, rate: 1 / 3 },
    ]);
    const march = collectionRate(LEDGER, MARCH).find((r) => r.currency === 'USD')!;
    expect(march).toEqual({ currency: 'USD', invoices: 3, collectible: 490_000, collected: 300_000, rate: 300_000 / 490_000 });
    expect(collectionRate(LEDGER, { start: '2025-02-01', end: '2025-02-28' }, { withinDays: 20 })[0]!.rate).toBeCloseTo(
      40_000 / 300_000,
      12,
    );
  });

  it('share paid by the due date among invoices settled in the period', () => {
    // I1 settled 10 March (due 3 March): late; I3 on 25 March (due 4 April) and E1 on its due date: on time.
    expect(sharePaidBeforeDue(LEDGER, MARCH)).toEqual({ settled: 3, onTime: 2, share: 2 / 3 });
  });

  it('promise-kept rate from activities, then records', () => {
    expect(promiseKeptRate({ activities: PROMISE_ACTIVITIES, promises: PROMISE_RECORDS }, MARCH)).toEqual({
      kept: 2,
      partiallyKept: 1,
      broken: 1,
      total: 4,
      rate: 0.5,
    });
    expect(promiseKeptRate({}, MARCH)).toEqual({ kept: 0, partiallyKept: 0, broken: 0, total: 0, rate: null });
  });
});

describe('metricsTrend', () => {
  it('splits the range into clipped months and ISO weeks', () => {
    expect(trendPeriods('2025-01-15', '2025-03-10', 'month')).toEqual([
      { start: '2025-01-15', end: '2025-01-31' },
      { start: '2025-02-01', end: '2025-02-28' },
      { start: '2025-03-01', end: '2025-03-10' },
    ]);
    expect(trendPeriods('2025-03-01', '2025-03-12', 'week')).toEqual([
      { start: '2025-03-01', end: '2025-03-02' },
      { start: '2025-03-03', end: '2025-03-09' },
      { start: '2025-03-10', end: '2025-03-12' },
    ]);
  });

  it('gives the same values as the single-period metrics', () => {
    const series = metricsTrend(LEDGER, {
      from: '2025-02-01',
      to: '2025-03-31',
      promises: { activities: PROMISE_ACTIVITIES, promises: PROMISE_RECORDS },
    });
    expect(series.map((p) => p.period)).toEqual([{ start: '2025-02-01', end: '2025-02-28' }, MARCH]);
    const usd = series[1]!.currencies.find((c) => c.currency === 'USD')!;
    expect(usd.dso).toBeCloseTo(30.07, 10);
    expect(usd.bestPossibleDso).toBeCloseTo(9.3, 10);
    expect(usd.averageDaysDelinquent).toBeCloseTo(20.77, 10);
    expect(usd.cei).toBeCloseTo((370_000 / 705_000) * 100, 10);
    expect(usd.collectionRate).toBeCloseTo(300_000 / 490_000, 12);
    expect(series[1]!.paidBeforeDue.share).toBeCloseTo(2 / 3, 12);
    expect(series[1]!.promises.rate).toBe(0.5);
    expect(series[0]!.currencies.map((c) => c.currency)).toEqual(['USD']);
  });
});
