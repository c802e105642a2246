import { describe, expect, it } from 'vitest';
import { toEpochDay } from './day.js';
import { isTimeZone, ZoneCache } from './zone.js';

const iso = (t: number): string => new Date(t).toISOString();
const at = (zones: ZoneCache, zone: string, date: string, clock: string): string => {
  const [h, m] = clock.split(':').map(Number);
  return iso(zones.instantOf(zone, toEpochDay(date), (h ?? 0) * 60 + (m ?? 0)));
};

describe('ZoneCache wall times across DST', () => {
  const zones = new ZoneCache();

  it('New York: spring forward on 2024-03-10, fall back on 2024-11-03', () => {
    expect(at(zones, 'America/New_York', '2024-03-09', '09:00')).toBe('2024-03-09T14:00:00.000Z');
    expect(at(zones, 'America/New_York', '2024-03-10', '09:00')).toBe('2024-03-10T13:00:00.000Z');
    expect(at(zones, 'America/New_York', '2024-03-10', '02:30')).toBe('2024-03-10T07:30:00.000Z'); // in the gap: 03:30 EDT
    expect(at(zones, 'America/New_York', '2024-11-03', '01:30')).toBe('2024-11-03T05:30:00.000Z'); // twice: the earlier (EDT)
    expect(at(zones, 'America/New_York', '2024-11-03', '09:00')).toBe('2024-11-03T14:00:00.000Z');
    expect(zones.offset('America/New_York', Date.parse('2024-03-10T06:59:00Z'))).toBe(-300);
    expect(zones.offset('America/New_York', Date.parse('2024-03-10T07:00:00Z'))).toBe(-240);
  });

  it('Sydney: fall back on 2024-04-07, spring forward on 2024-10-06', () => {
    expect(at(zones, 'Australia/Sydney', '2024-04-07', '09:00')).toBe('2024-04-06T23:00:00.000Z');
    expect(at(zones, 'Australia/Sydney', '2024-04-07', '02:30')).toBe('2024-04-06T15:30:00.000Z'); // twice: the earlier (AEDT)
    expect(at(zones, 'Australia/Sydney', '2024-10-06', '02:30')).toBe('2024-10-05T16:30:00.000Z'); // in the gap: 03:30 AEDT
    expect(at(zones, 'Australia/Sydney', '2024-10-06', '09:00')).toBe('2024-10-05T22:00:00.000Z');
  });

  it("Lord Howe's 30-minute shift", () => {
    expect(zones.offset('Australia/Lord_Howe', Date.parse('2024-10-05T15:29:00Z'))).toBe(630);
    expect(zones.offset('Australia/Lord_Howe', Date.parse('2024-10-05T15:30:00Z'))).toBe(660);
    expect(at(zones, 'Australia/Lord_Howe', '2024-10-06', '02:15')).toBe('2024-10-05T15:45:00.000Z'); // gap 02:00-02:30
    expect(at(zones, 'Australia/Lord_Howe', '2024-04-07', '01:45')).toBe('2024-04-06T14:45:00.000Z'); // overlap 01:30-02:00
    expect(at(zones, 'Australia/Lord_Howe', '2024-07-01', '09:00')).toBe('2024-06-30T22:30:00.000Z');
  });

  it('Santiago: the spring-forward gap is at midnight, so the day starts at 01:00', () => {
    const t = zones.instantOf('America/Santiago', toEpochDay('2024-09-08'), 0);
    expect(iso(t)).toBe('2024-09-08T04:00:00.000Z');
    expect(zones.localDay('America/Santiago', t)).toBe(toEpochDay('2024-09-08'));
    expect(zones.localMinute('America/Santiago', t)).toBe(60);
  });

  it('half- and three-quarter-hour zones', () => {
    expect(at(zones, 'Asia/Kolkata', '2024-01-01', '09:00')).toBe('2024-01-01T03:30:00.000Z');
    expect(at(zones, 'Pacific/Chatham', '2024-01-01', '09:00')).toBe('2023-12-31T19:15:00.000Z');
  });

  it('local day and minute', () => {
    expect(zones.localDay('America/New_York', Date.parse('2024-01-02T03:00:00Z'))).toBe(toEpochDay('2024-01-01'));
    expect(zones.localMinute('Europe/Paris', Date.parse('2024-01-01T08:00:00Z'))).toBe(540);
    expect(zones.localMinute('Europe/Paris', Date.parse('2024-07-01T08:00:00Z'))).toBe(600);
    expect(zones.localDay('UTC', Date.parse('1969-12-31T23:59:59Z'))).toBe(-1);
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and rejects the rest', () => {
    for (const zone of ['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus', '', '+05:00', 'x'.repeat(65), 42, null]) expect(isTimeZone(zone)).toBe(false);
  });

  it('rejects the names of object properties and agrees with Intl on aliases', () => {
    for (const zone of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(isTimeZone(zone)).toBe(false);
    for (const zone of ['Etc/UTC', 'US/Eastern', 'Asia/Calcutta', 'Asia/Kolkata', 'utc', 'europe/paris']) {
      let known = true;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
      } catch {
        known = false;
      }
      expect(isTimeZone(zone)).toBe(known);
    }
  });
});
