/**
 * Month arithmetic on calendar dates, for schedules that repeat monthly.
 *
 * @module
 */
import { civilFromDays, daysFromCivil, fromEpochDay, toEpochDay } from './day.js';

/**
 * Adds whole months to a `YYYY-MM-DD` date, clamping to the last day of a shorter month
 * (31 Jan + 1 month = 28 or 29 Feb). Pure calendar arithmetic: no time zone is involved.
 *
 * @example
 * ```ts
 * addMonths('2025-01-31', 1); // '2025-02-28'
 * addMonths('2024-01-31', 1); // '2024-02-29'
 * addMonths('2025-03-15', -3); // '2024-12-15'
 * ```
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = civilFromDays(toEpochDay(date));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const firstOfMonth = daysFromCivil(targetYear, targetMonth, 1);
  const firstOfNext = targetMonth === 12 ? daysFromCivil(targetYear + 1, 1, 1) : daysFromCivil(targetYear, targetMonth + 1, 1);
  return fromEpochDay(firstOfMonth + Math.min(day, firstOfNext - firstOfMonth) - 1);
}
