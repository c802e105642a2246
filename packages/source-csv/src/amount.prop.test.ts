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

  it('refuses decimal-comma amounts in en-US instead of multiplying them, naming the locale that reads them', () => {
    const usd = createAmountParser('USD', 'en-US');
    for (const text of ['12,50', '0,99', '1,5'])
      expect(usd(text)).toEqual({ error: expect.stringContaining(JSON.stringify(text)), looksLike: 'de-DE' });
    expect(createAmountParser('CHF', 'en-US')("1'234.50")).toMatchObject({ looksLike: 'de-CH' });
    expect(createAmountParser('INR', 'en-US')('12,34,567.50')).toMatchObject({ looksLike: 'en-IN' });
    expect(createAmountParser('EUR', 'de-DE')('1,234.50')).toMatchObject({ looksLike: 'en-US' });
    expect(createAmountParser('USD', 'en-US')('abc')).not.toHaveProperty('looksLike');
  });

  it('over locales and separators, an amount round trips exactly or is refused naming the text; never scaled', () => {
    const locales = ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'es-ES'] as const;
    const separators = [',', '.', ' ', '\u00a0', '\u202f', "'", '\u2019', ''] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom(...locales),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom(...separators),
        (declared, writtenIn, currency, amount, separator) => {
          const exponent = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
          const text = new Intl.NumberFormat(writtenIn, { minimumFractionDigits: exponent, maximumFractionDigits: exponent })
            .formatToParts(Number(`${amount}e-${exponent}`))
            .map((p) => (p.type === 'group' ? separator : p.value))
            .join('');
          const got = createAmountParser(currency, declared)(text);
          if (typeof got !== 'number') {
            expect(got.error).toContain(JSON.stringify(text));
            return;
          }
          // Read in a locale with the decimal separator it was written with, an amount is itself
          // whatever the grouping; across decimal separators it is the exact reading (core's property).
          const decimal = (locale: string) => new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
          if (decimal(declared) === decimal(writtenIn)) expect(got).toBe(amount);
          else expect(got).toBe(parseMoney(text, currency, { locale: declared }).amount);
        },
      ),
      { numRuns: 3000 },
    );
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
