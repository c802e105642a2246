/**
 * Invariant 7: money is exact.
 *
 * @module
 */
import {
  allocate,
  currencyExponent,
  formatMoney,
  parseMoney,
  split,
  toDecimalString,
  type CompiledPolicy,
  type InstantLike,
  type Money,
  type Snapshot,
} from '@dueflow/core';
import { owedOn } from './closed-invoice.js';
import { decider, fail, OK, type InvariantOptions, type InvariantResult } from './invariant-result.js';

const show = (m: Money): string => `${m.amount} ${m.currency}`;

function sameCurrencyIntegers(m: Money, parts: readonly Money[], op: string): InvariantResult {
  for (const [i, p] of parts.entries()) {
    if (p.currency !== m.currency) return fail(`${op}(${show(m)}): part ${i} is in ${p.currency}`);
    if (!Number.isSafeInteger(p.amount)) return fail(`${op}(${show(m)}): part ${i} is ${p.amount}, not integer minor units`);
  }
  const total = parts.reduce((a, p) => a + BigInt(p.amount), 0n);
  if (total !== BigInt(m.amount)) return fail(`${op}(${show(m)}): parts sum to ${total}, not ${m.amount}`);
  return OK;
}

/**
 * `allocate(m, ratios)` is exact: the parts are integer minor units of `m`'s currency, sum to
 * `m`, have the sign of `m` (zero for a zero ratio), and each is within one minor unit of its
 * exact share `m × ratio / Σratios`.
 *
 * @example
 * ```ts
 * checkAllocation({ amount: 8420000, currency: 'USD' }, [1, 1, 1]); // { ok: true }
 * ```
 */
export function checkAllocation(m: Money, ratios: readonly number[]): InvariantResult {
  const parts = allocate(m, ratios);
  if (parts.length !== ratios.length) return fail(`allocate(${show(m)}): ${parts.length} parts for ${ratios.length} ratios`);
  const basic = sameCurrencyIntegers(m, parts, 'allocate');
  if (!basic.ok) return basic;
  const total = BigInt(ratios.reduce((a, b) => a + b, 0));
  for (const [i, p] of parts.entries()) {
    const r = BigInt(ratios[i] ?? 0);
    if (r === 0n && p.amount !== 0) return fail(`allocate(${show(m)}, [${ratios.join(', ')}]): part ${i} has ratio 0 but is ${p.amount}`);
    if (m.amount >= 0 ? p.amount < 0 : p.amount > 0)
      return fail(`allocate(${show(m)}, [${ratios.join(', ')}]): part ${i} is ${p.amount}, of the wrong sign`);
    // |part × Σ - m × r| < Σ  ⇔  the part is within one minor unit of its exact share.
    const error = BigInt(p.amount) * total - BigInt(m.amount) * r;
    if ((error < 0n ? -error : error) >= total)
      return fail(`allocate(${show(m)}, [${ratios.join(', ')}]): part ${i} is ${p.amount}, a minor unit or more from its share`);
  }
  return OK;
}

/**
 * `split(m, count, { step })` is exact: `count` parts of `m`'s currency summing to `m`, with
 * `m`'s sign; apart from the remainder below one step that the first part carries, every part
 * is a whole number of steps, larger parts come first, and parts differ by at most one step.
 * The default step is one whole unit of the currency, or one minor unit when `m` is smaller
 * than one whole unit per part.
 *
 * @example
 * ```ts
 * checkSplit({ amount: 8420000, currency: 'USD' }, 3); // { ok: true }: 28,067.00 + 28,067.00 + 28,066.00
 * ```
 */
