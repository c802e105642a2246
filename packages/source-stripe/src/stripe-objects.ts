/**
 * The parts of Stripe's API objects the adapter reads, as loose zod schemas: unknown fields are
 * kept, missing optional ones are `null` or absent as Stripe sends them, and anything of the
 * wrong type fails with the Stripe field's own name.
 *
 * @module
 */
import { z } from 'zod';

/** Unix seconds up to 9999-12-31, so every date stays a four-digit year. */
const UnixSeconds = z.number().int().min(0).max(253_402_300_799);
const Metadata = z.record(z.string(), z.string()).nullish();
/** An id, or the object when the field was expanded. */
const Ref = z
  .union([z.string().min(1), z.object({ id: z.string().min(1) }).loose()])
  .transform((ref) => (typeof ref === 'string' ? ref : ref.id));
const Amount = z.number().int().refine(Number.isSafeInteger, { message: 'outside the safe integer range' });

/** A Stripe customer (`cus_...`). */
export const StripeCustomerSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal('customer').optional(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    address: z
      .object({
        line1: z.string().nullish(),
        line2: z.string().nullish(),
        city: z.string().nullish(),
        state: z.string().nullish(),
        postal_code: z.string().nullish(),
        country: z.string().nullish(),
      })
      .loose()
      .nullish(),
    preferred_locales: z.array(z.string()).nullish(),
    created: UnixSeconds.optional(),
    metadata: Metadata,
  })
  .loose();
/** A Stripe customer as the adapter reads it. */
export type StripeCustomer = z.infer<typeof StripeCustomerSchema>;

/** A Stripe invoice (`in_...`). */
export const StripeInvoiceSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal('invoice').optional(),
    number: z.string().nullish(),
    customer: Ref,
    status: z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']),
    currency: z.string(),
    total: Amount,
    amount_paid: Amount.refine((n) => n >= 0, { message: 'must not be negative' }).default(0),
    created: UnixSeconds,
    due_date: UnixSeconds.nullish(),
    days_until_due: z.number().int().min(0).max(36_500).nullish(),
    status_transitions: z
      .object({
        finalized_at: UnixSeconds.nullish(),
        paid_at: UnixSeconds.nullish(),
        voided_at: UnixSeconds.nullish(),
        marked_uncollectible_at: UnixSeconds.nullish(),
      })
      .loose()
      .nullish(),
    collection_method: z.enum(['charge_automatically', 'send_invoice']).nullish(),
    hosted_invoice_url: z.string().nullish(),
    metadata: Metadata,
  })
  .loose();
/** A Stripe invoice as the adapter reads it. */
export type StripeInvoice = z.infer<typeof StripeInvoiceSchema>;

/** A Stripe credit note (`cn_...`). */
export const StripeCreditNoteSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal('credit_note').optional(),
    invoice: Ref,
    amount: Amount,
    currency: z.string(),
    created: UnixSeconds,
    reason: z.string().nullish(),
    memo: z.string().nullish(),
    status: z.enum(['issued', 'void']),
  })
  .loose();
/** A Stripe credit note as the adapter reads it. */
export type StripeCreditNote = z.infer<typeof StripeCreditNoteSchema>;

/** One page of a list endpoint. */
export const StripeListSchema = z.object({ object: z.literal('list'), data: z.array(z.unknown()), has_more: z.boolean() }).loose();

/** Stripe's error body. */
export const StripeErrorBodySchema = z.object({
  error: z
    .object({ type: z.string().optional(), code: z.string().optional(), message: z.string().optional(), param: z.string().optional() })
    .loose(),
});

/** A webhook event. */
export const StripeEventSchema = z
  .object({
    id: z.string().min(1),
    object: z.literal('event'),
    type: z.string().min(1),
    created: UnixSeconds.optional(),
    data: z.object({ object: z.unknown() }).loose(),
  })
  .loose();
