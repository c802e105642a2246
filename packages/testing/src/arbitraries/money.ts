/**
 * Arbitraries for money: currencies of every ISO 4217 exponent and exact minor-unit amounts.
 *
 * @module
 */
import fc from 'fast-check';
import { CURRENCY_EXPONENTS, type Money } from '@dueflow/core';

/**
 * Currencies the arbitraries favour: two of each exponent 0 (JPY, KRW, CLP), 2 (USD, EUR, GBP,
 * INR), 3 (BHD, KWD, TND) and 4 (CLF, UYW), where rounding bugs hide.
 *
 * @example
 * ```ts
 * SAMPLE_CURRENCIES.includes('KWD'); // true
 * ```
 */
export const SAMPLE_CURRENCIES: readonly string[] = ['JPY', 'KRW', 'CLP', 'USD', 'EUR', 'GBP', 'INR', 'BHD', 'KWD', 'TND', 'CLF', 'UYW'];

const ALL_CURRENCIES: readonly string[] = [...CURRENCY_EXPONENTS.keys()];

/**
 * A supported ISO 4217 currency code, mostly from {@link SAMPLE_CURRENCIES}, sometimes any code
 * of the table.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbCurrency(), (c) => currencyExponent(c) !== undefined));
 * ```
 */
export function arbCurrency(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...SAMPLE_CURRENCIES), weight: 4 },
    { arbitrary: fc.constantFrom(...ALL_CURRENCIES), weight: 1 },
  );
}

/** Options of {@link arbMoney}. */
export interface ArbMoneyOptions {
  /**
   * Smallest amount in minor units.
   * @default 0
   */
  readonly min?: number;
  /**
   * Largest amount in minor units.
   * @default 100_000_000_000
   */
  readonly max?: number;
}

/**
 * Money in integer minor units: in `currency` when given, else in a currency from
 * {@link arbCurrency}. Amounts are biased towards small values and the bounds (fast-check's
 * integer bias), so zero, one minor unit and large totals all show up.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbMoney('KWD'), (m) => Number.isSafeInteger(m.amount)));
 * fc.assert(fc.property(arbMoney(undefined, { min: -1000, max: 1000 }), (m) => Math.abs(m.amount) <= 1000));
 * ```
 */
export function arbMoney(currency?: string, options: ArbMoneyOptions = {}): fc.Arbitrary<Money> {
  const amount = fc.integer({ min: options.min ?? 0, max: options.max ?? 100_000_000_000 });
  const code = currency === undefined ? arbCurrency() : fc.constant(currency);
  return fc.record({ amount, currency: code });
}
