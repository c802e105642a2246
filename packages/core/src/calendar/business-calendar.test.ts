import { describe, expect, it } from 'vitest';
import { compileCalendar, isBusinessDay, nextBusinessDay, parseClock, slotAtOrAfter, slotOnOrAfterDay } from './business-calendar.js';
import { fromEpochDay, toEpochDay } from './day.js';
import { ZoneCache } from './zone.js';

const zones = new ZoneCache();
const iso = (t: number): string => new Date(t).toISOString();
const cal = compileCalendar({
  timeZone: 'America/New_York',
  businessDays: [1, 2, 3, 4, 5],
  holidays: ['2024-12-25', '2024-05-27'],
  sendWindow: { start: '09:00', end: '17:00' },
});

describe('business calendar', () => {
  it('parses clocks, including 24:00', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
  });

  it('knows weekends and holidays', () => {
    expect(isBusinessDay(cal, toEpochDay('2024-12-24'))).toBe(true);
    expect(isBusinessDay(cal, toEpochDay('2024-12-25'))).toBe(false);
    expect(isBusinessDay(cal, toEpochDay('2024-12-28'))).toBe(false); // Saturday
    expect(fromEpochDay(nextBusinessDay(cal, toEpochDay('2024-12-25')))).toBe('2024-12-26');
    expect(fromEpochDay(nextBusinessDay(cal, toEpochDay('2024-05-25')))).toBe('2024-05-28'); // Sat -> Memorial Day Monday -> Tuesday
  });

  it('finds the send slot containing an instant, or the next one', () => {
    // Friday 18:00 New York -> Monday 09:00.
    const friday = slotAtOrAfter(cal, zones, 'America/New_York', Date.parse('2024-03-08T23:00:00Z'));
    expect(iso(friday.start)).toBe('2024-03-11T13:00:00.000Z'); // EDT since Sunday
    expect(iso(friday.end)).toBe('2024-03-11T21:00:00.000Z');
    // Inside the window: the current slot.
    const inside = slotAtOrAfter(cal, zones, 'America/New_York', Date.parse('2024-03-07T15:00:00Z'));
    expect(iso(inside.start)).toBe('2024-03-07T14:00:00.000Z');
    // In the contact's zone, not the business's.
    const tokyo = slotAtOrAfter(cal, zones, 'Asia/Tokyo', Date.parse('2024-01-01T20:00:00Z'));
    expect(iso(tokyo.start)).toBe('2024-01-02T00:00:00.000Z');
  });

  it('skips to the next working day from a holiday', () => {
    const slot = slotOnOrAfterDay(cal, zones, 'America/New_York', toEpochDay('2024-12-25'));
    expect(iso(slot.start)).toBe('2024-12-26T14:00:00.000Z');
  });

  it('lets weekends work when the calendar says so', () => {
    const everyDay = compileCalendar({
      timeZone: 'UTC',
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      holidays: [],
      sendWindow: { start: '00:00', end: '24:00' },
    });
    const slot = slotAtOrAfter(everyDay, zones, 'UTC', Date.parse('2024-03-09T12:00:00Z'));
    expect(iso(slot.start)).toBe('2024-03-09T00:00:00.000Z');
    expect(iso(slot.end)).toBe('2024-03-10T00:00:00.000Z');
  });
});
