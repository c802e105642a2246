import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, civilFromDays, daysBetween, daysFromCivil, fromEpochDay, isCalendarDate, isoWeekday, toEpochDay } from './day.js';

const FIRST = toEpochDay('0001-01-01');
const LAST = toEpochDay('9999-12-31');
const arbDay = fc.integer({ min: FIRST, max: LAST });

/** Days since 1970 of a civil date computed by the JavaScript Date (years 1-99 set explicitly, as Date.UTC maps them to 19xx). */
function jsEpochDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / 86_400_000);
}

describe('epoch days for years 0001-9999', () => {
  it('fromEpochDay and toEpochDay round trip', () => {
    fc.assert(
      fc.property(arbDay, (day) => {
        const text = fromEpochDay(day);
        expect(isCalendarDate(text)).toBe(true);
        expect(toEpochDay(text)).toBe(day);
      }),
      { numRuns: 1000 },
    );
  });

  it('agree with the JavaScript Date on the day number and the weekday', () => {
    fc.assert(
      fc.property(arbDay, (day) => {
        const [year, month, date] = civilFromDays(day);
        expect(jsEpochDay(year, month, date)).toBe(day);
        expect(daysFromCivil(year, month, date)).toBe(day);
        const d = new Date(0);
        d.setUTCFullYear(year, month - 1, date);
        expect(isoWeekday(day)).toBe(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
      }),
      { numRuns: 1000 },
    );
  });

  it('isoWeekday agrees with Date.UTC(...).getUTCDay() from 1900 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1900-01-01'), max: LAST }), (day) => {
        const [y, m, d] = civilFromDays(day);
        const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
        expect(isoWeekday(day)).toBe(js === 0 ? 7 : js);
      }),
      { numRuns: 500 },
    );
  });

  it('successive days have successive weekdays and dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST - 1 }), (day) => {
        expect(isoWeekday(day + 1)).toBe((isoWeekday(day) % 7) + 1);
        expect(addDays(fromEpochDay(day), 1)).toBe(fromEpochDay(day + 1));
        expect(daysBetween(fromEpochDay(day), fromEpochDay(day + 1))).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('isCalendarDate accepts exactly the dates the JavaScript Date keeps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        expect(isCalendarDate(text)).toBe(real);
      }),
      { numRuns: 1000 },
    );
  });
});
