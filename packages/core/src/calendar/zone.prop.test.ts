import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInstant, arbTimeZone, DST_TIME_ZONES, FIXED_TIME_ZONES } from '@dueflow/testing/arbitraries';
import { ZoneCache } from './zone.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local wall time of an instant in minutes since 1970-01-01 00:00, read from Intl (independent of ZoneCache). */
function wallMinutes(zone: string, t: number): number {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const day = new Date(0);
  day.setUTCFullYear(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  return Math.round(day.getTime() / 60_000) + Number(parts.hour) * 60 + Number(parts.minute);
}

const arbWall = fc
  .tuple(
    arbTimeZone(),
    arbInstant({ min: '2000-01-01T00:00:00Z', max: '2037-12-31T00:00:00Z', dstBias: 0.8 }),
    fc.integer({ min: -180, max: 180 }),
  )
  .map(([zone, t, shift]) => {
    // A wall time near the instant in that zone, so transition nights are hit often.
    const wall = wallMinutes(zone, t) + shift;
    return { zone, day: Math.floor(wall / 1440), minute: ((wall % 1440) + 1440) % 1440 };
  });

describe('ZoneCache', () => {
  it('instantOf then localDay/localMinute gives the wall time back, except in DST gaps where it moves forward by the gap', () => {
    const zones = new ZoneCache();
    fc.assert(
      fc.property(arbWall, ({ zone, day, minute }) => {
        const t = zones.instantOf(zone, day, minute);
        const wanted = day * 1440 + minute;
        const got = zones.localDay(zone, t) * 1440 + zones.localMinute(zone, t);
        expect(got).toBe(wallMinutes(zone, t));
        if (got !== wanted) {
          const gap = zones.offset(zone, t) - zones.offset(zone, t - 86_400_000);
          expect(gap).toBeGreaterThan(0);
          expect(got - wanted).toBe(gap);
          // Really a gap: no instant within a day shows the wanted wall time.
          for (let probe = t - 3 * 3_600_000; probe <= t + 3 * 3_600_000; probe += 15 * 60_000)
            expect(wallMinutes(zone, probe)).not.toBe(wanted);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('resolves an overlap (a wall time seen twice) to the earlier instant', () => {
    const zones = new ZoneCache();
    fc.assert(
      fc.property(arbWall, ({ zone, day, minute }) => {
        const t = zones.instantOf(zone, day, minute);
        for (const earlier of [30, 60]) expect(wallMinutes(zone, t - earlier * 60_000)).not.toBe(day * 1440 + minute);
      }),
      { numRuns: 400 },
    );
  });

  it('offsets agree with Intl at any instant', () => {
    const zones = new ZoneCache();
    fc.assert(
      fc.property(fc.constantFrom(...DST_TIME_ZONES, ...FIXED_TIME_ZONES), arbInstant({ dstBias: 0.7 }), (zone, t) => {
        const minuteStart = Math.floor(t / 60_000) * 60_000;
        expect(Math.floor(minuteStart / 60_000) + zones.offset(zone, minuteStart)).toBe(wallMinutes(zone, minuteStart));
      }),
      { numRuns: 600 },
    );
  });

  it('gives the same answers warm or cold (the memo only changes cost)', () => {
    const warm = new ZoneCache();
    fc.assert(
      fc.property(fc.array(fc.tuple(arbTimeZone(), arbInstant()), { minLength: 1, maxLength: 20 }), (queries) => {
        for (const [zone, t] of queries) {
          const cold = new ZoneCache();
          expect(warm.localDay(zone, t)).toBe(cold.localDay(zone, t));
          expect(warm.localMinute(zone, t)).toBe(cold.localMinute(zone, t));
          expect(warm.iso(t)).toBe(new Date(t).toISOString());
        }
      }),
      { numRuns: 100 },
    );
  });
});
