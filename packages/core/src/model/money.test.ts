import { describe, expect, it } from 'vitest';
import { DueflowError } from '../errors.js';
import { currencyExponent, isCurrencyCode } from './currencies.js';
import { add, allocate, compare, formatMoney, money, multiply, parseMoney, split, subtract, sum, toDecimalString, zero } from './money.js';

const amounts = (parts: readonly { amount: number }[]): number[] => parts.map((p) => p.amount);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DueflowError ? e.code : 'not a DueflowError';
  }
  return undefined;
}

describe('currencies', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
    expect(isCurrencyCode(code)).toBe(true);
  });

  it('knows no lower-case or made-up codes', () => {
    expect(currencyExponent('XXX')).toBeUndefined();
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
  });
});

describe('money arithmetic', () => {
  it('validates its parts', () => {
    expect(money(8420000, 'USD')).toEqual({ amount: 8420000, currency: 'USD' });
    expect(codeOf(() => money(10.5, 'USD'))).toBe('VALIDATION');
    expect(codeOf(() => money(1, 'XXX'))).toBe('VALIDATION');
    expect(codeOf(() => money(2 ** 53, 'USD'))).toBe('VALIDATION');
  });

  it('adds, subtracts, sums and compares in one currency', () => {
    expect(add(money(150, 'USD'), money(250, 'USD'))).toEqual(money(400, 'USD'));
    expect(subtract(money(1000, 'EUR'), money(1250, 'EUR'))).toEqual(money(-250, 'EUR'));
    expect(sum([money(1, 'JPY'), money(2, 'JPY'), money(3, 'JPY')], 'JPY')).toEqual(money(6, 'JPY'));
    expect(sum([], 'KWD')).toEqual(zero('KWD'));
    expect(compare(money(1, 'USD'), money(2, 'USD'))).toBeLessThan(0);
  });

  it('refuses to mix currencies or leave the safe-integer range', () => {
    expect(codeOf(() => add(money(1, 'USD'), money(1, 'EUR')))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => compare(money(1, 'USD'), money(1, 'JPY')))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD')))).toBe('MONEY_OVERFLOW');
    expect(codeOf(() => multiply(money(Number.MAX_SAFE_INTEGER, 'USD'), 2))).toBe('MONEY_OVERFLOW');
  });

  it('multiplies by exact rationals with the chosen rounding', () => {
    expect(multiply(money(420000, 'USD'), 95, 100)).toEqual(money(399000, 'USD'));
    expect(multiply(money(5, 'USD'), 1, 2).amount).toBe(3); // half-up
    expect(multiply(money(5, 'USD'), 1, 2, 'half-even').amount).toBe(2);
    expect(multiply(money(7, 'USD'), 1, 2, 'half-even').amount).toBe(4);
    expect(multiply(money(-5, 'USD'), 1, 2).amount).toBe(-3);
    expect(multiply(money(9, 'USD'), 1, 10, 'down').amount).toBe(0);
    expect(multiply(money(1, 'USD'), 1, 10, 'up').amount).toBe(1);
    expect(codeOf(() => multiply(money(1, 'USD'), 1, 0))).toBe('INVALID_OPERATION');
  });
});

describe('allocate and split', () => {
  it('splits 84,200.00 into 28,067.00 + 28,067.00 + 28,066.00', () => {
    expect(amounts(split(money(8420000, 'USD'), 3))).toEqual([2806700, 2806700, 2806600]);
  });

  it("allocates by minor units, not whole units (the allocate TSDoc example shows split's result)", () => {
    expect(amounts(allocate(money(8420000, 'USD'), [1, 1, 1]))).toEqual([2806667, 2806667, 2806666]);
  });

  it('splits by whole units of each exponent', () => {
    expect(amounts(split(money(100, 'JPY'), 3))).toEqual([34, 33, 33]);
    expect(amounts(split(money(100_000, 'KWD'), 3))).toEqual([34_000, 33_000, 33_000]);
    expect(amounts(split(money(1_000_000, 'CLF'), 3))).toEqual([340_000, 330_000, 330_000]);
  });

  it('keeps a remainder below one unit on the first part, and falls back to minor units for small totals', () => {
    expect(amounts(split(money(10050, 'USD'), 3))).toEqual([3450, 3300, 3300]);
    expect(amounts(split(money(100, 'USD'), 3))).toEqual([34, 33, 33]);
    expect(amounts(split(money(-10000, 'USD'), 3))).toEqual([-3400, -3300, -3300]);
    expect(amounts(split(money(1000, 'USD'), 4, { step: 5 }))).toEqual([250, 250, 250, 250]);
  });

  it('allocates by ratio with remainders to the largest remainders first', () => {
    expect(amounts(allocate(money(100, 'USD'), [1, 2]))).toEqual([33, 67]);
    expect(amounts(allocate(money(5, 'JPY'), [0, 1, 1]))).toEqual([0, 3, 2]);
    expect(amounts(allocate(money(-100, 'USD'), [1, 1, 1]))).toEqual([-34, -33, -33]);
  });

  it('rejects bad counts and ratios', () => {
    expect(codeOf(() => split(money(100, 'USD'), 0))).toBe('INVALID_OPERATION');
    expect(codeOf(() => split(money(100, 'USD'), 1.5))).toBe('INVALID_OPERATION');
    expect(codeOf(() => split(money(100, 'USD'), 2, { step: 0 }))).toBe('INVALID_OPERATION');
    expect(codeOf(() => allocate(money(100, 'USD'), []))).toBe('INVALID_OPERATION');
    expect(codeOf(() => allocate(money(100, 'USD'), [0, 0]))).toBe('INVALID_OPERATION');
    expect(codeOf(() => allocate(money(100, 'USD'), [1, -1]))).toBe('INVALID_OPERATION');
    expect(codeOf(() => allocate(money(100, 'USD'), [0.5, 1]))).toBe('INVALID_OPERATION');
  });
});

