/**
 * IANA time-zone arithmetic: the UTC offset at an instant, the local calendar day and minute of
 * an instant, and the instant of a local wall-clock time (DST gaps resolved forwards, overlaps
 * to the earlier instant).
 *
 * Offsets come from `@date-fns/tz` (the runtime's tz database through `Intl`). A
 * {@link ZoneCache} memoises them per zone and quarter hour, which is what makes deciding a
 * million invoices a second possible; it is owned by a compiled policy, never global, and only
 * changes cost, never results.
 *
 * @module
 */
import { tzOffset } from '@date-fns/tz';
import { fromEpochDay, MS_PER_DAY } from './day.js';

const QUARTER_HOUR = 900_000;
const MAX_ENTRIES = 200_000;

/**
 * Memo of UTC offsets by zone and quarter hour, and of the ISO texts decisions print. Create one
 * per long-lived context (a compiled policy carries one as `policy.zones`); it is bounded.
 *
 * @example
 * ```ts
 * const zones = new ZoneCache();
 * const day = zones.localDay('America/New_York', Date.parse('2025-03-10T03:00:00Z')); // 2025-03-09 there
 * zones.day(day); // '2025-03-09'
 * zones.iso(zones.instantOf('America/New_York', day, 9 * 60)); // '2025-03-09T13:00:00.000Z' (EDT began that night)
 * ```
 */
export class ZoneCache {
  readonly #byZone = new Map<string, Map<number, number>>();
  readonly #wallToInstant = new Map<string, Map<number, number>>();
  readonly #iso = new Map<number, string>();
  readonly #days = new Map<number, string>();
  #size = 0;
  // The zone of the previous call and its table: a decision asks about one or two zones many times.
  #offsetZone: string | undefined;
  #offsetTable: Map<number, number> | undefined;
  #wallZone: string | undefined;
  #wallTable: Map<number, number> | undefined;

