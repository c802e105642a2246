import { tz } from '@date-fns/tz';
import { addMonths as dateFnsAddMonths } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from './add-months.js';
import { fromEpochDay, toEpochDay } from './day.js';

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('crosses years in both directions', () => {
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(addMonths('2025-03-01', 0)).toBe('2025-03-01');
  });

  it('agrees with date-fns computing in UTC, for years 1900-2200', () => {
    const utc = tz('UTC');
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2200-12-31') }),
        fc.integer({ min: -240, max: 240 }),
        (day, months) => {
          const date = fromEpochDay(day);
          const expected = dateFnsAddMonths(new Date(`${date}T00:00:00Z`), months, { in: utc })
            .toISOString()
            .slice(0, 10);
          expect(addMonths(date, months)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
