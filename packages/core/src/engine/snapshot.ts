/**
 * The snapshot: everything `nextAction` needs to decide about one invoice, as plain data.
 *
 * @module
 */
import { z } from 'zod';
import { ActivitySchema } from '../model/activity.js';
import { CustomerSchema } from '../model/customer.js';
import { CreditNoteSchema, InvoiceSchema, PaymentSchema } from '../model/invoice.js';
import { InstallmentPlanSchema, PromiseToPaySchema } from '../model/promise.js';
import { ChannelKindSchema, IdSchema, InstantSchema } from '../model/primitives.js';
import { parseWith } from '../validate.js';
import { sameSummary, summarizeTimeline, TimelineSummarySchema } from './summary.js';

/** How a customer engaged with messages on one channel. */
export const EngagementSchema = z.object({
  messages: z.number().int().min(0),
  opens: z.number().int().min(0).default(0),
  clicks: z.number().int().min(0).default(0),
  replies: z.number().int().min(0).default(0),
  /** Payments received within the attribution window after a message on this channel. */
  paymentsAfter: z.number().int().min(0).default(0),
});
/** How a customer engaged with messages on one channel. */
export type Engagement = z.infer<typeof EngagementSchema>;

/**
 * A summary of the customer's settled history, computed by storage or `summarizeCustomer`,
 * used by segment rules, adaptive timing and risk scoring.
 */
export const CustomerStatsSchema = z.object({
  /** Invoices settled so far. */
  settledInvoices: z.number().int().min(0),
  /** Of which paid after their due date. */
  paidLate: z.number().int().min(0),
  /** Mean days late over settled invoices (0 for on-time payments). */
  averageDaysLate: z.number().min(0),
  brokenPromises: z.number().int().min(0).default(0),
  keptPromises: z.number().int().min(0).default(0),
  openDisputes: z.number().int().min(0).default(0),
  /** Mean invoice total in the customer's main currency, minor units. */
  averageInvoiceAmount: z.number().min(0).optional(),
  lastPaymentAt: InstantSchema.optional(),
  /** Engagement per channel over a recent window (see `summarizeEngagement`). */
  engagement: z.partialRecord(ChannelKindSchema, EngagementSchema).optional(),
  /** When these statistics were computed. */
  asOf: InstantSchema.optional(),
  /** Local hour (0-23, customer's zone) at which the customer most often opens or replies. */
  bestContactHour: z.number().int().min(0).max(23).optional(),
});
/** A summary of the customer's settled history. */
export type CustomerStats = z.infer<typeof CustomerStatsSchema>;

/** A recent touch with the customer on any of its invoices, for contact caps. */
export const RecentContactSchema = z.object({
  at: InstantSchema,
  invoiceId: IdSchema.optional(),
  kind: z.enum(['message', 'call-attempt', 'conversation']),
  channel: ChannelKindSchema.optional(),
});
/** A recent touch with the customer. */
export type RecentContact = z.infer<typeof RecentContactSchema>;

/** Everything needed to decide about one invoice. */
export const SnapshotSchema = z
  .object({
    invoice: InvoiceSchema,
    customer: CustomerSchema,
    /** Payments touching the invoice (any status). */
    payments: z.array(PaymentSchema).default([]),
    credits: z.array(CreditNoteSchema).default([]),
    /** The invoice's timeline, in any order. */
    activities: z.array(ActivitySchema).default([]),
    /** The current (latest) promise to pay on the invoice, if any. */
    promise: PromiseToPaySchema.optional(),
    /** The installment plan covering the invoice, if any. */
    plan: InstallmentPlanSchema.optional(),
    customerStats: CustomerStatsSchema.optional(),
    /** Touches with the customer across all its invoices, recent first or in any order. */
    recentContacts: z.array(RecentContactSchema).default([]),
    /**
     * The timeline folded by `summarizeTimeline`, kept by storage as activities are appended
     * (`extendSummary`), so deciding does not walk the timeline. Optional: without it (or when it
     * covers a different number of activities) `nextAction` folds the timeline itself.
     */
    summary: TimelineSummarySchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.invoice.customerId !== s.customer.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['invoice', 'customerId'],
        message: `does not match customer.id ${s.customer.id}`,
        input: s.invoice.customerId,
      });
    }
    s.payments.forEach((p, i) => {
      if (p.amount.currency !== s.invoice.total.currency && p.allocations.some((a) => a.invoiceId === s.invoice.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['payments', i, 'amount', 'currency'],
          message: `differs from the invoice currency ${s.invoice.total.currency}`,
          input: p.amount.currency,
        });
      }
    });
    if (s.summary !== undefined && !sameSummary(s.summary, summarizeTimeline(s.activities))) {
      ctx.addIssue({
        code: 'custom',
        path: ['summary'],
        message: 'does not match the activities (expected summarizeTimeline(activities))',
        input: s.summary,
      });
    }
    s.credits.forEach((c, i) => {
      if (c.amount.currency !== s.invoice.total.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['credits', i, 'amount', 'currency'],
          message: `differs from the invoice currency ${s.invoice.total.currency}`,
          input: c.amount.currency,
        });
      }
    });
  });
/** Everything needed to decide about one invoice (validated, defaults applied). */
export type Snapshot = z.infer<typeof SnapshotSchema>;
/** What a caller passes to {@link parseSnapshot}. */
export type SnapshotInput = z.input<typeof SnapshotSchema>;

/**
 * Validates a snapshot, applying defaults. Throws a `ValidationError` naming every bad field.
 *
 * @example
 * ```ts
 * const snapshot = parseSnapshot({ invoice, customer, payments: [] });
 * ```
 */
export function parseSnapshot(input: unknown): Snapshot {
  return parseWith(SnapshotSchema, 'snapshot', input);
}
