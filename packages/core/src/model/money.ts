/**
 * Money: integer minor units plus an ISO 4217 currency. Never a float of major units.
 *
 * All arithmetic is exact; anything that would leave the safe-integer range throws
 * `MONEY_OVERFLOW`, and mixing currencies throws `CURRENCY_MISMATCH`.
 *
 * @module
 */
import { z } from 'zod';
import { DueflowError, describeValue } from '../errors.js';
import { CURRENCY_EXPONENTS, currencyExponent } from './currencies.js';

/** A supported ISO 4217 currency code, e.g. `"EUR"`. */
export const CurrencyCodeSchema = z.string().refine((code) => CURRENCY_EXPONENTS.has(code), { message: 'unknown ISO 4217 currency code' });

/** An amount in integer minor units (cents for USD, yen for JPY, fils for KWD). */
export const MinorUnitsSchema = z.number().int().refine(Number.isSafeInteger, { message: 'outside the safe integer range' });

/**
 * Amounts per currency in minor units (`{ USD: 50000, EUR: 45000 }`), for thresholds and fixed
 * fees. A key that is not an ISO 4217 code is reported with its own path.
 */
export const PerCurrencyAmountsSchema = z.record(z.string(), z.number().int().min(0)).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) {
    if (!CURRENCY_EXPONENTS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown ISO 4217 currency code', input: key });
  }
});

/** Money: `{ amount, currency }` with `amount` in integer minor units of `currency`. */
export const MoneySchema = z.object({
  amount: MinorUnitsSchema,
  currency: CurrencyCodeSchema,
});

/** Money: `{ amount, currency }` with `amount` in integer minor units of `currency`. */
export interface Money {
  /** Integer minor units, e.g. `8420000` for USD 84,200.00. */
  readonly amount: number;
  /** ISO 4217 code. */
  readonly currency: string;
}

function checked(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount)) {
    throw new DueflowError('MONEY_OVERFLOW', `${what}: result ${describeValue(amount)} is not a safe integer number of minor units`);
  }
  return amount;
}

function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    throw new DueflowError('VALIDATION', `currency: unknown ISO 4217 currency code ${describeValue(currency)}`);
  }
  return exponent;
}

function sameCurrency(a: Money, b: Money, op: string): void {
  if (a.currency !== b.currency) {
    throw new DueflowError('CURRENCY_MISMATCH', `${op}: cannot combine ${a.currency} with ${b.currency}`);
  }
}

/**
 * Creates money from integer minor units, validating both parts.
 *
 * @example
 * ```ts
 * money(8420000, 'USD'); // USD 84,200.00
 * ```
 */
export function money(amount: number, currency: string): Money {
  exponentOf(currency);
  if (!Number.isSafeInteger(amount)) {
    throw new DueflowError('VALIDATION', `amount: expected integer minor units, got ${describeValue(amount)}`);
  }
  return { amount, currency };
}

/**
 * Zero in a currency.
 *
 * @example
 * ```ts
 * zero('EUR'); // { amount: 0, currency: 'EUR' }
 * ```
 */
export function zero(currency: string): Money {
  return money(0, currency);
}

/**
 * Sum of two amounts of the same currency.
 *
 * @example
 * ```ts
 * add(money(150, 'USD'), money(250, 'USD')); // { amount: 400, currency: 'USD' }
 * ```
 */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b, 'add');
  return { amount: checked(a.amount + b.amount, 'add'), currency: a.currency };
}

/**
 * `a - b` in the same currency.
 *
 * @example
 * ```ts
 * subtract(money(1000, 'EUR'), money(250, 'EUR')); // { amount: 750, currency: 'EUR' }
 * ```
 */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b, 'subtract');
  return { amount: checked(a.amount - b.amount, 'subtract'), currency: a.currency };
}

/**
 * Sum of a list of amounts in `currency` (zero when empty).
 *
 * @example
 * ```ts
 * sum([money(1, 'USD'), money(2, 'USD')], 'USD'); // { amount: 3, currency: 'USD' }
 * ```
 */
export function sum(items: readonly Money[], currency: string): Money {
  let total = zero(currency);
  for (const item of items) total = add(total, item);
  return total;
}

/**
 * Compares two amounts of the same currency: negative, zero or positive.
 *
 * @example
 * ```ts
 * compare(money(1, 'USD'), money(2, 'USD')) < 0; // true
 * ```
 */
export function compare(a: Money, b: Money): number {
  sameCurrency(a, b, 'compare');
  return a.amount - b.amount;
}

/** Rounding used when a computation falls between two minor units. */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const r = n % d;
  if (r !== 0n) {
    const twice = r * 2n;
    const roundAway =
      mode === 'up' || (mode === 'half-up' && twice >= d) || (mode === 'half-even' && (twice > d || (twice === d && q % 2n === 1n)));
    if (roundAway) q += 1n;
  }
  return negative ? -q : q;
}

