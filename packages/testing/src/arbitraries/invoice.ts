/**
 * Arbitraries for invoices and the payments made against them.
 *
 * @module
 */
import fc from 'fast-check';
import { addDays, type InvoiceInput, type PaymentInput } from '@dueflow/core';
import { arbCalendarDate, type ArbCalendarDateOptions } from './calendar-date.js';
import { arbCurrency } from './money.js';
import { sometimes } from './sometimes.js';

/** Options of {@link arbInvoice}. */
export interface ArbInvoiceOptions {
  /**
   * Invoice id.
   * @default 'inv-1'
   */
  readonly id?: string;
  /**
   * Customer the invoice is issued to.
   * @default 'cust-1'
   */
  readonly customerId?: string;
  /**
   * Currency of the invoice.
   * @default any currency from `arbCurrency()`
   */
  readonly currency?: string;
  /**
   * Range of issue dates.
   * @default { min: '2015-01-01', max: '2035-12-31' }
   */
  readonly issued?: ArbCalendarDateOptions;
  /**
   * Whether to draw statuses other than `open`, pauses and disputes.
   * @default true
   */
  readonly closed?: boolean;
  /**
   * Ladder ids the invoice may name (it sometimes names an unknown one, which the engine ignores).
   * @default []
   */
  readonly ladderIds?: readonly string[];
}

/**
 * A valid invoice: an issue date, a due date 0-120 days later (usually NET 30), a positive
 * total in integer minor units, mostly `open` and sometimes draft, paid, void, written off,
 * paused or disputed.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbInvoice(), (invoice) => InvoiceSchema.safeParse(invoice).success));
 * ```
 */
export function arbInvoice(options: ArbInvoiceOptions = {}): fc.Arbitrary<InvoiceInput> {
  const closed = options.closed ?? true;
  const ladderIds = options.ladderIds ?? [];
  return fc
    .record(
      {
        issueDate: arbCalendarDate(options.issued),
        termDays: fc.oneof(fc.constantFrom(0, 14, 30, 45, 60), fc.integer({ min: 0, max: 120 })),
        currency: options.currency === undefined ? arbCurrency() : fc.constant(options.currency),
        amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000_000_000 })),
        status: closed
          ? fc.oneof(
              { arbitrary: fc.constant('open' as const), weight: 12 },
              { arbitrary: fc.constantFrom('draft' as const, 'paid' as const, 'void' as const, 'written-off' as const), weight: 1 },
            )
          : fc.constant('open' as const),
        pause: closed ? sometimes(fc.tuple(fc.integer({ min: -5, max: 60 }), fc.boolean()), 10) : fc.constant(undefined),
        dispute: closed ? sometimes(fc.integer({ min: 0, max: 60 }), 12) : fc.constant(undefined),
        ladderId: sometimes(ladderIds.length > 0 ? fc.constantFrom(...ladderIds) : fc.constant('unknown-ladder'), 4),
      },
      { requiredKeys: ['issueDate', 'termDays', 'currency', 'amount', 'status', 'pause', 'dispute', 'ladderId'] },
    )
    .map(({ issueDate, termDays, currency, amount, status, pause, dispute, ladderId }): InvoiceInput => {
      const invoice: InvoiceInput = {
        id: options.id ?? 'inv-1',
        number: 'INV-0001',
        customerId: options.customerId ?? 'cust-1',
        issueDate,
        dueDate: addDays(issueDate, termDays),
        terms: `NET${termDays}`,
        total: { amount, currency },
        status,
      };
      if (pause !== undefined) {
        const [days, bounded] = pause;
        invoice.pause = { reason: 'customer asked for time', since: `${addDays(issueDate, Math.max(days, 0))}T12:00:00Z` };
        if (bounded) invoice.pause.until = addDays(issueDate, days + 30);
      }
      if (dispute !== undefined) invoice.dispute = { reason: 'goods damaged', openedAt: `${addDays(issueDate, dispute)}T12:00:00Z` };
      if (ladderId !== undefined) invoice.ladderId = ladderId;
      return invoice;
    });
}

/**
 * Zero to four payments against `invoice`, in its currency: succeeded (partial or, rarely,
 * the whole balance), failed, pending or refunded, some with part of the amount applied to
 * another invoice. Payment instants fall on or after the issue date.
 *
 * @example
 * ```ts
 * const arb = arbInvoice().chain((invoice) => arbPayments(invoice).map((payments) => ({ invoice, payments })));
 * ```
 */
export function arbPayments(invoice: InvoiceInput): fc.Arbitrary<PaymentInput[]> {
  const total = invoice.total.amount;
  const payment = (i: number): fc.Arbitrary<PaymentInput> =>
    fc
      .record({
        share: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 60 }), weight: 4 }, { arbitrary: fc.constant(100), weight: 1 }),
        status: fc.constantFrom('succeeded' as const, 'succeeded' as const, 'failed' as const, 'pending' as const, 'refunded' as const),
        method: fc.constantFrom('card' as const, 'ach' as const, 'bank-transfer' as const, 'check' as const),
        days: fc.integer({ min: 0, max: 150 }),
        unapplied: fc.integer({ min: 0, max: 500 }),
        otherInvoice: fc.boolean(),
      })
      .map(({ share, status, method, days, unapplied, otherInvoice }): PaymentInput => {
        const applied = Math.max(1, Math.floor((total * share) / 100));
        const allocations = [{ invoiceId: invoice.id, amount: applied }];
        if (otherInvoice) allocations.push({ invoiceId: `${invoice.id}-other`, amount: 1 + unapplied });
        return {
          id: `pay-${i + 1}`,
          customerId: invoice.customerId,
          amount: { amount: applied + (otherInvoice ? 1 + unapplied : unapplied), currency: invoice.total.currency },
          status,
          method,
          at: `${addDays(invoice.issueDate, days)}T15:30:00Z`,
          allocations,
        };
      });
  return fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => payment(i))));
}
