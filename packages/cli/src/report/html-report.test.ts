import { describe, expect, it } from 'vitest';
import { agingChart } from './aging-chart.js';
import { renderHtmlReport } from './html-report.js';
import type { AgingSummary, PortfolioMetrics } from './portfolio-metrics.js';

const metrics: PortfolioMetrics = {
  asOf: '2026-03-31',
  currency: 'USD',
  dso: 41.25,
  cei: 78.4,
  averageDaysDelinquent: 9.5,
  collectionRate: 0.62,
  paidBeforeDue: 0.4,
  receivables: 12_345_600,
  overdue: 2_000_000,
};
const aging: AgingSummary = {
  asOf: '2026-03-31',
  currency: 'USD',
  total: 12_345_600,
  buckets: [
    { bucket: 'current', amount: 10_000_000, invoices: 40 },
    { bucket: '1-30', amount: 1_500_000, invoices: 8 },
    { bucket: '31-60', amount: 545_600, invoices: 3 },
    { bucket: '61-90', amount: 0, invoices: 0 },
    { bucket: '90+', amount: 300_000, invoices: 1 },
  ],
};

describe('renderHtmlReport', () => {
  const html = renderHtmlReport({
    title: 'Report <for> "Acme"',
    generatedAt: '2026-04-01T10:00:00Z',
    metrics,
    aging,
    dso: [
      {
        label: 'DSO',
        points: [
          { date: '2026-03-01', dso: 45 },
          { date: '2026-03-15', dso: null },
          { date: '2026-03-31', dso: 41.25 },
        ],
      },
    ],
    notes: ['<script>alert(1)</script>'],
  });

  it('is one self-contained document with two SVG charts and the figures', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('id="aging-chart"');
    expect(html).toContain('id="dso-chart"');
    expect(html.match(/class="bar"/g)).toHaveLength(5);
    expect(html).toContain('class="dso-line"');
    expect(html).toContain('41.3'); // DSO, one decimal
    expect(html).toContain('78.4%'); // CEI
    // No external resources: nothing fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
  });

  it('escapes everything that comes from data', () => {
    expect(html).toContain('Report &lt;for&gt; &quot;Acme&quot;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('agingChart', () => {
  it('draws one bar per bucket, the largest full width', () => {
    const lines = agingChart(aging, { width: 20 }).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('█'.repeat(20));
    expect(lines[3]).not.toContain('█');
    expect(lines[0]).toContain('$100,000');
    expect(lines[4]).toContain('(1 invoices)');
  });
});