  /**
   * `new Date(ms).toISOString()`, memoised: decisions share a few window boundaries, and
   * formatting dates is the costliest part of a decision otherwise.
   *
   * @example
   * ```ts
   * new ZoneCache().iso(0); // '1970-01-01T00:00:00.000Z'
   * ```
   */
  iso(epochMs: number): string {
    let text = this.#iso.get(epochMs);
    if (text === undefined) {
      text = new Date(epochMs).toISOString();
      if (this.#iso.size >= MAX_ENTRIES) this.#iso.clear();
      this.#iso.set(epochMs, text);
    }
    return text;
  }

  /**
   * `fromEpochDay(day)`, memoised.
   *
   * @example
   * ```ts
   * new ZoneCache().day(0); // '1970-01-01'
   * ```
   */
  day(epochDay: number): string {
    let text = this.#days.get(epochDay);
    if (text === undefined) {
      text = fromEpochDay(epochDay);
      if (this.#days.size >= MAX_ENTRIES) this.#days.clear();
      this.#days.set(epochDay, text);
    }
    return text;
  }

  /**
   * UTC offset in minutes of `zone` at `epochMs` (positive east of Greenwich).
   *
   * @example
   * ```ts
   * new ZoneCache().offset('Asia/Singapore', Date.UTC(2024, 0, 1)); // 480
   * ```
   */
  offset(zone: string, epochMs: number): number {
    let zoneMap = zone === this.#offsetZone ? this.#offsetTable : this.#byZone.get(zone);
    if (zoneMap === undefined) {
      zoneMap = new Map();
      this.#byZone.set(zone, zoneMap);
    }
    this.#offsetZone = zone;
    this.#offsetTable = zoneMap;
    const bucket = Math.floor(epochMs / QUARTER_HOUR);
    let offset = zoneMap.get(bucket);
    if (offset === undefined) {
      // Transitions fall on quarter hours in every zone of the tz database since 1970, so the
      // offset at the start of the bucket holds for the whole bucket.
      offset = tzOffset(zone, new Date(bucket * QUARTER_HOUR));
      if (Number.isNaN(offset)) offset = 0;
      if (this.#size >= MAX_ENTRIES) {
        this.#byZone.clear();
        this.#size = 0;
        zoneMap = new Map();
        this.#byZone.set(zone, zoneMap);
        this.#offsetTable = zoneMap;
      }
      zoneMap.set(bucket, offset);
      this.#size++;
    }
    return offset;
  }

  /**
   * Local calendar day (epoch day number) of an instant in `zone`.
   *
   * @example
   * ```ts
   * new ZoneCache().localDay('America/New_York', Date.parse('2024-01-02T03:00:00Z')); // 19723 (Jan 1)
   * ```
   */
  localDay(zone: string, epochMs: number): number {
    return Math.floor((epochMs + this.offset(zone, epochMs) * 60_000) / MS_PER_DAY);
  }

  /**
   * Local minute of the day (0-1439) of an instant in `zone`.
   *
   * @example
   * ```ts
   * new ZoneCache().localMinute('Europe/Paris', Date.parse('2024-01-01T08:00:00Z')); // 540 (09:00)
   * ```
   */
  localMinute(zone: string, epochMs: number): number {
    const local = epochMs + this.offset(zone, epochMs) * 60_000;
    return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  }

  /**
   * The instant at which the wall clock in `zone` shows `minute` minutes after midnight of
   * local day `day`. A time inside a DST gap resolves to the same distance after the gap (02:30
   * on a spring-forward night is 03:30); a time inside an overlap resolves to the earlier instant.
   *
   * @example
   * ```ts
   * new ZoneCache().instantOf('Europe/Paris', toEpochDay('2024-07-01'), 9 * 60); // 2024-07-01T07:00:00Z
   * ```
   */
  instantOf(zone: string, day: number, minute: number): number {
    let zoneMap = zone === this.#wallZone ? this.#wallTable : this.#wallToInstant.get(zone);
    if (zoneMap === undefined) {
      zoneMap = new Map();
      this.#wallToInstant.set(zone, zoneMap);
    }
    this.#wallZone = zone;
    this.#wallTable = zoneMap;
    const key = day * 1440 + minute;
    let instant = zoneMap.get(key);
    if (instant === undefined) {
      instant = this.#resolveWall(zone, day * MS_PER_DAY + minute * 60_000);
      if (zoneMap.size >= MAX_ENTRIES) zoneMap.clear();
      zoneMap.set(key, instant);
    }
    return instant;
  }

  #resolveWall(zone: string, wall: number): number {
    // The offset a day earlier and later bracket every transition; try the larger first so an
    // overlap resolves to the earlier instant.
    const before = this.offset(zone, wall - MS_PER_DAY);
    const after = this.offset(zone, wall + MS_PER_DAY);
    const first = Math.max(before, after);
    const second = Math.min(before, after);
    for (const candidate of [first, second]) {
      const instant = wall - candidate * 60_000;
      if (this.offset(zone, instant) === candidate) return instant;
    }
    // In a gap neither offset maps back: keep the distance from midnight by using the earlier offset.
    return wall - before * 60_000;
  }
}

/**
 * Whether `zone` is a time zone name the runtime knows (IANA names such as `Europe/Paris`, or `UTC`).
 *
 * Keeps no memo of its own: the check asks `@date-fns/tz` for the zone's offset, whose
 * formatter per zone that library already keeps for {@link ZoneCache}, so a name seen before
 * costs one formatting and not the construction of an `Intl.DateTimeFormat`.
 *
 * @example
 * ```ts
 * isTimeZone('America/New_York'); // true
 * isTimeZone('Mars/Olympus'); // false
 * ```
 */
export function isTimeZone(zone: unknown): zone is string {
  // Offsets such as "+05:00" are accepted by some runtimes; Dueflow wants named zones.
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64 || !/^[A-Za-z]/.test(zone)) return false;
  // `tzOffset` gives a number exactly when the runtime knows the zone (NaN, or for names such as
  // `constructor` that its own tables answer, something else).
  return Number.isFinite(tzOffset(zone, new Date(0)));
}