/**
 * Multiplies money by an exact rational `numerator / denominator`, rounding once.
 * Used for percentage fees, discounts and interest, where floats would drift.
 *
 * @example
 * ```ts
 * multiply(money(420000, 'USD'), 95, 100); // { amount: 399000, currency: 'USD' } (95%)
 * ```
 */
export function multiply(m: Money, numerator: number | bigint, denominator: number | bigint = 1, mode: RoundingMode = 'half-up'): Money {
  const d = BigInt(denominator);
  if (d === 0n) throw new DueflowError('INVALID_OPERATION', 'multiply: denominator must not be 0');
  const result = divRound(BigInt(m.amount) * BigInt(numerator), d, mode);
  return { amount: checked(Number(result), 'multiply'), currency: m.currency };
}

/**
 * Splits money into parts proportional to `ratios`, exactly: the parts always sum to the whole.
 * Remainder minor units go to the earliest parts (largest-remainder order, ties to the first).
 *
 * @example
 * ```ts
 * allocate(money(8420000, 'USD'), [1, 1, 1]).map((m) => m.amount); // [2806667, 2806667, 2806666]
 * allocate(money(1000, 'EUR'), [1, 3]).map((m) => m.amount);        // [250, 750]
 * ```
 */
export function allocate(m: Money, ratios: readonly number[]): Money[] {
  if (ratios.length === 0) throw new DueflowError('INVALID_OPERATION', 'allocate: ratios must not be empty');
  for (const [i, r] of ratios.entries()) {
    if (!Number.isSafeInteger(r) || r < 0) {
      throw new DueflowError('INVALID_OPERATION', `allocate: ratios[${i}] must be a non-negative integer, got ${describeValue(r)}`);
    }
  }
  const total = ratios.reduce((a, b) => a + b, 0);
  if (total === 0) throw new DueflowError('INVALID_OPERATION', 'allocate: ratios must not all be 0');
  exponentOf(m.currency);
  const amount = BigInt(m.amount);
  const sign = amount < 0n ? -1n : 1n;
  const abs = amount * sign;
  const bigTotal = BigInt(total);
  const parts = ratios.map((r) => (abs * BigInt(r)) / bigTotal);
  const remainders = ratios.map((r, i) => ({ i, rem: (abs * BigInt(r)) % bigTotal }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (ratios[i] === 0) continue;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => ({ amount: Number(p * sign), currency: m.currency }));
}

/**
 * Splits money into `count` parts that differ by at most one `step` of minor units, the larger
 * parts first; any remainder below one step is added to the first part. The parts always sum to
 * the whole. `step` defaults to one whole unit of the currency (so 84,200.00 / 3 is
 * 28,067.00 + 28,067.00 + 28,066.00, as people write installment plans), or to one minor unit
 * when the total is smaller than one whole unit per part.
 *
 * @example
 * ```ts
 * split(money(8420000, 'USD'), 3).map((m) => m.amount); // [2806700, 2806700, 2806600]
 * split(money(100, 'USD'), 3).map((m) => m.amount);     // [34, 33, 33]
 * ```
 */
export function split(m: Money, count: number, options: { step?: number } = {}): Money[] {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new DueflowError('INVALID_OPERATION', `split: count must be a positive integer, got ${describeValue(count)}`);
  }
  const unit = 10 ** exponentOf(m.currency);
  const step = options.step ?? (Math.abs(m.amount) >= unit * count ? unit : 1);
  if (!Number.isSafeInteger(step) || step < 1) {
    throw new DueflowError('INVALID_OPERATION', `split: step must be a positive integer, got ${describeValue(step)}`);
  }
  const sign = m.amount < 0 ? -1 : 1;
  const abs = Math.abs(m.amount);
  const steps = Math.floor(abs / step);
  const rest = abs - steps * step; // below one step: goes to the first part
  const base = Math.floor(steps / count);
  const extra = steps - base * count;
  const out: Money[] = [];
  for (let i = 0; i < count; i++) {
    const units = (base + (i < extra ? 1 : 0)) * step + (i === 0 ? rest : 0);
    out.push({ amount: units * sign, currency: m.currency });
  }
  return out;
}

/**
 * Formats minor units as a plain decimal string in major units, exactly (`8420000` USD → `"84200.00"`).
 *
 * @example
 * ```ts
 * toDecimalString(money(-5, 'KWD')); // "-0.005"
 * ```
 */
