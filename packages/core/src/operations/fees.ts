/**
 * Late fees and statutory interest, computed exactly (integer minor units, one rounding) and
 * with every input kept for audit. Used by the `late-fee` and `interest` ladder actions; the
 * idempotency key of each charge (one per fee step, one per interest period) makes charging
 * twice impossible.
 *
 * Presets:
 * - `eu-late-payment` (Directive 2011/7/EU): interest at the reference rate + 8 points; a fixed
 *   compensation of EUR 40 per invoice.
 * - `uk-late-payment` (Late Payment of Commercial Debts (Interest) Act 1998): interest at the
 *   Bank of England base rate + 8%; fixed compensation of GBP 40 below 1,000.00, GBP 70 below
 *   10,000.00, GBP 100 from 10,000.00.
 * The reference and base rates change over time and are passed in by the caller.
 *
 * @module
 */
import { z } from 'zod';
import { strictObject } from '../model/strict-object.js';
import { civilFromDays, toEpochDay } from '../calendar/day.js';
import { DueflowError } from '../errors.js';
import { multiply, PerCurrencyAmountsSchema, type Money } from '../model/money.js';

/** How a late fee is computed. */
export const LateFeeSpecSchema = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('fixed'), amounts: PerCurrencyAmountsSchema }),
  strictObject({
    kind: z.literal('percent'),
    /** Percent of the outstanding amount in basis points (250 = 2.5%). */
    basisPoints: z.number().int().min(0).max(10_000),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  }),
  strictObject({ kind: z.literal('eu-late-payment') }),
  strictObject({ kind: z.literal('uk-late-payment') }),
]);
/** How a late fee is computed. */
export type LateFeeSpec = z.infer<typeof LateFeeSpecSchema>;

/** Day-count conventions for simple interest. */
export const DayCountSchema = z.enum(['ACT/365', 'ACT/360', '30/360']);
/** A day-count convention. */
export type DayCount = z.infer<typeof DayCountSchema>;

/** How statutory or contractual interest is computed. */
export const InterestSpecSchema = z.discriminatedUnion('kind', [
  strictObject({
    kind: z.literal('rate'),
    annualBasisPoints: z.number().int().min(0).max(100_000),
    dayCount: DayCountSchema.default('ACT/365'),
  }),
  strictObject({
    kind: z.literal('eu-late-payment'),
    referenceRateBasisPoints: z.number().int().min(-1000).max(10_000),
    dayCount: DayCountSchema.default('ACT/365'),
  }),
  strictObject({
    kind: z.literal('uk-late-payment'),
    baseRateBasisPoints: z.number().int().min(-1000).max(10_000),
    dayCount: DayCountSchema.default('ACT/365'),
  }),
]);
/** How interest is computed. */
export type InterestSpec = z.infer<typeof InterestSpecSchema>;

/** A computed charge and everything it was computed from. */
export interface Charge {
  readonly amount: Money;
  /** The inputs, for the audit trail: stored with the charge on the timeline. */
  readonly inputs: Readonly<Record<string, string | number>>;
}

/**
 * Whether a late-fee rule can charge an invoice in `currency` (the EU preset charges EUR, the UK
 * preset GBP, fixed fees the currencies they list). Steps whose fee does not apply are skipped.
 *
 * @example
 * ```ts
 * lateFeeApplies({ kind: 'uk-late-payment' }, 'USD'); // false
 * ```
 */
export function lateFeeApplies(spec: LateFeeSpec, currency: string): boolean {
  switch (spec.kind) {
    case 'fixed':
      return spec.amounts[currency] !== undefined;
    case 'percent':
      return true;
    case 'eu-late-payment':
      return currency === 'EUR';
    case 'uk-late-payment':
      return currency === 'GBP';
  }
}

/**
 * The late fee on an outstanding amount.
 *
 * @example
 * ```ts
 * computeLateFee(money(1_250_000, 'GBP'), { kind: 'uk-late-payment' }).amount; // { amount: 10000, currency: 'GBP' } (GBP 100)
 * computeLateFee(money(420_000, 'USD'), { kind: 'percent', basisPoints: 150 }).amount; // { amount: 6300, currency: 'USD' }
 * ```
 */
