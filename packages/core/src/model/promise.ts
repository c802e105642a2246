/**
 * Promises to pay and installment plans (the records; their transitions live in `engine/`).
 *
 * @module
 */
import { z } from 'zod';
import { MoneySchema } from './money.js';
import { CalendarDateSchema, ChannelKindSchema, IdSchema, InstantSchema } from './primitives.js';

/** A customer's promise to pay an amount by a date. */
export const PromiseToPaySchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  amount: MoneySchema,
  /** Local date by which the customer promised to pay. */
  date: CalendarDateSchema,
  channel: z.union([ChannelKindSchema, z.literal('call'), z.literal('portal'), z.literal('in-person')]).optional(),
  takenBy: z.string().max(200).optional(),
  madeAt: InstantSchema,
  /** A condition attached by the customer ("if a 5% discount is approved"). */
  condition: z.string().max(2000).optional(),
  status: z.enum(['pending', 'kept', 'partially-kept', 'broken', 'cancelled']).default('pending'),
  /** Amount paid towards the promise so far, in minor units. */
  paid: z.number().int().min(0).default(0),
  /** When the promise was settled (kept, broken...). */
  settledAt: InstantSchema.optional(),
  /** Ladder position when the promise was made, so escalation resumes where it stopped. */
  resumeAfterStep: z.string().max(100).optional(),
});
/** A customer's promise to pay an amount by a date. */
export type PromiseToPay = z.infer<typeof PromiseToPaySchema>;

/** One installment of a plan. */
export const InstallmentSchema = z.object({
  seq: z.number().int().min(1),
  dueDate: CalendarDateSchema,
  amount: MoneySchema,
  /** Minor units paid towards this installment. */
  paid: z.number().int().min(0).default(0),
});
/** One installment of a plan. */
export type Installment = z.infer<typeof InstallmentSchema>;

/** An installment plan over one or more invoices of a customer. */
export const InstallmentPlanSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  invoiceIds: z.array(IdSchema).min(1),
  total: MoneySchema,
  frequency: z.enum(['weekly', 'fortnightly', 'monthly', 'custom']),
  installments: z.array(InstallmentSchema).min(1),
  status: z.enum(['proposed', 'active', 'completed', 'defaulted', 'cancelled']).default('active'),
  createdAt: InstantSchema,
  /** Missed installments after which the plan defaults and the ladder resumes. */
  maxMissed: z.number().int().min(1).default(2),
  /** Days after an installment's due date before it counts as missed. */
  graceDays: z.number().int().min(0).default(3),
});
/** An installment plan over one or more invoices of a customer. */
export type InstallmentPlan = z.infer<typeof InstallmentPlanSchema>;
