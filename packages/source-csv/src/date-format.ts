/**
 * Calendar dates as CSV exports write them. Formats are always explicit: detection reports every
 * format the sample fits and flags an ambiguity (`1/2/2013` is January 2nd or February 1st)
 * instead of guessing.
 *
 * @module
 */
import { isCalendarDate } from '@dueflow/core';

/**
 * Date formats the importer reads. `M` and `D` accept one or two digits.
 *
 * @example
 * ```ts
 * const mapping = { ...ibmAccountsReceivable, dateFormat: DATE_FORMATS[1] }; // 'M/D/YYYY'
 * ```
 */
export const DATE_FORMATS = ['YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY', 'D.M.YYYY'] as const;

/** A date format the importer reads. */
export type DateFormat = (typeof DATE_FORMATS)[number];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function parseParts(text: string, separator: string): [number, number, number] | undefined {
  // Hand-rolled: this runs several times per row on the hot path.
  const first = text.indexOf(separator);
  if (first < 1 || first > 2) return undefined;
  const second = text.indexOf(separator, first + 1);
  if (second - first < 2 || second - first > 3 || text.length - second !== 5) return undefined;
  let a = 0;
  let b = 0;
  let y = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === first || i === second) continue;
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < first) a = a * 10 + c;
    else if (i < second) b = b * 10 + c;
    else y = y * 10 + c;
  }
  return [a, b, y];
}

/**
 * Reads `text` in `format` and returns the date as `YYYY-MM-DD`, or `undefined` when the text
 * is not a real date in that format (`2/30/2013` is rejected). Surrounding spaces are ignored.
 *
 * @example
 * ```ts
 * parseDate('1/2/2013', 'M/D/YYYY');   // '2013-01-02'
 * parseDate('1/2/2013', 'D/M/YYYY');   // '2013-02-01'
 * parseDate('31.12.2024', 'D.M.YYYY'); // '2024-12-31'
 * parseDate('2/30/2013', 'M/D/YYYY');  // undefined
 * ```
 */
export function parseDate(text: string, format: DateFormat): string | undefined {
  const t = text.length > 0 && (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) ? text.trim() : text;
  if (format === 'YYYY-MM-DD') return isCalendarDate(t) ? t : undefined;
  const parts = parseParts(t, format === 'D.M.YYYY' ? '.' : '/');
  if (parts === undefined) return undefined;
  const [a, b, year] = parts;
  const month = format === 'M/D/YYYY' ? a : b;
  const day = format === 'M/D/YYYY' ? b : a;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Why `text` is not a date in `format`, for people: written that way but no such day
 * (`2025-02-30`), or not written that way at all.
 *
 * @example
 * ```ts
 * dateProblem('2025-02-30', 'YYYY-MM-DD'); // 'no such day in the calendar (YYYY-MM-DD)'
 * dateProblem('soon', 'YYYY-MM-DD');       // 'expected a date written YYYY-MM-DD'
 * ```
 */
export function dateProblem(text: string, format: DateFormat): string {
  const t = text.trim();
  const shaped = format === 'YYYY-MM-DD' ? /^\d{4}-\d{2}-\d{2}$/.test(t) : parseParts(t, format === 'D.M.YYYY' ? '.' : '/') !== undefined;
  return shaped ? `no such day in the calendar (${format})` : `expected a date written ${format}`;
}

/** What {@link detectDateFormat} found in a sample of values. */
export interface DateFormatDetection {
  /** The one format every readable sample fits; absent when none or several fit. */
  readonly format?: DateFormat;
  /** Every format that fits every readable sample. */
  readonly candidates: readonly DateFormat[];
  /** Several formats fit: the caller must choose one. */
  readonly ambiguous: boolean;
  /** Non-empty values examined. */
  readonly sampled: number;
  /** How many of the sampled values each format reads. */
  readonly reads: Readonly<Record<DateFormat, number>>;
  /**
   * Values no format reads (an impossible date such as `2025-02-30` or `31/02/2025`, or no date
   * at all), left out of the choice: the first 20, with their position in the sample. They
   * become invalid rows when the file is read.
   */
  readonly unreadable: readonly { readonly index: number; readonly value: string }[];
  /** How many sampled values no format reads (all of them, not only the first 20). */
  readonly unreadableCount: number;
}

/**
 * Finds which date formats fit every readable non-empty value of a sample. A value no format
 * reads (`2025-02-30`) says nothing about the format and is left out, listed in `unreadable`.
 * When several formats fit (`M/D/YYYY` and `D/M/YYYY` both read `1/2/2013`), the result is
 * ambiguous and has no `format`: the caller chooses, never the importer.
 *
 * @example
 * ```ts
 * detectDateFormat(['1/31/2013', '2/1/2013']).format; // 'M/D/YYYY'
 * detectDateFormat(['1/2/2013', '3/4/2013']).ambiguous; // true
 * detectDateFormat(['2025-01-31', '2025-02-30']).format; // 'YYYY-MM-DD' (2025-02-30 in unreadable)
 * ```
 */
export function detectDateFormat(samples: Iterable<string>): DateFormatDetection {
  const reads = Object.fromEntries(DATE_FORMATS.map((f) => [f, 0])) as Record<DateFormat, number>;
  const unreadable: { index: number; value: string }[] = [];
  let unreadableCount = 0;
  let sampled = 0;
  let index = -1;
  for (const raw of samples) {
    index++;
    const value = raw.trim();
    if (value === '') continue;
    sampled++;
    let readable = false;
    for (const format of DATE_FORMATS) {
      if (parseDate(value, format) !== undefined) {
        reads[format]++;
        readable = true;
      }
    }
    if (!readable) {
      unreadableCount++;
      if (unreadable.length < 20) unreadable.push({ index, value });
    }
  }
  const readableCount = sampled - unreadableCount;
  const candidates = readableCount === 0 ? [] : DATE_FORMATS.filter((f) => reads[f] === readableCount);
  // Even a sample that reads the same either way (`5/5/2013`) says nothing about the next row.
  const format = candidates.length === 1 ? candidates[0] : undefined;
  const ambiguous = candidates.length > 1;
  const found = { candidates, ambiguous, sampled, reads, unreadable, unreadableCount };
  return format === undefined ? found : { format, ...found };
}