describe('decimal text', () => {
  it.each([
    [8420000, 'USD', '84200.00'],
    [-5, 'KWD', '-0.005'],
    [1000, 'JPY', '1000'],
    [1, 'CLF', '0.0001'],
    [0, 'EUR', '0.00'],
  ])('toDecimalString(%i %s) is %s', (amount, currency, text) => {
    expect(toDecimalString(money(amount, currency))).toBe(text);
  });
});

describe('formatMoney', () => {
  it('formats with the ISO exponent in the locale', () => {
    expect(formatMoney(money(8420000, 'USD'), 'en-US')).toBe('$84,200.00');
    expect(formatMoney(money(123450, 'EUR'), 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(money(1000, 'JPY'), 'en-US')).toBe('¥1,000');
    expect(formatMoney(money(1234, 'KWD'), 'en-US', { currencyDisplay: 'code' })).toBe('KWD\u00a01.234');
    expect(formatMoney(money(12345, 'CLF'), 'en-US', { currencyDisplay: 'code' })).toBe('CLF\u00a01.2345');
  });

  it('is exact for amounts beyond float precision of major units', () => {
    expect(formatMoney(money(9_007_199_254_740_991, 'USD'), 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

describe('parseMoney', () => {
  it.each([
    ['1,234.50', 'USD', {}, 123450],
    ['€1.234,50', 'EUR', { locale: 'de-DE' }, 123450],
    ['1.234,50 €', 'EUR', { locale: 'de-DE' }, 123450],
    ['(1,234.50)', 'USD', {}, -123450],
    ['-1234.5', 'USD', {}, -123450],
    ['USD 12', 'USD', {}, 1200],
    ['$0.07', 'USD', {}, 7],
    ['1,000', 'JPY', {}, 1000],
    ['¥1,000', 'JPY', {}, 1000],
    ['1.234', 'KWD', {}, 1234],
    ['0.0001', 'CLF', {}, 1],
    ['1\u202f234,50', 'EUR', { locale: 'fr-FR' }, 123450],
    ['.5', 'USD', {}, 50],
    ['12.345', 'USD', { excessPrecision: 'half-up' as const }, 1235],
    ['12.345', 'USD', { excessPrecision: 'half-even' as const }, 1234],
    ['-0', 'USD', {}, 0],
    ['1 234,50', 'EUR', { locale: 'fr-FR' }, 123450],
    ['1\u00a0234\u00a0567,5', 'EUR', { locale: 'fr-FR' }, 123456750],
    ["CHF 1'234.50", 'CHF', { locale: 'de-CH' }, 123450],
    ['1\u2019234.50', 'CHF', { locale: 'de-CH' }, 123450],
    ['12,34,567.50', 'INR', { locale: 'en-IN' }, 123456750],
    ['1,234,567.50', 'INR', { locale: 'en-IN' }, 123456750],
    ['1.234,50', 'EUR', { locale: 'es-ES' }, 123450],
    ['1234,50', 'EUR', { locale: 'es-ES' }, 123450],
    ['12,50', 'EUR', { locale: 'de-DE' }, 1250],
  ])('reads %j in %s', (text, currency, options, amount) => {
    expect(parseMoney(text, currency, options)).toEqual({ amount, currency });
  });

  it.each([
    ['', 'USD'],
    ['abc', 'USD'],
    ['12.345', 'USD'],
    ['1.5', 'JPY'],
    ['1.2.3', 'USD'],
    ['12-3', 'USD'],
    ['99999999999999999999', 'USD'],
    ['12,50', 'USD'],
    ['0,99', 'USD'],
    ['1,5', 'USD'],
    ['1,2345', 'USD'],
    [',50', 'USD'],
    ['1,234,5', 'USD'],
    ['12,34,567.50', 'USD'],
    ['1 234.50', 'USD'],
    ["1'234.50", 'USD'],
    ['1.234,50', 'USD'],
  ])('rejects %j in %s with a VALIDATION error naming the text', (text, currency) => {
    let error: unknown;
    try {
      parseMoney(text, currency);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DueflowError);
    expect((error as DueflowError).code).toBe('VALIDATION');
    expect((error as DueflowError).message).toContain(JSON.stringify(text));
  });

  it.each([
    ['1.23,50', 'de-DE'],
    ['1,234.50', 'de-DE'],
    ['1 23,50', 'fr-FR'],
    ['1.234,50', 'fr-FR'],
    ["12'50", 'de-CH'],
    ['1,2,34,567.50', 'en-IN'],
    ['12,3,567.50', 'en-IN'],
    ['12.50', 'es-ES'],
  ])('rejects %j in %s, where a separator stands in a place the locale does not allow', (text, locale) => {
    expect(() => parseMoney(text, 'EUR', { locale })).toThrow(JSON.stringify(text));
  });

  it('rejects an unknown currency', () => {
    expect(codeOf(() => parseMoney('1.00', 'XXX'))).toBe('VALIDATION');
  });
});
