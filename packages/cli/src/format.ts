/**
 * Formatting for terminal output: money, percentages, days, tables and colours.
 *
 * @module
 */
import { currencyExponent, formatMoney } from '@dueflow/core';
import pc from 'picocolors';

/**
 * Colour functions, or identity when colours are off.
 * @inline
 */
export interface Palette {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly green: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const plain = (s: string): string => s;

/**
 * Colours for a stream: on for a terminal unless `NO_COLOR` is set.
 *
 * @example
 * ```ts
 * const c = paletteFor(true, process.env);
 * console.log(c.bold('DSO'));
 * ```
 */
export function paletteFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Palette {
  if (isTTY !== true || env.NO_COLOR !== undefined)
    return { bold: plain, dim: plain, green: plain, red: plain, yellow: plain, cyan: plain };
  return { bold: pc.bold, dim: pc.dim, green: pc.green, red: pc.red, yellow: pc.yellow, cyan: pc.cyan };
}

/**
 * Money in minor units, for people (`$12,345.67`).
 *
 * @example
 * ```ts
 * money(1234567, 'USD'); // '$12,345.67'
 * ```
 */
export function money(amount: number, currency: string): string {
  return formatMoney({ amount, currency }, 'en-US');
}

/**
 * Money without cents, for charts and summaries (`$12,346`).
 *
 * @example
 * ```ts
 * compactMoney(1234567, 'USD'); // '$12,346'
 * ```
 */
export function compactMoney(amount: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    Math.round(amount / 10 ** exponent),
  );
}

/**
 * A number of days with one decimal, or `n/a`.
 *
 * @example
 * ```ts
 * days(41.234); // '41.2'
 * ```
 */
export function days(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(1);
}

/**
 * A share (0-1) as a percentage with one decimal, or `n/a`.
 *
 * @example
 * ```ts
 * percent(0.4567); // '45.7%'
 * ```
 */
export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

/**
 * Lays out rows as aligned columns (the first row is the header). Columns whose header starts
 * with `>` are right-aligned (the `>` is dropped).
 *
 * @example
 * ```ts
 * table([['Name', '>Amount'], ['Acme', '$10.00']]);
 * ```
 */
export function table(rows: readonly (readonly string[])[]): string {
  const header = rows[0] ?? [];
  const right = header.map((h) => h.startsWith('>'));
  const cells = rows.map((r, i) => (i === 0 ? r.map((h) => h.replace(/^>/, '')) : r));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  return cells
    .map((r) =>
      r
        .map((cell, c) => (right[c] === true ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
