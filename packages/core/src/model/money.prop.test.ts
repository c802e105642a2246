import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCurrency, arbMoney } from '@dueflow/testing/arbitraries';
import { checkAllocation, checkDecimalRoundTrip, checkFormatRoundTrip, checkSplit, type InvariantResult } from '@dueflow/testing';
import type { DueflowError } from '../errors.js';
import { currencyExponent } from './currencies.js';
import { formatMoney, parseMoney, toDecimalString } from './money.js';

function holds(result: InvariantResult): true {
  if (!result.ok) throw new Error(result.message);
  return true;
}

const settings = { numRuns: 300 };
const arbSigned = arbMoney(undefined, { min: -1_000_000_000_000, max: 1_000_000_000_000 });
const arbRatios = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0));

describe('money properties in every exponent', () => {
  it('allocate sums exactly, keeps the sign, and is within a minor unit of each share', () => {
    fc.assert(
      fc.property(arbSigned, arbRatios, (m, ratios) => holds(checkAllocation(m, ratios))),
      settings,
    );
  });

  it('allocate of the largest safe amounts stays exact', () => {
    fc.assert(
      fc.property(arbMoney(undefined, { min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER }), arbRatios, (m, ratios) =>
        holds(checkAllocation(m, ratios)),
      ),
      { numRuns: 100 },
    );
  });

  it('split sums exactly, never goes negative for non-negative totals, and parts differ by at most one step', () => {
    fc.assert(
      fc.property(arbSigned, fc.integer({ min: 1, max: 36 }), (m, count) => holds(checkSplit(m, count))),
      settings,
    );
  });

  it('split with an explicit step', () => {
    fc.assert(
      fc.property(arbMoney(), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 10_000 }), (m, count, step) =>
        holds(checkSplit(m, count, { step })),
      ),
      settings,
    );
  });

  it('parseMoney(toDecimalString(m)) round trips', () => {
    fc.assert(
      fc.property(arbSigned, (m) => holds(checkDecimalRoundTrip(m))),
      settings,
    );
    fc.assert(
      fc.property(arbMoney(undefined, { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (m) =>
        holds(checkDecimalRoundTrip(m)),
      ),
      settings,
    );
  });

  it('formatMoney never throws for valid money in common locales and round trips through parseMoney', () => {
    const locale = fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'en-IN', 'es-CL');
    fc.assert(
      fc.property(arbSigned, locale, (m, l) => holds(checkFormatRoundTrip(m, l))),
      settings,
    );
  });

  it('formatMoney never throws in any currency of the table', () => {
    fc.assert(
      fc.property(
        arbCurrency(),
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('en-US', 'ar-EG', 'hi-IN', 'zh-CN'),
        (currency, amount, l) => {
          const text = formatMoney({ amount, currency }, l);
          expect(text.length).toBeGreaterThan(0);
        },
      ),
      settings,
    );
  });

  it('parseMoney reads any decimal with at most the exponent of decimals exactly', () => {
    fc.assert(
      fc.property(arbCurrency(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.boolean(), (currency, units, negative) => {
        const exponent = currencyExponent(currency) ?? 0;
        const digits = units.toString().padStart(exponent + 1, '0');
        const text = `${negative ? '-' : ''}${digits.slice(0, digits.length - exponent)}${exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : ''}`;
        const parsed = parseMoney(text, currency);
        expect(BigInt(parsed.amount)).toBe(negative && units !== 0n ? -units : units);
        expect(toDecimalString(parsed)).toBe(units === 0n ? text.replace('-', '') : text);
      }),
      settings,
    );
  });
});

/** The locales whose separators the parser is held to: decimal point, decimal comma, spaces, apostrophes, Indian grouping. */
const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN', 'es-ES'] as const;

/** The group characters a locale's text may use for its own (see parseMoney). */
function groupCharacters(locale: string): { decimal: string; groups: string[] } {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const spaces = [' ', '\u00a0', '\u202f'];
  const apostrophes = ["'", '\u2019'];
  return { decimal, groups: spaces.includes(group) ? spaces : apostrophes.includes(group) ? apostrophes : [group] };
}

function outcome(text: string, currency: string, locale: string): number | Error {
  try {
    return parseMoney(text, currency, { locale }).amount;
  } catch (e) {
    return e as Error;
  }
}

describe('parseMoney reads amounts exactly as their locale writes them', () => {
  const SEPARATORS = [',', '.', ' ', '\u00a0', '\u202f', "'", '\u2019', ''] as const;

  it('a formatted amount, with any group separator, round trips exactly or is refused naming the text; never scaled', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'INR', 'CHF'),
        fc.oneof(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 100_000 })),
        fc.constantFrom(...SEPARATORS),
        fc.boolean(),
        (locale, currency, amount, separator, symbol) => {
          const exponent = currencyExponent(currency) ?? 0;
          const options = { minimumFractionDigits: exponent, maximumFractionDigits: exponent };
          const format = symbol
            ? new Intl.NumberFormat(locale, { style: 'currency', currency, ...options })
            : new Intl.NumberFormat(locale, options);
          const text = format
            .formatToParts(toDecimalString({ amount, currency }) as unknown as number)
            .map((p) => (p.type === 'group' ? separator : p.value))
            .join('');
          const got = outcome(text, currency, locale);
          if (typeof got === 'number') expect(got).toBe(amount);
          else {
            expect((got as DueflowError).code).toBe('VALIDATION');
            expect(got.message).toContain(JSON.stringify(text));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("the locale's own formatting always round trips", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'INR', 'CHF'),
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        (locale, currency, amount) => {
          expect(outcome(formatMoney({ amount, currency }, locale), currency, locale)).toBe(amount);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('text of digits, points, commas and spaces is never read as anything but its exact reading', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '2', '5', '9', '.', ',', ' ', '\u00a0', '\u202f', "'"), { maxLength: 14 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.constantFrom('USD', 'JPY', 'KWD'), text, (locale, currency, t) => {
        const got = outcome(t, currency, locale);
        if (typeof got !== 'number') {
          expect(got.message).toContain(JSON.stringify(t));
          return;
        }
        // The exact reading: leading and trailing decoration (anything but digits, points and
        // commas, as a currency symbol would be) set aside; group characters dropped, only
        // before the decimal separator; the decimal separator read as the point; nothing else.
        const { decimal, groups } = groupCharacters(locale);
        const core = t.replace(/^[^\d.,]+|[^\d.,]+$/g, '');
        const at = core.indexOf(decimal);
        const integer = at === -1 ? core : core.slice(0, at);
        const fraction = at === -1 ? '' : core.slice(at + 1);
        expect(fraction).toMatch(/^\d*$/);
        const digits = [...integer].filter((c) => !groups.includes(c)).join('');
        expect(digits).toMatch(/^\d*$/);
        const exponent = currencyExponent(currency) ?? 0;
        expect(fraction.length).toBeLessThanOrEqual(exponent);
        const exact = BigInt(`${digits || '0'}${fraction.padEnd(exponent, '0')}`);
        expect(got).toBe(Number(exact));
      }),
      { numRuns: 5000 },
    );
  });
});
