/**
 * Business calendars and send windows: which local days are working days, and the first moment
 * at or after an instant when a message may go out in a given time zone.
 *
 * @module
 */
import { MS_PER_DAY, isoWeekday, toEpochDay } from './day.js';
import type { ZoneCache } from './zone.js';

/** A compiled calendar: the form the engine evaluates, built once by `compilePolicy`. */
export interface CompiledCalendar {
  /** IANA zone of the business itself (used for internal actions such as credit holds). */
  readonly timeZone: string;
  /** `workingWeekdays[d]` for ISO weekday `d` (1 = Monday). */
  readonly workingWeekdays: readonly boolean[];
  /** Holidays as epoch days. */
  readonly holidays: ReadonlySet<number>;
  /** Window start, minutes after local midnight (inclusive). */
  readonly windowStart: number;
  /** Window end, minutes after local midnight (exclusive). */
  readonly windowEnd: number;
}

/** A period during which a message may be dispatched (epoch milliseconds, end exclusive). */
export interface Slot {
  readonly start: number;
  readonly end: number;
}

/**
 * Parses `HH:MM` (00:00-24:00, already validated by the policy schema) into minutes after midnight.
 *
 * @example
 * ```ts
 * parseClock('09:30'); // 570
 * parseClock('24:00'); // 1440
 * ```
 */
export function parseClock(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/**
 * Builds a compiled calendar from its plain description.
 *
 * @example
 * ```ts
 * const cal = compileCalendar({ timeZone: 'Europe/Paris', businessDays: [1, 2, 3, 4, 5], holidays: ['2024-12-25'], sendWindow: { start: '09:00', end: '17:00' } });
 * ```
 */
export function compileCalendar(input: {
  readonly timeZone: string;
  readonly businessDays: readonly number[];
  readonly holidays: readonly string[];
  readonly sendWindow: { readonly start: string; readonly end: string };
}): CompiledCalendar {
  const workingWeekdays = Array.from({ length: 8 }, (_, d) => input.businessDays.includes(d));
  return {
    timeZone: input.timeZone,
    workingWeekdays,
    holidays: new Set(input.holidays.map(toEpochDay)),
    windowStart: parseClock(input.sendWindow.start),
    windowEnd: parseClock(input.sendWindow.end),
  };
}

/**
 * Whether local epoch day `day` is a working day of `calendar`.
 *
 * @example
 * ```ts
 * isBusinessDay(cal, toEpochDay('2024-12-25')); // false when listed as a holiday
 * ```
 */
export function isBusinessDay(calendar: CompiledCalendar, day: number): boolean {
  return calendar.workingWeekdays[isoWeekday(day)] === true && !calendar.holidays.has(day);
}

/**
 * The first working day on or after `day` (epoch days). Calendars always have at least one
 * working weekday (the schema ensures it), so this terminates; it gives up after ten years of
 * holidays and returns the day found then.
 *
 * @example
 * ```ts
 * nextBusinessDay(cal, toEpochDay('2024-12-25')); // the 26th, or later
 * ```
 */
export function nextBusinessDay(calendar: CompiledCalendar, day: number): number {
  let d = day;
  for (let i = 0; i < 3660 && !isBusinessDay(calendar, d); i++) d++;
  return d;
}

/**
 * The send slot on local day `day` in `zone` (or on the next working day after it).
 *
 * @example
 * ```ts
 * slotOnOrAfterDay(cal, cache, 'America/Chicago', toEpochDay('2024-03-09')); // Monday 11th 09:00-17:00 local
 * ```
 */
export function slotOnOrAfterDay(calendar: CompiledCalendar, cache: ZoneCache, zone: string, day: number): Slot {
  const d = nextBusinessDay(calendar, day);
  return {
    start: cache.instantOf(zone, d, calendar.windowStart),
    end: cache.instantOf(zone, d, calendar.windowEnd),
  };
}

/**
 * The send slot that contains `instant`, or the first one after it, in `zone`.
 *
 * @example
 * ```ts
 * slotAtOrAfter(cal, cache, 'Asia/Tokyo', Date.parse('2024-01-01T20:00:00Z')); // next day 09:00 JST
 * ```
 */
export function slotAtOrAfter(calendar: CompiledCalendar, cache: ZoneCache, zone: string, instant: number): Slot {
  const day = cache.localDay(zone, instant);
  if (isBusinessDay(calendar, day)) {
    const slot = { start: cache.instantOf(zone, day, calendar.windowStart), end: cache.instantOf(zone, day, calendar.windowEnd) };
    if (instant < slot.end) return slot;
  }
  return slotOnOrAfterDay(calendar, cache, zone, day + 1);
}

/** Whole days from local day `from` to local day `to`, counted in the calendar's zone. */
export function localDaysBetween(cache: ZoneCache, zone: string, fromMs: number, toMs: number): number {
  return cache.localDay(zone, toMs) - cache.localDay(zone, fromMs);
}

/**
 * The first moment at or after `instant` that lies inside the send window of every zone in
 * `zones` (a person reachable in several zones is contacted only in the overlap), or
 * `undefined` when the windows never overlap within two weeks.
 *
 * @example
 * ```ts
 * slotInAllZones(cal, cache, ['Europe/London', 'America/New_York'], now); // 14:00-17:00 London time
 * ```
 */
export function slotInAllZones(calendar: CompiledCalendar, cache: ZoneCache, zones: readonly string[], instant: number): Slot | undefined {
  let t = instant;
  const limit = instant + 14 * MS_PER_DAY;
  while (t < limit) {
    let start = -Infinity;
    let end = Infinity;
    for (const zone of zones) {
      const slot = slotAtOrAfter(calendar, cache, zone, t);
      if (slot.start > start) start = slot.start;
      if (slot.end < end) end = slot.end;
    }
    if (start < end && zones.every((zone) => slotAtOrAfter(calendar, cache, zone, start).start <= start)) return { start, end };
    t = start > t && start < end ? start : Math.max(t + 15 * 60_000, end === Infinity ? t : end);
  }
  return undefined;
}
