/**
 * Arbitraries for IANA time zones, weighted towards zones whose daylight-saving rules break
 * naive date arithmetic.
 *
 * @module
 */
import fc from 'fast-check';

/**
 * Zones with daylight-saving transitions that matter for scheduling: both hemispheres, a
 * transition at local midnight (Santiago), a 45-minute offset (Chatham) and a 30-minute shift
 * (Lord Howe).
 *
 * @example
 * ```ts
 * DST_TIME_ZONES.includes('Australia/Lord_Howe'); // true
 * ```
 */
export const DST_TIME_ZONES: readonly string[] = [
  'America/New_York',
  'Europe/London',
  'Europe/Paris',
  'Australia/Sydney',
  'America/Santiago',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
];

/**
 * Zones without transitions, including a half-hour offset (Kolkata) and one east of the date
 * line's usual neighbours (Tokyo).
 *
 * @example
 * ```ts
 * FIXED_TIME_ZONES.includes('UTC'); // true
 * ```
 */
export const FIXED_TIME_ZONES: readonly string[] = ['UTC', 'Asia/Kolkata', 'Asia/Tokyo'];

/**
 * An IANA zone name: three times in four one of {@link DST_TIME_ZONES}, otherwise one of
 * {@link FIXED_TIME_ZONES}.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbTimeZone(), (zone) => isTimeZone(zone)));
 * ```
 */
export function arbTimeZone(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...DST_TIME_ZONES), weight: 3 },
    { arbitrary: fc.constantFrom(...FIXED_TIME_ZONES), weight: 1 },
  );
}
