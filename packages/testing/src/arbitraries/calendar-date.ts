/**
 * Arbitraries for calendar dates written `YYYY-MM-DD`.
 *
 * @module
 */
import fc from 'fast-check';
import { fromEpochDay, toEpochDay } from '@dueflow/core';

/** Bounds of {@link arbCalendarDate}, inclusive, written `YYYY-MM-DD`. */
export interface ArbCalendarDateOptions {
  /**
   * Earliest date.
   * @default '2015-01-01'
   */
  readonly min?: string;
  /**
   * Latest date.
   * @default '2035-12-31'
   */
  readonly max?: string;
}

/**
 * A valid calendar date between `min` and `max` (leap days and month ends included).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbCalendarDate({ min: '2024-01-01', max: '2024-12-31' }), (d) => isCalendarDate(d)));
 * ```
 */
export function arbCalendarDate(options: ArbCalendarDateOptions = {}): fc.Arbitrary<string> {
  const min = toEpochDay(options.min ?? '2015-01-01');
  const max = toEpochDay(options.max ?? '2035-12-31');
  return fc.integer({ min, max }).map(fromEpochDay);
}
