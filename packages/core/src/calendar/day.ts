/**
 * Calendar dates as epoch day numbers (days since 1970-01-01) and `YYYY-MM-DD` strings.
 *
 * The decision engine compares thousands of dates per millisecond, so dates are handled as
 * integers in the hot path; these conversions are the proleptic Gregorian civil-from-days
 * algorithm (H. Hinnant), exact for every year 0000-9999.
 *
 * @module
 */

/** Milliseconds in a day of UTC. */
export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (no validation: see `toEpochDay`).
 *
 * @example
 * ```ts
 * daysFromCivil(1970, 1, 1); // 0
 * daysFromCivil(2025, 3, 10); // 20157
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The `[year, month, day]` of an epoch day number (the inverse of {@link daysFromCivil}).
 *
 * @example
 * ```ts
 * civilFromDays(20157); // [2025, 3, 10]
 * ```
 */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `text` is a real calendar date written `YYYY-MM-DD` (rejects `2025-02-30`).
 *
 * @example
 * ```ts
 * isCalendarDate('2024-02-29'); // true
 * isCalendarDate('2025-02-29'); // false
 * ```
 */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE_RE.exec(text);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/**
 * Epoch day number of a valid `YYYY-MM-DD` string (no validation: validate at the boundary
 * with {@link isCalendarDate} or the model schemas).
 *
 * @example
 * ```ts
 * toEpochDay('1970-01-02'); // 1
 * ```
 */
export function toEpochDay(date: string): number {
  // Digit arithmetic on char codes: this runs several times per decision.
  const year = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 53_328;
  const month = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
  const day = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528;
  return daysFromCivil(year, month, day);
}

/**
 * `YYYY-MM-DD` of an epoch day number.
 *
 * @example
 * ```ts
 * fromEpochDay(19_723); // '2024-01-01'
 * ```
 */
export function fromEpochDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * ISO weekday of an epoch day: 1 = Monday ... 7 = Sunday.
 *
 * @example
 * ```ts
 * isoWeekday(toEpochDay('2024-01-01')); // 1 (a Monday)
 * ```
 */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/**
 * Adds whole days to a `YYYY-MM-DD` date.
 *
 * @example
 * ```ts
 * addDays('2024-02-28', 2); // '2024-03-01'
 * ```
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Whole days from `a` to `b` (`b - a`), both `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * daysBetween('2024-01-01', '2024-03-01'); // 60
 * ```
 */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}
