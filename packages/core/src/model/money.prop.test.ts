import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCurrency, arbMoney, checkAllocation, checkDecimalRoundTrip, checkFormatRoundTrip, checkSplit, type InvariantResult } from '@dueflow/testing';
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
    fc.assert(fc.property(arbSigned, arbRatios, (m, ratios) => holds(checkAllocation(m, ratios))), settings);
  });

  it('allocate of the largest safe amounts stays exact', () => {
    fc.assert(
      fc.property(arbMoney(undefined, { min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER }), arbRatios, (m, ratios) => holds(checkAllocation(m, ratios))),
      { numRuns: 100 },
    );
  });

  it('split sums exactly, never goes negative for non-negative totals, and parts differ by at most one step', () => {
    fc.assert(fc.property(arbSigned, fc.integer({ min: 1, max: 36 }), (m, count) => holds(checkSplit(m, count))), settings);
  });

  it('split with an explicit step', () => {
    fc.assert(
      fc.property(arbMoney(), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 10_000 }), (m, count, step) => holds(checkSplit(m, count, { step }))),
      settings,
    );
  });

  it('parseMoney(toDecimalString(m)) round trips', () => {
    fc.assert(fc.property(arbSigned, (m) => holds(checkDecimalRoundTrip(m))), settings);
    fc.assert(fc.property(arbMoney(undefined, { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (m) => holds(checkDecimalRoundTrip(m))), settings);
  });

  it('formatMoney never throws for valid money in common locales and round trips through parseMoney', () => {
    const locale = fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'en-IN', 'es-CL');
    fc.assert(fc.property(arbSigned, locale, (m, l) => holds(checkFormatRoundTrip(m, l))), settings);
  });

  it('formatMoney never throws in any currency of the table', () => {
    fc.assert(
      fc.property(arbCurrency(), fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('en-US', 'ar-EG', 'hi-IN', 'zh-CN'), (currency, amount, l) => {
        const text = formatMoney({ amount, currency }, l);
        expect(text.length).toBeGreaterThan(0);
      }),
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
