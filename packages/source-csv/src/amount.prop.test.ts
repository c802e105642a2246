import { parseMoney } from '@dueflow/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAmountParser } from './amount.js';

describe('createAmountParser', () => {
  it('reads the common locales exactly', () => {
    expect(createAmountParser('USD', 'en-US')('1,234.50')).toBe(123450);
    expect(createAmountParser('USD', 'en-US')('55.94')).toBe(5594);
    expect(createAmountParser('EUR', 'de-DE')('€1.234,50')).toBe(123450);
    expect(createAmountParser('EUR', 'fr-FR')('1 234,50')).toBe(123450);
    expect(createAmountParser('JPY', 'en-US')('1,000')).toBe(1000);
    expect(createAmountParser('KWD', 'en-US')('1.005')).toBe(1005);
  });

  it('reports text that is not an amount', () => {
    expect(createAmountParser('USD')('12.345')).toHaveProperty('error');
    expect(createAmountParser('USD')('abc')).toHaveProperty('error');
    expect(createAmountParser('USD', 'en-US')('1.234,50')).toHaveProperty('error');
  });

  it('agrees with parseMoney on every input (fast path and fallback)', () => {
    const locales = ['en-US', 'de-DE', 'fr-FR'] as const;
    const currencies = ['USD', 'JPY', 'KWD'] as const;
    const text = fc.oneof(
      fc.tuple(fc.nat({ max: 10 ** 9 }), fc.option(fc.stringMatching(/^\d{0,4}$/))).map(([w, f]) => (f === null ? String(w) : `${w}.${f}`)),
      fc.tuple(fc.nat({ max: 10 ** 9 }), fc.option(fc.stringMatching(/^\d{0,4}$/))).map(([w, f]) => (f === null ? String(w) : `${w},${f}`)),
      fc.stringMatching(/^[-+(€$ ]?[\d.,  ]{0,14}[)€]?$/),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.constantFrom(...currencies), text, (locale, currency, t) => {
        let expected: number | 'error';
        try {
          expected = parseMoney(t, currency, { locale }).amount;
        } catch {
          expected = 'error';
        }
        const got = createAmountParser(currency, locale)(t);
        expect(typeof got === 'number' ? got : 'error').toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
