/**
 * The aging chart for the terminal: one bar per bucket, scaled to the largest.
 *
 * @module
 */
import { compactMoney, type Palette } from '../format.js';
import type { AgingSummary } from './portfolio-metrics.js';

const LABELS: Record<string, string> = {
  current: 'Current',
  '1-30': '1-30 days',
  '31-60': '31-60 days',
  '61-90': '61-90 days',
  '90+': '90+ days',
};

/**
 * Renders aging as horizontal bars with amounts and invoice counts.
 *
 * @example
 * ```ts
 * console.log(agingChart(agingSummary(data, '2026-03-31'), { width: 40 }));
 * // Current     ████████████████████████████████████████  $812,400  (143)
 * ```
 */
export function agingChart(aging: AgingSummary, options: { readonly width?: number; readonly palette?: Palette } = {}): string {
  const width = options.width ?? 40;
  const max = Math.max(1, ...aging.buckets.map((b) => b.amount));
  const colour = (bucket: string, s: string): string => {
    const p = options.palette;
    if (p === undefined) return s;
    return bucket === 'current' ? p.green(s) : bucket === '1-30' ? p.yellow(s) : p.red(s);
  };
  const amounts = aging.buckets.map((b) => compactMoney(b.amount, aging.currency));
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  return aging.buckets
    .map((b, i) => {
      const cells = b.amount === 0 ? 0 : Math.max(1, Math.round((b.amount / max) * width));
      const bar = colour(b.bucket, '█'.repeat(cells)) + ' '.repeat(width - cells);
      return `${(LABELS[b.bucket] ?? b.bucket).padEnd(11)} ${bar}  ${amounts[i]!.padStart(amountWidth)}  (${b.invoices} invoices)`;
    })
    .join('\n');
}
