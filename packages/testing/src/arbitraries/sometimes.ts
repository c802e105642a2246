/**
 * Optional values with a chosen frequency.
 *
 * @module
 */
import fc from 'fast-check';

/**
 * A value from `arb` one time in `every`, otherwise `undefined` (`fc.option` counts the other
 * way round: its `freq` is the odds of `nil`).
 *
 * @example
 * ```ts
 * sometimes(fc.constant('disputed'), 10); // 'disputed' about one time in ten
 * ```
 */
export function sometimes<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: Math.max(0, every - 1) }, { arbitrary: arb, weight: 1 });
}
