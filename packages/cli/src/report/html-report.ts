/**
 * The HTML report: one self-contained file (no scripts, fonts, images or styles from elsewhere)
 * with the headline metrics and inline SVG charts of aging and of DSO over time.
 *
 * @module
 */
import { escapeHtml } from '@dueflow/templates';
import { compactMoney, days, percent } from '../format.js';
import type { AgingSummary, PortfolioMetrics } from './portfolio-metrics.js';

/** A DSO series for the line chart. */
export interface DsoLine {
  readonly label: string;
  readonly points: readonly { readonly date: string; readonly dso: number | null }[];
}

/** What {@link renderHtmlReport} shows. */
export interface HtmlReportData {
  readonly title: string;
  /** ISO instant the report was generated for. */
  readonly generatedAt: string;
  readonly metrics: PortfolioMetrics;
  readonly aging: AgingSummary;
  /** One or more DSO lines (e.g. the store's, and a control run's). */
  readonly dso: readonly DsoLine[];
  /** Metrics of a comparison (e.g. the control run), shown next to the main ones. */
  readonly comparison?: { readonly label: string; readonly metrics: PortfolioMetrics };
  /** Paragraphs shown under the title (plain text). */
  readonly notes?: readonly string[];
}

const BUCKET_COLOURS: Record<string, string> = {
  current: '#2e7d32',
  '1-30': '#f9a825',
  '31-60': '#ef6c00',
  '61-90': '#d84315',
  '90+': '#b71c1c',
};
const LINE_COLOURS = ['#1565c0', '#9e9e9e', '#6a1b9a'];

function agingSvg(aging: AgingSummary): string {
  const w = 520;
  const h = 260;
  const left = 90;
  const barArea = w - left - 150;
  const max = Math.max(1, ...aging.buckets.map((b) => b.amount));
  const rowH = (h - 20) / aging.buckets.length;
  const rows = aging.buckets.map((b, i) => {
    const y = 10 + i * rowH;
    const bw = b.amount === 0 ? 0 : Math.max(2, (b.amount / max) * barArea);
    return [
      `<text x="${left - 8}" y="${(y + rowH / 2 + 4).toFixed(1)}" text-anchor="end">${escapeHtml(b.bucket === 'current' ? 'Current' : `${b.bucket} days`)}</text>`,
      `<rect class="bar" data-bucket="${escapeHtml(b.bucket)}" x="${left}" y="${(y + 6).toFixed(1)}" width="${bw.toFixed(1)}" height="${(rowH - 12).toFixed(1)}" fill="${BUCKET_COLOURS[b.bucket] ?? '#555'}"><title>${escapeHtml(`${b.bucket}: ${compactMoney(b.amount, aging.currency)} in ${b.invoices} invoices`)}</title></rect>`,
      `<text x="${(left + bw + 8).toFixed(1)}" y="${(y + rowH / 2 + 4).toFixed(1)}">${escapeHtml(`${compactMoney(b.amount, aging.currency)} (${b.invoices})`)}</text>`,
    ].join('');
  });
  return `<svg id="aging-chart" role="img" aria-label="Aging of open receivables" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${rows.join('')}</svg>`;
}

