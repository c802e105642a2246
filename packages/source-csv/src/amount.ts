/**
 * Amounts as CSV exports write them (`1,234.50`, `€1.234,50`, `1 234,50`), converted exactly to
 * integer minor units by the core's `parseMoney`, with a fast path for plain digits. An amount
 * is read only as the mapping's `numberLocale` writes numbers: `12,50` is refused in en-US, not
 * read as 1250.
 *
 * @module
 */
import { currencyExponent, DueflowError, parseMoney } from '@dueflow/core';

/**
 * Reads one amount: integer minor units, or the reason it is not an amount. A refused text that
 * another common locale would read carries that locale in `looksLike` (`"12,50"` refused in
 * en-US looks like `de-DE`).
 */
export type AmountParser = (text: string) => number | { readonly error: string; readonly looksLike?: string };

/**
 * Locales whose ways of writing numbers a refused amount is compared with: decimal point or
 * comma, grouping by `,` `.` space or apostrophe, and Indian grouping.
 */
const REFERENCE_LOCALES = ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN'] as const;

const partsByLocale = new Map<string, { group: string; decimal: string; grouping: string }>();

function numberParts(locale: string): { group: string; decimal: string; grouping: string } {
  let found = partsByLocale.get(locale);
  if (found === undefined) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1_234_567.5);
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      grouping: parts
        .filter((p) => p.type === 'integer')
        .map((p) => p.value.length)
        .join(','),
    };
    if (partsByLocale.size > 64) partsByLocale.clear();
    partsByLocale.set(locale, found);
  }
  return found;
}

/**
 * The first common locale, other than `locale`, that reads `text` as an amount of `currency`;
 * `undefined` when none does. Used to explain a refused amount, never to read one.
 *
 * @example
 * ```ts
 * otherLocaleReading('12,50', 'EUR', 'en-US'); // 'de-DE'
 * otherLocaleReading('12.50', 'USD', 'en-US'); // undefined
 * ```
 */
export function otherLocaleReading(text: string, currency: string, locale: string): string | undefined {
  const own = numberParts(locale);
  for (const other of REFERENCE_LOCALES) {
    const parts = numberParts(other);
    if (parts.group === own.group && parts.decimal === own.decimal && parts.grouping === own.grouping) continue;
    try {
      parseMoney(text, currency, { locale: other });
      return other;
    } catch {
      // Not this locale's way either.
    }
  }
  return undefined;
}

/**
 * Whether an amount `locale` read is written in a way only a locale with its separators reads,
 * for a currency with `exponent` decimals: its decimal separator followed by other than exactly
 * three digits (`12.50` in en-US), or, below three decimals, a `,` or `.` group separator (en-US's
 * `1,234` would be 1.234 in de-DE, more decimals than USD has). `1.234` in en-US tells nothing
 * for KWD, nor `500` for any currency.
 *
 * @example
 * ```ts
 * const inLocale = createDecimalSeparatorCheck('en-US');
 * inLocale('1,234.50', 2); // true
 * inLocale('1,234', 2);    // true
 * inLocale('1,234', 3);    // false
 * inLocale('500', 2);      // false
 * ```
 */
export function createDecimalSeparatorCheck(locale: string): (text: string, exponent: number) => boolean {
  const decimal = decimalSeparator(locale);
  const group = numberParts(locale).group;
  const groupCode = group === ',' || group === '.' ? group.charCodeAt(0) : -1;
  return (text, exponent) => {
    let at = -1;
    let grouped = false;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === decimal) {
        at = i;
        break;
      }
      if (c === groupCode) grouped = true;
    }
    if (at === -1) return grouped && exponent < 3;
    let digits = 0;
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits++;
    }
    return digits !== 3;
  };
}

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
 * usd('12.345');                                    // { error: '...more than 2 decimal places...', looksLike: 'de-DE' }
 * usd('12,50');                                     // { error: '...a group separator where en-US allows none...', looksLike: 'de-DE' }
 * ```
 */
export function createAmountParser(currency: string, locale = 'en-US'): AmountParser {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new DueflowError('CONFIG', `currency: unknown ISO 4217 currency code ${JSON.stringify(currency)}`);
  const decimal = decimalSeparator(locale);
  const scale = [1, 10, 100, 1000, 10_000];
  const slow: AmountParser = (text) => {
    try {
      return parseMoney(text, currency, { locale }).amount;
    } catch (error) {
      const looksLike = otherLocaleReading(text, currency, locale);
      return { error: error instanceof Error ? error.message : String(error), ...(looksLike === undefined ? {} : { looksLike }) };
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
