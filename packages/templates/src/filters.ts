/**
 * The Liquid filters Dueflow adds for money and dates: `money`, `date` and `days_overdue`.
 * They format by the locale and time zone of the message being rendered.
 *
 * @module
 */
import { daysBetween, formatMoney, isCalendarDate, isCurrencyCode, type Money } from '@dueflow/core';
import type { Liquid } from 'liquidjs';

/** What the filters format by, for one render. */
export interface FormatContext {
  /** BCP 47 locale numbers and dates are written in. */
  readonly locale: string;
  /** IANA zone instants are shown in. */
  readonly timeZone: string;
  /** The recipient's local date at the moment of sending, `YYYY-MM-DD`. */
  readonly today: string;
}

/**
 * Key under which the {@link FormatContext} travels in a render's globals (invisible to templates).
 *
 * @example
 * ```ts
 * liquid.renderSync(tpl, scope, { globals: { [FORMAT_CONTEXT]: { locale: 'en-US', timeZone: 'UTC', today: '2025-03-10' } } });
 * ```
 */
export const FORMAT_CONTEXT: unique symbol = Symbol('dueflow.format');

/** Date styles accepted by the `date` filter. */
export type DateStyle = 'long' | 'short' | 'medium' | 'full';
const DATE_STYLES: readonly string[] = ['long', 'short', 'medium', 'full'];

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string, style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  // Immutable Intl objects memoised by their options: only the cost of the next call changes.
  const key = `${locale}|${style}|${timeZone}`;
  let formatter = dateFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone });
    if (dateFormatters.size > 512) dateFormatters.clear();
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  return typeof amount === 'number' && Number.isSafeInteger(amount) && isCurrencyCode(currency);
}

/**
 * `{{ invoice.outstanding | money }}`: money `{ amount, currency }` in the message's locale
 * (`$4,200.00`, `4 200,00 €`); `| money: 'code'` writes the ISO code instead of the symbol.
 *
 * @example
 * ```ts
 * formatMoneyFilter({ amount: 420000, currency: 'EUR' }, 'de-DE'); // '4.200,00 €'
 * ```
 */
export function formatMoneyFilter(value: unknown, locale: string, display: unknown = 'symbol'): string {
  if (!isMoney(value)) throw new TypeError(`money: expected { amount, currency } in minor units, got ${describe(value)}`);
  if (display !== 'symbol' && display !== 'code')
    throw new TypeError(`money: display must be "symbol" or "code", got ${describe(display)}`);
  return formatMoney(value, locale, { currencyDisplay: display });
}

/**
 * `{{ invoice.due_date | date }}`: a `YYYY-MM-DD` date in the message's locale, `long` by default
 * (`March 31, 2025`, `31 mars 2025`), or `short`, `medium`, `full`. An ISO instant is shown
 * as its date in the recipient's time zone.
 *
 * @example
 * ```ts
 * formatDateFilter('2025-03-31', { locale: 'fr-FR', timeZone: 'UTC', today: '2025-03-01' }); // '31 mars 2025'
 * ```
 */
export function formatDateFilter(value: unknown, format: FormatContext, style: unknown = 'long'): string {
  if (typeof style !== 'string' || !DATE_STYLES.includes(style)) {
    throw new TypeError(`date: style must be one of ${DATE_STYLES.join(', ')}, got ${describe(style)}`);
  }
  if (isCalendarDate(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return dateFormatter(format.locale, style as DateStyle, 'UTC').format(Date.UTC(y, m - 1, d));
  }
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new TypeError(`date: expected a date YYYY-MM-DD or an ISO instant, got ${describe(value)}`);
  return dateFormatter(format.locale, style as DateStyle, format.timeZone).format(ms);
}

/**
 * `{{ invoice.due_date | days_overdue }}`: whole days from a `YYYY-MM-DD` due date to the
 * recipient's date of sending, never below 0.
 *
 * @example
 * ```ts
 * daysOverdueFilter('2025-03-01', { locale: 'en', timeZone: 'UTC', today: '2025-03-08' }); // 7
 * ```
 */
export function daysOverdueFilter(value: unknown, format: FormatContext): number {
  if (!isCalendarDate(value)) throw new TypeError(`days_overdue: expected a date YYYY-MM-DD, got ${describe(value)}`);
  return Math.max(0, daysBetween(value, format.today));
}

function formatOf(globals: unknown): FormatContext {
  const found = (globals as { [FORMAT_CONTEXT]?: FormatContext } | undefined)?.[FORMAT_CONTEXT];
  if (found === undefined) throw new Error('filters need a format context (render through the template renderer)');
  return found;
}

/**
 * Registers `money`, `date` (replacing Liquid's strftime `date`) and `days_overdue` on an engine.
 *
 * @example
 * ```ts
 * const engine = new Liquid({ strictFilters: true });
 * registerDueflowFilters(engine);
 * ```
 */
export function registerDueflowFilters(engine: Liquid): void {
  engine.registerFilter('money', function (value: unknown, display?: unknown) {
    return formatMoneyFilter(value, formatOf(this.context.globals).locale, display);
  });
  engine.registerFilter('date', function (value: unknown, style?: unknown) {
    return formatDateFilter(value, formatOf(this.context.globals), style);
  });
  engine.registerFilter('days_overdue', function (value: unknown) {
    return daysOverdueFilter(value, formatOf(this.context.globals));
  });
}
