/**
 * Amounts as CSV exports write them (`1,234.50`, `€1.234,50`, `1 234,50`), converted exactly to
 * integer minor units by the core's `parseMoney`, with a fast path for plain digits.
 *
 * @module
 */
import { currencyExponent, DueflowError, parseMoney } from '@dueflow/core';

/** Reads one amount: integer minor units, or the reason it is not an amount. */
export type AmountParser = (text: string) => number | { readonly error: string };

function decimalSeparator(locale: string): number {
  const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
  return (parts.find((p) => p.type === 'decimal')?.value ?? '.').charCodeAt(0);
}

/**
 * Creates a parser of amounts in `currency`, written with the separators of `locale`.
 * Plain digits with an optional decimal part (`55.94`) are converted directly; everything else
 * (grouping, symbols, signs, parentheses) goes through `parseMoney`, so both paths give the
 * same minor units and `parseMoney` stays the single definition of what an amount is.
 *
 * @example
 * ```ts
 * const usd = createAmountParser('USD', 'en-US');
 * usd('1,234.50');                                  // 123450
 * createAmountParser('EUR', 'de-DE')('€1.234,50');  // 123450
 * createAmountParser('EUR', 'fr-FR')('1 234,50');   // 123450
 * usd('12.345');                                    // { error: '...more than 2 decimal places...' }
 * ```
 */
export function createAmountParser(currency: string, locale = 'en-US'): AmountParser {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new DueflowError('CONFIG', `currency: unknown ISO 4217 currency code ${JSON.stringify(currency)}`);
  const decimal = decimalSeparator(locale);
  const scale = [1, 10, 100, 1000, 10_000];
  const slow = (text: string): number | { readonly error: string } => {
    try {
      return parseMoney(text, currency, { locale }).amount;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  return (text) => {
    const n = text.length;
    // Twelve characters keep `whole * 10^exponent` far inside the safe-integer range.
    if (n === 0 || n > 12) return slow(text);
    let whole = 0;
    let fraction = 0;
    let digits = -1;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === decimal && digits === -1 && i > 0) {
        digits = 0;
        continue;
      }
      const d = c - 48;
      if (d < 0 || d > 9) return slow(text);
      if (digits === -1) whole = whole * 10 + d;
      else {
        fraction = fraction * 10 + d;
        digits++;
      }
    }
    if (digits === 0 || digits > exponent) return slow(text);
    const fractionDigits = digits === -1 ? 0 : digits;
    return whole * (scale[exponent] ?? 1) + fraction * (scale[exponent - fractionDigits] ?? 1);
  };
}
