/**
 * Invoices, payments and credit notes.
 *
 * @module
 */
import { z } from 'zod';
import { MoneySchema } from './money.js';
import { CalendarDateSchema, IdSchema, InstantSchema, MetadataSchema } from './primitives.js';

/**
 * Lifecycle status as recorded by the billing system or by operations. Outstanding balance is
 * derived from payments and credits; `paid` records that the invoice was settled (possibly
 * outside the platform).
 */
export const InvoiceStatusSchema = z.enum(['draft', 'open', 'paid', 'void', 'written-off']);
/** Lifecycle status of an invoice. */
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** A pause of collection: no messages, no plan reminders, until resumed or `until`. */
export const PauseSchema = z.object({
  reason: z.string().min(1).max(500),
  since: InstantSchema,
  /** Local date on which collection resumes by itself; open-ended when absent. */
  until: CalendarDateSchema.optional(),
  by: z.string().max(200).optional(),
});

/** An open dispute: collection of the invoice is frozen until it is resolved. */
export const DisputeSchema = z.object({
  reason: z.string().min(1).max(2000),
  openedAt: InstantSchema,
  by: z.string().max(200).optional(),
});

/** An invoice issued to a customer. */
export const InvoiceSchema = z
  .object({
    id: IdSchema,
    number: z.string().min(1).max(100),
    customerId: IdSchema,
    issueDate: CalendarDateSchema,
    dueDate: CalendarDateSchema,
    /** Payment terms as written on the invoice, e.g. `NET30`. */
    terms: z.string().max(50).optional(),
    total: MoneySchema,
    status: InvoiceStatusSchema.default('open'),
    pause: PauseSchema.optional(),
    dispute: DisputeSchema.optional(),
    /** Ladder assigned to this invoice (overrides the customer's and the segment's). */
    ladderId: z.string().max(64).optional(),
    metadata: MetadataSchema.optional(),
  })
  .superRefine((invoice, ctx) => {
    if (invoice.dueDate < invoice.issueDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueDate'],
        message: `must not be before issueDate ${invoice.issueDate}`,
        input: invoice.dueDate,
      });
    }
    if (invoice.total.amount < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['total', 'amount'],
        message: 'must not be negative (use a credit note)',
        input: invoice.total.amount,
      });
    }
  });
/** An invoice issued to a customer. */
export type Invoice = z.infer<typeof InvoiceSchema>;
/** Input accepted for an {@link Invoice} (defaults not yet applied). */
export type InvoiceInput = z.input<typeof InvoiceSchema>;

/** How a payment was made. */
export const PaymentMethodSchema = z.enum(['card', 'ach', 'bank-transfer', 'direct-debit', 'check', 'cash', 'wallet', 'other']);

/** A payment attempt by a customer, applied to one or more invoices. */
export const PaymentSchema = z
  .object({
    id: IdSchema,
    customerId: IdSchema,
    amount: MoneySchema,
    status: z.enum(['succeeded', 'failed', 'pending', 'refunded']),
    method: PaymentMethodSchema.default('other'),
    /** When the payment was received (or failed). */
    at: InstantSchema,
    reference: z.string().max(200).optional(),
    failureReason: z.string().max(500).optional(),
    /** How the payment is applied; an empty list is unapplied cash. */
    allocations: z.array(z.object({ invoiceId: IdSchema, amount: z.number().int().positive() })).default([]),
  })
  .superRefine((payment, ctx) => {
    const allocated = payment.allocations.reduce((a, b) => a + b.amount, 0);
    if (allocated > payment.amount.amount) {
      ctx.addIssue({
        code: 'custom',
        path: ['allocations'],
        message: `allocations sum to ${allocated}, more than the payment's amount.amount ${payment.amount.amount}`,
        input: allocated,
      });
    }
    if (payment.amount.amount <= 0)
      ctx.addIssue({ code: 'custom', path: ['amount', 'amount'], message: 'must be positive', input: payment.amount.amount });
  });
/** A payment attempt by a customer. */
export type Payment = z.infer<typeof PaymentSchema>;
/** Input accepted for a {@link Payment}. */
export type PaymentInput = z.input<typeof PaymentSchema>;

/** A credit note reducing what is owed on an invoice. */
export const CreditNoteSchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  amount: MoneySchema,
  at: InstantSchema,
  reason: z.string().max(500).optional(),
});
/** A credit note reducing what is owed on an invoice. */
export type CreditNote = z.infer<typeof CreditNoteSchema>;
