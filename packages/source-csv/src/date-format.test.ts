import { describe, expect, it } from 'vitest';
import { dateProblem, detectDateFormat, parseDate } from './date-format.js';

describe('parseDate', () => {
  it('reads each format', () => {
    expect(parseDate('2013-01-02', 'YYYY-MM-DD')).toBe('2013-01-02');
    expect(parseDate('1/2/2013', 'M/D/YYYY')).toBe('2013-01-02');
    expect(parseDate('01/02/2013', 'M/D/YYYY')).toBe('2013-01-02');
    expect(parseDate('1/2/2013', 'D/M/YYYY')).toBe('2013-02-01');
    expect(parseDate('31.12.2024', 'D.M.YYYY')).toBe('2024-12-31');
    expect(parseDate(' 2/29/2024 ', 'M/D/YYYY')).toBe('2024-02-29');
  });

  it('rejects impossible or malformed dates', () => {
    for (const [text, format] of [
      ['2/30/2013', 'M/D/YYYY'],
      ['2/29/2013', 'M/D/YYYY'],
      ['13/1/2013', 'M/D/YYYY'],
      ['1/2/13', 'M/D/YYYY'],
      ['1-2-2013', 'M/D/YYYY'],
      ['31.12.2024', 'M/D/YYYY'],
      ['2013-1-2', 'YYYY-MM-DD'],
      ['', 'D/M/YYYY'],
      ['1/2/2013x', 'D/M/YYYY'],
      ['0/2/2013', 'D/M/YYYY'],
    ] as const) {
      expect(parseDate(text, format), `${text} as ${format}`).toBeUndefined();
    }
  });
});

describe('detectDateFormat', () => {
  it('finds the one format that fits', () => {
    expect(detectDateFormat(['1/31/2013', '2/1/2013', '']).format).toBe('M/D/YYYY');
    expect(detectDateFormat(['31/1/2013', '2/1/2013']).format).toBe('D/M/YYYY');
    expect(detectDateFormat(['2013-01-31']).format).toBe('YYYY-MM-DD');
    expect(detectDateFormat(['31.01.2013']).format).toBe('D.M.YYYY');
  });

  it('reports ambiguity instead of guessing', () => {
    const result = detectDateFormat(['1/2/2013', '3/4/2013', '5/5/2013']);
    expect(result.format).toBeUndefined();
    expect(result.ambiguous).toBe(true);
    expect(result.candidates).toEqual(['M/D/YYYY', 'D/M/YYYY']);
  });

  it('leaves impossible dates out of the choice and lists them', () => {
    const iso = Array.from({ length: 19 }, (_, i) => `2025-01-${String(i + 10).padStart(2, '0')}`);
    const result = detectDateFormat([...iso.slice(0, 7), '2025-02-30', ...iso.slice(7)]);
    expect(result).toMatchObject({
      format: 'YYYY-MM-DD',
      sampled: 20,
      unreadableCount: 1,
      unreadable: [{ index: 7, value: '2025-02-30' }],
    });
    const dmy = detectDateFormat(['13/01/2025', '31/02/2025', '28/02/2025', 'n/a']);
    expect(dmy).toMatchObject({
      format: 'D/M/YYYY',
      unreadableCount: 2,
      unreadable: [
        { index: 1, value: '31/02/2025' },
        { index: 3, value: 'n/a' },
      ],
    });
  });

  it('finds nothing when no value is a date', () => {
    expect(detectDateFormat(['2025-02-30', 'soon'])).toMatchObject({ candidates: [], ambiguous: false, sampled: 2, unreadableCount: 2 });
  });

  it('reports nothing when no format fits every value', () => {
    const result = detectDateFormat(['1/31/2013', '31/1/2013']);
    expect(result).toMatchObject({ candidates: [], ambiguous: false, sampled: 2 });
    expect(result.format).toBeUndefined();
  });
});

describe('dateProblem', () => {
  it('tells a day that does not exist from text that is no date', () => {
    expect(dateProblem('2025-02-30', 'YYYY-MM-DD')).toBe('no such day in the calendar (YYYY-MM-DD)');
    expect(dateProblem('31/02/2025', 'D/M/YYYY')).toBe('no such day in the calendar (D/M/YYYY)');
    expect(dateProblem('2025/02/03', 'D/M/YYYY')).toBe('expected a date written D/M/YYYY');
    expect(dateProblem('soon', 'YYYY-MM-DD')).toBe('expected a date written YYYY-MM-DD');
  });
});
