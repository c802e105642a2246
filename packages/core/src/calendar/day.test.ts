import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromEpochDay, isCalendarDate, isoWeekday, toEpochDay } from './day.js';

describe('calendar dates', () => {
  it('converts known dates', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(19_723)).toBe('2024-01-01');
    expect(fromEpochDay(toEpochDay('0001-01-01'))).toBe('0001-01-01');
    expect(fromEpochDay(toEpochDay('9999-12-31'))).toBe('9999-12-31');
  });

  it('knows leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
  });

  it('rejects malformed dates', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-01T00:00:00Z', '', 20250101, null]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekday(toEpochDay('2024-01-01'))).toBe(1);
    expect(isoWeekday(toEpochDay('2024-01-06'))).toBe(6);
    expect(isoWeekday(toEpochDay('2024-01-07'))).toBe(7);
    expect(isoWeekday(toEpochDay('1969-12-31'))).toBe(3);
  });
});
