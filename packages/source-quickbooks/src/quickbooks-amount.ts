/**
 * QuickBooks amounts to ISO 4217 minor units. QuickBooks writes amounts as JSON decimal numbers
 * in major units (`362.07`). They are read through their shortest decimal string (what
 * `String(n)` gives, which round-trips exactly to the same double), never by multiplying floats.
 *
 * @module
 */
import { currencyExponent, describeValue, type Money } from '@dueflow/core';

/** Money, or why the QuickBooks amount cannot be one. */
export type QuickBooksAmountResult = { readonly money: Money } | { readonly field: 'currency' | 'amount'; readonly message: string };

/**
 * Converts a QuickBooks decimal amount in major units and its ISO currency code to exact minor
 * units. An unknown currency, an amount with more decimals than the currency has (10.005 USD,
 * 1.5 JPY), or one outside the safe integer range is reported, never rounded.
 *
 * @example
 * ```ts
 * fromQuickBooksAmount(362.07, 'USD'); // { money: { amount: 36207, currency: 'USD' } }
 * fromQuickBooksAmount(1.234, 'KWD'); // { money: { amount: 1234, currency: 'KWD' } }
 * fromQuickBooksAmount(10.005, 'USD'); // { field: 'amount', message: '10.005 is not a whole number of USD minor units (2 decimals)' }
 * ```
 */
export function fromQuickBooksAmount(amount: number, currency: string): QuickBooksAmountResult {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return { field: 'currency', message: `unknown ISO 4217 currency code ${describeValue(currency)}` };
  if (!Number.isFinite(amount)) return { field: 'amount', message: `${describeValue(amount)} is not a finite number` };
  const text = String(amount);
  // Exponent forms (1e-7, 1e+21) are either finer than any currency's minor unit or beyond the safe range.
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return { field: 'amount', message: `${text} is not an exact amount of ${currency} minor units` };
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    return { field: 'amount', message: `${text} is not a whole number of ${currency} minor units (${exponent} decimals)` };
  }
  const minor = Number(`${sign}${whole}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor))
    return { field: 'amount', message: `${text} ${currency} is outside the safe integer range of minor units` };
  return { money: { amount: minor === 0 ? 0 : minor, currency } };
}
