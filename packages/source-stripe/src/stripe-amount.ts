/**
 * Stripe amounts to ISO 4217 minor units. Stripe writes amounts in what it calls the currency's
 * smallest unit: none for its zero-decimal currencies, thousandths for its three-decimal ones,
 * hundredths for every other. That is ISO 4217's minor unit for almost every currency, but not
 * all: Stripe keeps ISK in hundredths (ISO: no minor unit) and MGA without decimals (ISO: two).
 *
 * @module
 */
import { currencyExponent, describeValue, type Money } from '@dueflow/core';

// https://docs.stripe.com/currencies#zero-decimal and #three-decimal
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

function stripeExponent(code: string): number {
  return ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
}

/** Money, or why the Stripe amount cannot be one. */
export type StripeAmountResult = { readonly money: Money } | { readonly field: 'currency' | 'amount'; readonly message: string };

/**
 * Converts a Stripe amount and its lower-case currency to exact ISO 4217 minor units. An unknown
 * currency, or an amount that is not a whole number of the ISO minor unit (ISK 1.50), is
 * reported, never rounded.
 *
 * @example
 * ```ts
 * fromStripeAmount(123_400, 'usd'); // { money: { amount: 123400, currency: 'USD' } }
 * fromStripeAmount(50_000, 'isk'); // { money: { amount: 500, currency: 'ISK' } } (Stripe keeps ISK in hundredths)
 * fromStripeAmount(100, 'xyz'); // { field: 'currency', message: 'unknown ISO 4217 currency code "xyz"' }
 * ```
 */
export function fromStripeAmount(amount: number, currency: string): StripeAmountResult {
  const code = currency.toUpperCase();
  const exponent = currencyExponent(code);
  if (exponent === undefined) return { field: 'currency', message: `unknown ISO 4217 currency code ${describeValue(currency)}` };
  const shift = exponent - stripeExponent(code);
  const factor = 10 ** Math.abs(shift);
  if (shift < 0 && amount % factor !== 0) {
    return {
      field: 'amount',
      message: `Stripe writes ${code} in units of 1/${10 ** stripeExponent(code)}; ${amount} is not a whole number of ISO 4217 minor units`,
    };
  }
  const minor = shift < 0 ? amount / factor : amount * factor;
  if (!Number.isSafeInteger(minor))
    return { field: 'amount', message: `${amount} ${code} is outside the safe integer range of minor units` };
  return { money: { amount: minor, currency: code } };
}