export function computeLateFee(outstanding: Money, spec: LateFeeSpec): Charge {
  const currency = outstanding.currency;
  switch (spec.kind) {
    case 'fixed': {
      const amount = spec.amounts[currency];
      if (amount === undefined)
        throw new DueflowError('CONFIG', `late fee: no fixed amount for ${currency} (amounts: ${Object.keys(spec.amounts).join(', ')})`);
      return { amount: { amount, currency }, inputs: { kind: 'fixed', currency, amount } };
    }
    case 'percent': {
      let fee = multiply(outstanding, spec.basisPoints, 10_000).amount;
      if (spec.min !== undefined) fee = Math.max(fee, spec.min);
      if (spec.max !== undefined) fee = Math.min(fee, spec.max);
      return {
        amount: { amount: fee, currency },
        inputs: { kind: 'percent', outstanding: outstanding.amount, basisPoints: spec.basisPoints, rounding: 'half-up' },
      };
    }
    case 'eu-late-payment':
      if (currency !== 'EUR')
        throw new DueflowError('CONFIG', `late fee: the EU preset charges EUR 40 and does not apply to a ${currency} invoice`);
      return {
        amount: { amount: 4000, currency },
        inputs: { kind: 'eu-late-payment', rule: 'Directive 2011/7/EU art. 6: EUR 40 per invoice' },
      };
    case 'uk-late-payment': {
      if (currency !== 'GBP')
        throw new DueflowError('CONFIG', `late fee: the UK preset charges GBP and does not apply to a ${currency} invoice`);
      const amount = outstanding.amount < 100_000 ? 4000 : outstanding.amount < 1_000_000 ? 7000 : 10_000;
      return {
        amount: { amount, currency },
        inputs: { kind: 'uk-late-payment', debt: outstanding.amount, rule: 'Late Payment Act s.5A: GBP 40 / 70 / 100 by debt size' },
      };
    }
  }
}

/**
 * Days between two calendar dates under a day-count convention, and the year's denominator
 * (ACT/365, ACT/360, or 30/360 with the US rule for the 31st).
 *
 * @example
 * ```ts
 * dayCount('2025-01-31', '2025-03-31', 'ACT/360'); // { days: 59, denominator: 360 }
 * dayCount('2025-01-31', '2025-03-31', '30/360'); // { days: 60, denominator: 360 }
 * ```
 */
export function dayCount(from: string, to: string, convention: DayCount): { days: number; denominator: number } {
  if (convention === '30/360') {
    const [y1, m1, d1a] = civilFromDays(toEpochDay(from));
    const [y2, m2, d2a] = civilFromDays(toEpochDay(to));
    const d1 = d1a === 31 ? 30 : d1a;
    const d2 = d2a === 31 && d1 >= 30 ? 30 : d2a;
    return { days: (y2 - y1) * 360 + (m2 - m1) * 30 + (d2 - d1), denominator: 360 };
  }
  return { days: toEpochDay(to) - toEpochDay(from), denominator: convention === 'ACT/360' ? 360 : 365 };
}

/**
 * Simple interest on `principal` from `from` (inclusive) to `to` (exclusive), rounded once,
 * half-up, to the currency's minor unit.
 *
 * @example
 * ```ts
 * computeInterest(money(1_000_000, 'EUR'), '2025-01-01', '2025-02-01', { kind: 'eu-late-payment', referenceRateBasisPoints: 215, dayCount: 'ACT/365' });
 * // 10,000.00 × 10.15% × 31/365 = 86.21 EUR
 * ```
 */
export function computeInterest(principal: Money, from: string, to: string, spec: InterestSpec): Charge {
  const rate =
    spec.kind === 'rate'
      ? spec.annualBasisPoints
      : spec.kind === 'eu-late-payment'
        ? spec.referenceRateBasisPoints + 800
        : spec.baseRateBasisPoints + 800;
  const { days, denominator } = dayCount(from, to, spec.dayCount);
  if (days < 0) throw new DueflowError('INVALID_OPERATION', `interest: period ends (${to}) before it starts (${from})`);
  const amount = multiply(principal, BigInt(rate) * BigInt(days), 10_000n * BigInt(denominator));
  return {
    amount,
    inputs: {
      kind: spec.kind,
      principal: principal.amount,
      currency: principal.currency,
      from,
      to,
      days,
      annualBasisPoints: rate,
      dayCount: spec.dayCount,
      rounding: 'half-up',
    },
  };
}