function dsoSvg(lines: readonly DsoLine[]): string {
  const w = 520;
  const h = 260;
  const pad = { left: 48, right: 16, top: 16, bottom: 40 };
  const dates = [...new Set(lines.flatMap((l) => l.points.map((p) => p.date)))].sort();
  const values = lines.flatMap((l) => l.points.map((p) => p.dso)).filter((v): v is number => v !== null);
  const maxY = Math.max(10, Math.ceil(Math.max(0, ...values) / 10) * 10);
  const x = (date: string): number =>
    pad.left + (dates.length <= 1 ? 0 : (dates.indexOf(date) / (dates.length - 1)) * (w - pad.left - pad.right));
  const y = (v: number): number => h - pad.bottom - (v / maxY) * (h - pad.top - pad.bottom);
  const grid: string[] = [];
  for (let v = 0; v <= maxY; v += maxY / 5) {
    grid.push(
      `<line x1="${pad.left}" x2="${w - pad.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e0e0e0"/><text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(0)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(dates.length / 5));
  // Regular ticks, and the last date, unless a regular tick sits too close to it to read.
  const ticks = dates.filter((_, i) => i === dates.length - 1 || (i % step === 0 && dates.length - 1 - i >= step / 2));
  const xLabels = ticks.map(
    (d) => `<text x="${x(d).toFixed(1)}" y="${h - pad.bottom + 16}" text-anchor="middle">${escapeHtml(d.slice(5))}</text>`,
  );
  const paths = lines.map((line, i) => {
    const pts = line.points.filter((p) => p.dso !== null).map((p) => `${x(p.date).toFixed(1)},${y(p.dso!).toFixed(1)}`);
    const colour = LINE_COLOURS[i % LINE_COLOURS.length]!;
    const dash = i === 0 ? '' : ' stroke-dasharray="6 4"';
    return `<polyline class="dso-line" data-series="${escapeHtml(line.label)}" fill="none" stroke="${colour}" stroke-width="2.5"${dash} points="${pts.join(' ')}"/>`;
  });
  const legend = lines.map(
    (line, i) =>
      `<g transform="translate(${pad.left + i * 220},${h - 8})"><rect width="14" height="4" y="-6" fill="${LINE_COLOURS[i % LINE_COLOURS.length]}"/><text x="20" y="0">${escapeHtml(line.label)}</text></g>`,
  );
  return `<svg id="dso-chart" role="img" aria-label="DSO over time" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${grid.join('')}${xLabels.join('')}${paths.join('')}${legend.join('')}</svg>`;
}

function metricRows(m: PortfolioMetrics, other: PortfolioMetrics | undefined): string {
  const rows: [string, string, (v: PortfolioMetrics) => string][] = [
    ['dso', 'DSO (days)', (v) => days(v.dso)],
    ['cei', 'CEI', (v) => (v.cei === null ? 'n/a' : `${v.cei.toFixed(1)}%`)],
    ['add', 'Average days delinquent', (v) => days(v.averageDaysDelinquent)],
    ['collection-rate', 'Collected within 60 days of issue', (v) => percent(v.collectionRate)],
    ['paid-before-due', 'Invoices paid by their due date', (v) => percent(v.paidBeforeDue)],
    ['receivables', 'Open receivables', (v) => compactMoney(v.receivables, v.currency)],
    ['overdue', 'Of which overdue', (v) => compactMoney(v.overdue, v.currency)],
  ];
  return rows
    .map(
      ([id, label, f]) =>
        `<tr data-metric="${id}"><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(f(m))}</td>${other === undefined ? '' : `<td>${escapeHtml(f(other))}</td>`}</tr>`,
    )
    .join('');
}

/**
 * Renders the report as one HTML document with inline CSS and SVG only, so it opens anywhere,
 * offline, and can be mailed as a single file.
 *
 * @example
 * ```ts
 * const html = renderHtmlReport({ title: 'Receivables', generatedAt: new Date().toISOString(), metrics, aging, dso: [{ label: 'DSO', points }] });
 * await writeFile('report.html', html);
 * ```
 */
export function renderHtmlReport(data: HtmlReportData): string {
  const m = data.metrics;
  const cmp = data.comparison;
  const head = `<tr><th></th><th scope="col">${escapeHtml(cmp === undefined ? `As of ${m.asOf}` : 'With Dueflow')}</th>${cmp === undefined ? '' : `<th scope="col">${escapeHtml(cmp.label)}</th>`}</tr>`;
  const notes = (data.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#212121;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta,.note{color:#616161;font-size:13px;margin:4px 0}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #e0e0e0;border-radius:8px;padding:12px 16px;min-width:150px}
.card .v{font-size:26px;font-weight:600}.card .l{font-size:12px;color:#616161}
table{border-collapse:collapse;font-size:14px}th,td{padding:6px 12px;border-bottom:1px solid #eee;text-align:left}td{text-align:right}
.charts{display:flex;gap:24px;flex-wrap:wrap}
svg text{font-size:12px;fill:#424242;font-family:inherit}
</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">Generated for ${escapeHtml(data.generatedAt)}; amounts in ${escapeHtml(m.currency)}; 30-day window ending ${escapeHtml(m.asOf)}.</p>
${notes}
<div class="cards">
<div class="card" id="dso-value"><div class="v">${escapeHtml(days(m.dso))}</div><div class="l">DSO (days)</div></div>
<div class="card" id="cei-value"><div class="v">${escapeHtml(m.cei === null ? 'n/a' : `${m.cei.toFixed(1)}%`)}</div><div class="l">CEI</div></div>
<div class="card"><div class="v">${escapeHtml(days(m.averageDaysDelinquent))}</div><div class="l">Average days delinquent</div></div>
<div class="card"><div class="v">${escapeHtml(compactMoney(m.receivables, m.currency))}</div><div class="l">Open receivables</div></div>
</div>
<h2>Metrics</h2>
<table id="metrics">${head}${metricRows(m, cmp?.metrics)}</table>
<div class="charts">
<section><h2>Aging on ${escapeHtml(data.aging.asOf)}</h2>${agingSvg(data.aging)}</section>
<section><h2>DSO over time (30-day window)</h2>${dsoSvg(data.dso)}</section>
</div>
</body>
</html>
`;
}
