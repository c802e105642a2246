/**
 * `dueflow report [--html <file>]`: the receivables metrics, aging and DSO trend of the store.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { addDays, fromEpochDay } from '@dueflow/core';
import { UsageError } from '../cli-error.js';
import { withStore, type CommandContext } from '../command-context.js';
import { compactMoney, days, percent, table } from '../format.js';
import { agingChart } from '../report/aging-chart.js';
import { renderHtmlReport } from '../report/html-report.js';
import { loadLedger } from '../report/load-ledger.js';
import {
  agingSummary,
  dsoSeries,
  mainCurrency,
  portfolioMetrics,
  type AgingSummary,
  type PortfolioMetrics,
} from '../report/portfolio-metrics.js';

/** What `report` computes. */
export interface ReportResult {
  readonly metrics: PortfolioMetrics;
  readonly aging: AgingSummary;
  readonly dso: readonly { readonly date: string; readonly dso: number | null }[];
  /** Absolute path of the HTML file, when one was written. */
  readonly html?: string;
}

/**
 * Computes the metrics as of the day before "now" (the last complete day) in the main currency,
 * prints them with an aging chart, and with `html` writes a self-contained HTML report.
 *
 * @example
 * ```ts
 * await reportCommand(ctx, { html: 'report.html' });
 * ```
 */
export async function reportCommand(ctx: CommandContext, options: { readonly html?: string }): Promise<ReportResult> {
  if (options.html !== undefined && options.html.trim() === '') throw new UsageError('--html: expected a file name');
  const now = ctx.now();
  const asOf = fromEpochDay(Math.floor(now / 86_400_000) - 1);
  const data = await withStore(ctx, ({ storage }) => loadLedger(storage));
  if (data.invoices.length === 0)
    throw new UsageError(`report: the store has no invoices yet; run "dueflow demo" or "dueflow import <file>" first`);
  const currency = mainCurrency(data);
  const metrics = portfolioMetrics(data, asOf, currency);
  const aging = agingSummary(data, asOf, currency);
  const dso = dsoSeries(data, addDays(asOf, -119), asOf, currency);
  let html: string | undefined;
  if (options.html !== undefined) {
    html = isAbsolute(options.html) ? options.html : resolve(ctx.io.cwd, options.html);
    try {
      await writeFile(
        html,
        renderHtmlReport({
          title: 'Receivables report',
          generatedAt: new Date(now).toISOString(),
          metrics,
          aging,
          dso: [{ label: 'DSO', points: dso }],
        }),
      );
    } catch (error) {
      throw new UsageError(
        `--html: cannot write ${JSON.stringify(options.html)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const result: ReportResult = { metrics, aging, dso, ...(html !== undefined ? { html } : {}) };
  if (ctx.options.json === true) {
    ctx.printJson(result);
    return result;
  }
  const c = ctx.palette;
  ctx.print(c.bold(`Receivables on ${asOf} (${currency}; 30-day window; metrics from @dueflow/core)`));
  ctx.print(
    table([
      ['Metric', '>Value'],
      ['DSO (days)', days(metrics.dso)],
      ['CEI', metrics.cei === null ? 'n/a' : `${metrics.cei.toFixed(1)}%`],
      ['Average days delinquent', days(metrics.averageDaysDelinquent)],
      ['Collected within 60 days of issue', percent(metrics.collectionRate)],
      ['Paid by the due date', percent(metrics.paidBeforeDue)],
      ['Open receivables', compactMoney(metrics.receivables, currency)],
      ['Of which overdue', compactMoney(metrics.overdue, currency)],
    ]),
  );
  ctx.print('');
  ctx.print(c.bold('Aging'));
  ctx.print(agingChart(aging, { palette: c }));
  ctx.print('');
  ctx.print(c.bold('DSO over time'));
  ctx.print(
    dso
      .filter((_, i) => i % 2 === 0 || i === dso.length - 1)
      .map((p) => `${p.date} ${days(p.dso).padStart(6)}`)
      .join('\n'),
  );
  if (html !== undefined) ctx.print(c.dim(`HTML report written to ${html}`));
  return result;
}