export function toDecimalString(m: Money): string {
  const exponent = exponentOf(m.currency);
  const negative = m.amount < 0;
  const digits = String(Math.abs(m.amount)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string, display: 'symbol' | 'code'): Intl.NumberFormat {
  // A memo of immutable Intl objects: it cannot change any result, only the cost of the next call.
  const key = `${locale}|${currency}|${display}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    const exponent = exponentOf(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    if (formatters.size > 512) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats money for people in a locale, with the currency's ISO exponent, exactly.
 *
 * @example
 * ```ts
 * formatMoney(money(123450, 'EUR'), 'de-DE'); // "1.234,50 €"
 * formatMoney(money(8420000, 'USD'), 'en-US'); // "$84,200.00"
 * ```
 */
export function formatMoney(m: Money, locale = 'en-US', options: { currencyDisplay?: 'symbol' | 'code' } = {}): string {
  // Intl formats decimal strings exactly (no float rounding of large amounts).
  return formatterFor(locale, m.currency, options.currencyDisplay ?? 'symbol').format(toDecimalString(m) as unknown as number);
}

/**
 * How a locale writes numbers: its decimal separator, the characters accepted as its group
 * separator, and its group sizes (`primary` next to the decimal separator, `secondary` further
 * left: 3 and 3 for en-US, 3 and 2 for en-IN's `12,34,567`).
 */
interface NumberStyle {
  readonly decimal: string;
  /** The locale's own group character. */
  readonly group: string;
  /** Characters read as a group separator: the locale's own, plus its everyday spellings. */
  readonly groups: ReadonlySet<string>;
  readonly primary: number;
  readonly secondary: number;
}

const SPACE_GROUPS: readonly string[] = [' ', '\u00a0', '\u202f'];
const APOSTROPHE_GROUPS: readonly string[] = ["'", '\u2019'];

const styles = new Map<string, NumberStyle>();

function numberStyleFor(locale: string): NumberStyle {
  let found = styles.get(locale);
  if (found === undefined) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1_234_567_890.5);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const sizes = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
    const primary = sizes.at(-1) ?? 3;
    const secondary = sizes.length > 2 ? (sizes.at(-2) ?? primary) : primary;
    // People type a plain space for fr-FR's narrow no-break space, and an apostrophe for de-CH's.
    const groups = new Set([
      group,
      ...(SPACE_GROUPS.includes(group) ? SPACE_GROUPS : []),
      ...(APOSTROPHE_GROUPS.includes(group) ? APOSTROPHE_GROUPS : []),
    ]);
    groups.delete(decimal);
    found = { decimal, group, groups, primary, secondary };
    if (styles.size > 256) styles.clear();
    styles.set(locale, found);
  }
  return found;
}

/** Whether `sizes` (digits per group, left to right) is a grouping `style` allows. */
function validGrouping(sizes: readonly number[], style: NumberStyle): boolean {
  const fits = (secondary: number): boolean =>
    sizes.every((n, i) => (i === sizes.length - 1 ? n === style.primary : i === 0 ? n >= 1 && n <= secondary : n === secondary));
  // Where the locale groups by two (en-IN), the three-digit grouping many exports use reads the same.
  return fits(style.secondary) || (style.secondary !== style.primary && fits(style.primary));
}

/** Options of {@link parseMoney}. */
export interface ParseMoneyOptions {
  /**
   * Locale whose decimal and grouping separators the text uses (`de-DE` reads `1.234,50`).
   * @default 'en-US'
   */
  readonly locale?: string;
  /**
   * What to do with more fraction digits than the currency has: throw, or round.
   * @default 'reject'
   */
  readonly excessPrecision?: 'reject' | RoundingMode;
}

const currencySymbols = new Map<string, readonly string[]>();

/** How `currency` is written in `locale` (symbol, narrow symbol, code), longest first. */
function symbolsFor(locale: string, currency: string): readonly string[] {
  const key = `${locale}|${currency}`;
  let found = currencySymbols.get(key);
  if (found === undefined) {
    const set = new Set<string>([currency]);
    for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code', 'name'] as const) {
      try {
        for (const part of new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1)) {
          if (part.type === 'currency') set.add(part.value);
        }
      } catch {
        // An unusual display the runtime does not support: the others suffice.
      }
    }
    found = [...set].sort((a, b) => b.length - a.length);
    if (currencySymbols.size > 512) currencySymbols.clear();
    currencySymbols.set(key, found);
  }
  return found;
}

/**
 * Parses a human-written amount exactly into minor units: `"1,234.50"`, `"€1.234,50"` (with
 * `locale: 'de-DE'`), `"(1,234.50)"` and `"-1234.5"`. The text is read exactly as `locale`
 * writes numbers: one decimal separator, and group separators only between groups of digits
 * counted from the decimal separator (three digits each; en-IN's `12,34,567` and the
 * three-digit `1,234,567` both read in en-IN). The locale's own group character is accepted
 * with its everyday spellings: any space (plain, no-break, narrow no-break) where the locale
 * groups with a space (fr-FR), and `'` or `’` where it groups with an apostrophe (de-CH).
 * Anything else, such as `"12,50"` in en-US, throws a `VALIDATION` error naming the text, as
 * does an amount with more decimals than the currency allows: a separator is never dropped
 * and an amount never rescaled.
 *
 * @example
 * ```ts
 * parseMoney('1,234.50', 'USD');                     // { amount: 123450, currency: 'USD' }
 * parseMoney('€1.234,50', 'EUR', { locale: 'de-DE' }); // { amount: 123450, currency: 'EUR' }
 * parseMoney('12,34,567.00', 'INR', { locale: 'en-IN' }); // { amount: 123456700, currency: 'INR' }
 * parseMoney('1,000', 'JPY');                        // { amount: 1000, currency: 'JPY' }
 * parseMoney('12,50', 'EUR');                        // throws: a comma is no decimal separator in en-US
 * ```
 */
export function parseMoney(text: string, currency: string, options: ParseMoneyOptions = {}): Money {
  const exponent = exponentOf(currency);
  const locale = options.locale ?? 'en-US';
  const style = numberStyleFor(locale);
  const fail = (why: string): never => {
    throw new DueflowError('VALIDATION', `amount: ${describeValue(text)} is not a valid ${currency} amount (${why})`);
  };
  if (typeof text !== 'string') return fail('not text');
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('+') || s.startsWith('\u2212')) {
    negative = negative !== (s[0] !== '+');
    s = s.slice(1).trim();
  }
  // Strip the currency however the locale writes it ("$", "Cg.", "US$", "USD"), then any other
  // leading or trailing symbol.
  for (const symbol of symbolsFor(locale, currency)) {
    if (s.startsWith(symbol)) s = s.slice(symbol.length).trim();
    if (s.endsWith(symbol)) s = s.slice(0, -symbol.length).trim();
  }
  if (s.toUpperCase().startsWith(currency)) s = s.slice(currency.length).trim();
  if (s.toUpperCase().endsWith(currency)) s = s.slice(0, -currency.length).trim();
  s = s.replace(/^[^\d\-+.,(]+|[^\d.,)]+$/gu, '').trim();
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = !negative;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== (s[0] === '-');
    s = s.slice(1);
  }
  s = s.replace(/^[^\d.,]+/u, '');
  const decimalAt = s.indexOf(style.decimal);
  if (decimalAt !== -1 && s.indexOf(style.decimal, decimalAt + 1) !== -1)
    fail(`more than one ${describeValue(style.decimal)}, the decimal separator in ${locale}`);
  const integer = decimalAt === -1 ? s : s.slice(0, decimalAt);
  let fraction = decimalAt === -1 ? '' : s.slice(decimalAt + 1);
  const groups: string[] = [];
  let start = 0;
  for (let i = 0; i < integer.length; i++) {
    const c = integer[i] ?? '';
    if (c >= '0' && c <= '9') continue;
    if (!style.groups.has(c))
      fail(
        c === '.' || c === ','
          ? `${describeValue(c)} is not a separator in ${locale}; set the number locale the text is written in`
          : 'unexpected characters',
      );
    groups.push(integer.slice(start, i));
    start = i + 1;
  }
  groups.push(integer.slice(start));
  if (
    groups.length > 1 &&
    !validGrouping(
      groups.map((g) => g.length),
      style,
    )
  ) {
    const sizes = style.primary === style.secondary ? `${style.primary}` : `${style.primary}, then ${style.secondary}`;
    fail(
      `a group separator where ${locale} allows none: it groups digits by ${sizes} from the decimal separator ${describeValue(style.decimal)}`,
    );
  }
  let whole = groups.join('');
  if (whole === '' && fraction === '') fail('no digits');
  if (whole === '') whole = '0';
  if (fraction !== '' && !/^\d+$/.test(fraction)) {
    fail(
      [...fraction].some((c) => style.groups.has(c) || c === '.' || c === ',')
        ? `a separator after the decimal separator ${describeValue(style.decimal)} of ${locale}`
        : 'unexpected characters',
    );
  }
  let amount: bigint;
  if (fraction.length > exponent) {
    const mode = options.excessPrecision ?? 'reject';
    if (mode === 'reject') fail(`more than ${exponent} decimal places`);
    const scaled = BigInt(whole + fraction);
    amount = divRound(scaled, 10n ** BigInt(fraction.length - exponent), mode as RoundingMode);
  } else {
    fraction = fraction.padEnd(exponent, '0');
    amount = BigInt(whole + fraction);
  }
  const result = Number(negative ? -amount : amount);
  if (!Number.isSafeInteger(result)) fail('too large');
  return { amount: result === 0 ? 0 : result, currency };
}
