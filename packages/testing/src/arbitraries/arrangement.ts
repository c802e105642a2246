/**
 * Arbitraries for what a customer agreed to: promises to pay and installment plans.
 *
 * @module
 */
import fc from 'fast-check';
import { addDays, split, type InstallmentPlan, type InvoiceInput, type PromiseToPay } from '@dueflow/core';

/**
 * A promise to pay as `parseSnapshot` takes it (`status` and `paid` may be left out).
 * @inline
 */
type PromiseInput = Omit<PromiseToPay, 'status' | 'paid'> & { status?: PromiseToPay['status']; paid?: number };
/**
 * An installment plan as `parseSnapshot` takes it (defaults may be left out).
 * @inline
 */
type PlanInput = Omit<InstallmentPlan, 'status' | 'maxMissed' | 'graceDays' | 'installments'> & {
  status?: InstallmentPlan['status'];
  maxMissed?: number;
  graceDays?: number;
  installments: { seq: number; dueDate: string; amount: { amount: number; currency: string }; paid?: number }[];
};

/**
 * A promise to pay part or all of `invoice`, made on or after its issue date for a date up to
 * two months later, usually pending and sometimes already kept, broken or cancelled.
 *
 * @example
 * ```ts
 * const arb = arbInvoice().chain((invoice) => arbPromise(invoice).map((promise) => ({ invoice, promise })));
 * ```
 */
export function arbPromise(invoice: InvoiceInput): fc.Arbitrary<PromiseInput> {
  return fc
    .record({
      madeAfterIssue: fc.integer({ min: 0, max: 90 }),
      daysAhead: fc.integer({ min: 0, max: 60 }),
      share: fc.integer({ min: 1, max: 100 }),
      status: fc.oneof(
        { arbitrary: fc.constant('pending' as const), weight: 4 },
        { arbitrary: fc.constantFrom('kept' as const, 'broken' as const, 'cancelled' as const), weight: 1 },
      ),
    })
    .map(({ madeAfterIssue, daysAhead, share, status }): PromiseInput => {
      const made = addDays(invoice.issueDate, madeAfterIssue);
      return {
        id: 'promise-1',
        invoiceId: invoice.id,
        amount: { amount: Math.max(1, Math.floor((invoice.total.amount * share) / 100)), currency: invoice.total.currency },
        date: addDays(made, daysAhead),
        madeAt: `${made}T16:00:00Z`,
        status,
        channel: 'call',
      };
    });
}

/**
 * An installment plan over `invoice`: two to twelve weekly, fortnightly or monthly
 * installments that sum exactly to the invoice total (built with `split`), created on or after
 * the issue date, usually active and sometimes proposed, completed, defaulted or cancelled.
 *
 * @example
 * ```ts
 * const arb = arbInvoice().chain((invoice) => arbInstallmentPlan(invoice).map((plan) => ({ invoice, plan })));
 * ```
 */
export function arbInstallmentPlan(invoice: InvoiceInput): fc.Arbitrary<PlanInput> {
  return fc
    .record({
      createdAfterIssue: fc.integer({ min: 0, max: 90 }),
      count: fc.integer({ min: 2, max: 12 }),
      frequency: fc.constantFrom('weekly' as const, 'fortnightly' as const, 'monthly' as const),
      status: fc.oneof(
        { arbitrary: fc.constant('active' as const), weight: 4 },
        { arbitrary: fc.constantFrom('proposed' as const, 'completed' as const, 'defaulted' as const, 'cancelled' as const), weight: 1 },
      ),
      maxMissed: fc.integer({ min: 1, max: 3 }),
      graceDays: fc.integer({ min: 0, max: 7 }),
    })
    .map(({ createdAfterIssue, count, frequency, status, maxMissed, graceDays }): PlanInput => {
      const created = addDays(invoice.issueDate, createdAfterIssue);
      const every = frequency === 'weekly' ? 7 : frequency === 'fortnightly' ? 14 : 30;
      const parts = split({ amount: invoice.total.amount, currency: invoice.total.currency }, count);
      return {
        id: 'plan-1',
        customerId: invoice.customerId,
        invoiceIds: [invoice.id],
        total: { amount: invoice.total.amount, currency: invoice.total.currency },
        frequency,
        installments: parts.map((amount, i) => ({
          seq: i + 1,
          dueDate: addDays(created, every * (i + 1)),
          amount: { amount: amount.amount, currency: amount.currency },
        })),
        status,
        createdAt: `${created}T16:00:00Z`,
        maxMissed,
        graceDays,
      };
    });
}