export function checkSplit(m: Money, count: number, options: { step?: number } = {}): InvariantResult {
  const parts = split(m, count, options);
  const label = `split(${show(m)}, ${count}${options.step !== undefined ? `, step ${options.step}` : ''})`;
  if (parts.length !== count) return fail(`${label}: ${parts.length} parts`);
  const basic = sameCurrencyIntegers(m, parts, 'split');
  if (!basic.ok) return basic;
  const unit = 10 ** (currencyExponent(m.currency) ?? 0);
  const abs = Math.abs(m.amount);
  const step = options.step ?? (abs >= unit * count ? unit : 1);
  const rest = abs % step;
  const sizes = parts.map((p, i) => Math.abs(p.amount) - (i === 0 ? rest : 0));
  for (const [i, p] of parts.entries()) {
    if (m.amount >= 0 ? p.amount < 0 : p.amount > 0) return fail(`${label}: part ${i} is ${p.amount}, of the wrong sign`);
    if ((sizes[i] ?? 0) % step !== 0) return fail(`${label}: part ${i} is ${p.amount}, not a whole number of steps of ${step}`);
    if (i > 0 && (sizes[i] ?? 0) > (sizes[i - 1] ?? 0)) return fail(`${label}: part ${i} is larger than part ${i - 1}`);
  }
  const spread = Math.max(...sizes) - Math.min(...sizes);
  if (spread > step) return fail(`${label}: parts differ by ${spread}, more than one step of ${step}`);
  return OK;
}

/**
 * Decimal text round trips exactly: `parseMoney(toDecimalString(m), m.currency)` equals `m`,
 * and the text has exactly the currency's exponent of decimals.
 *
 * @example
 * ```ts
 * checkDecimalRoundTrip({ amount: -5, currency: 'KWD' }); // { ok: true } ("-0.005")
 * ```
 */
export function checkDecimalRoundTrip(m: Money): InvariantResult {
  const text = toDecimalString(m);
  const exponent = currencyExponent(m.currency) ?? 0;
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (decimals !== exponent) return fail(`toDecimalString(${show(m)}) is "${text}", with ${decimals} decimals instead of ${exponent}`);
  const back = parseMoney(text, m.currency);
  if (back.amount !== m.amount || back.currency !== m.currency) return fail(`"${text}" parses back to ${show(back)}, not ${show(m)}`);
  return OK;
}

/**
 * `formatMoney(m, locale)` never throws for valid money, and its text parses back to `m` with
 * `parseMoney(text, m.currency, { locale })`.
 *
 * @example
 * ```ts
 * checkFormatRoundTrip({ amount: 123450, currency: 'EUR' }, 'de-DE'); // { ok: true } ("1.234,50 €")
 * ```
 */
export function checkFormatRoundTrip(m: Money, locale = 'en-US'): InvariantResult {
  let text: string;
  try {
    text = formatMoney(m, locale);
  } catch (e) {
    return fail(`formatMoney(${show(m)}, ${locale}) threw ${e instanceof Error ? e.message : String(e)}`);
  }
  let back: Money;
  try {
    back = parseMoney(text, m.currency, { locale });
  } catch (e) {
    return fail(`"${text}" (formatMoney(${show(m)}, ${locale})) does not parse back: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (back.amount !== m.amount) return fail(`"${text}" (formatMoney(${show(m)}, ${locale})) parses back to ${show(back)}`);
  return OK;
}

/**
 * The amounts a decision carries are exact: an act's `outstanding` is integer minor units of
 * the invoice's currency and equals the total less succeeded allocations and credits.
 *
 * @example
 * ```ts
 * expect(checkOutstandingExact(snapshot, now, policy)).toEqual({ ok: true });
 * ```
 */
export function checkOutstandingExact(
  snapshot: Snapshot,
  now: InstantLike,
  policy: CompiledPolicy,
  options: InvariantOptions = {},
): InvariantResult {
  const decision = decider(options)(snapshot, now, policy);
  if (decision.kind !== 'act') return OK;
  const expected: Money = { amount: owedOn(snapshot), currency: snapshot.invoice.total.currency };
  const got = decision.outstanding;
  if (got.currency !== expected.currency || got.amount !== expected.amount)
    return fail(`act says ${show(got)} is outstanding, the snapshot says ${show(expected)}`);
  return OK;
}
