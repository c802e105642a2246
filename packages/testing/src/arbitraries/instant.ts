/**
 * Arbitraries for instants (epoch milliseconds), biased towards daylight-saving transitions,
 * where local-time arithmetic goes wrong.
 *
 * @module
 */
import fc from 'fast-check';
import { ZoneCache } from '@dueflow/core';
import { DST_TIME_ZONES } from './time-zone.js';

const WEEK = 7 * 86_400_000;
const QUARTER_HOUR = 900_000;
const zones = new ZoneCache();
const byZoneYear = new Map<string, readonly number[]>();

function toMs(value: string | number | Date): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

function transitionsInYear(zone: string, year: number): readonly number[] {
  const memoKey = `${zone}|${year}`;
  const memo = byZoneYear.get(memoKey);
  if (memo !== undefined) return memo;
  const found: number[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let offset = zones.offset(zone, t);
  while (t < end) {
    const next = Math.min(t + WEEK, end);
    const nextOffset = zones.offset(zone, next);
    if (nextOffset !== offset) {
      // Offsets are constant per quarter hour (true of every zone since 1970): bisect on them.
      let lo = Math.floor(t / QUARTER_HOUR);
      let hi = Math.floor(next / QUARTER_HOUR);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zones.offset(zone, mid * QUARTER_HOUR) === offset) lo = mid;
        else hi = mid;
      }
      found.push(hi * QUARTER_HOUR);
      offset = nextOffset;
    }
    t = next;
  }
  byZoneYear.set(memoKey, found);
  return found;
}

/**
 * The instants (epoch ms) at which `zone` changes its UTC offset between `from` and `to`.
 * Computed from the runtime's time-zone database and memoised per zone and year.
 *
 * @example
 * ```ts
 * dstTransitions('America/New_York', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)).map((t) => new Date(t).toISOString());
 * // ['2024-03-10T07:00:00.000Z', '2024-11-03T06:00:00.000Z']
 * ```
 */
export function dstTransitions(zone: string, from: number, to: number): number[] {
  const out: number[] = [];
  const first = Math.max(new Date(from).getUTCFullYear(), 1970);
  const last = Math.min(new Date(to).getUTCFullYear(), 2100);
  for (let year = first; year <= last; year++) {
    for (const t of transitionsInYear(zone, year)) if (t >= from && t <= to) out.push(t);
  }
  return out;
}

/** Options of {@link arbInstant}. */
export interface ArbInstantOptions {
  /**
   * Earliest instant (ISO string, epoch ms or `Date`).
   * @default '2015-01-01T00:00:00Z'
   */
  readonly min?: string | number | Date;
  /**
   * Latest instant (ISO string, epoch ms or `Date`).
   * @default '2035-12-31T23:59:59.999Z'
   */
  readonly max?: string | number | Date;
  /**
   * Zones whose transitions attract instants.
   * @default DST_TIME_ZONES
   */
  readonly zones?: readonly string[];
  /**
   * Share of instants drawn within a day and a half of a transition, from 0 to 1.
   * @default 0.5
   */
  readonly dstBias?: number;
}

/**
 * An instant as epoch milliseconds between `min` and `max`. About half of them (see
 * `dstBias`) fall within 36 hours of a daylight-saving transition of one of `zones`, most of
 * those within minutes of it, so gaps, overlaps and the days around them are well covered.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbInstant({ min: '2024-01-01T00:00:00Z', max: '2024-12-31T00:00:00Z' }), (t) => {
 *   return typeof nextAction(snapshot, t, policy).kind === 'string';
 * }));
 * ```
 */
export function arbInstant(options: ArbInstantOptions = {}): fc.Arbitrary<number> {
  const min = toMs(options.min ?? '2015-01-01T00:00:00Z');
  const max = toMs(options.max ?? '2035-12-31T23:59:59.999Z');
  if (!(min <= max)) throw new RangeError(`arbInstant: min ${String(options.min)} is after max ${String(options.max)}`);
  const uniform = fc.integer({ min, max });
  const transitions = [...new Set((options.zones ?? DST_TIME_ZONES).flatMap((zone) => dstTransitions(zone, min, max)))].sort(
    (a, b) => a - b,
  );
  const bias = Math.min(Math.max(options.dstBias ?? 0.5, 0), 1);
  if (transitions.length === 0 || bias === 0) return uniform;
  const span = 36 * 3_600_000;
  const near = fc
    .tuple(
      fc.constantFrom(...transitions),
      fc.oneof(fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: -span, max: span })),
    )
    .map(([t, delta]) => Math.min(max, Math.max(min, t + delta)));
  if (bias === 1) return near;
  const weight = Math.round(bias * 100);
  return fc.oneof({ arbitrary: uniform, weight: 100 - weight }, { arbitrary: near, weight });
}
