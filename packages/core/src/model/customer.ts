/**
 * Customers and their contacts.
 *
 * @module
 */
import { z } from 'zod';
import { MoneySchema } from './money.js';
import { CalendarDateSchema, ChannelKindSchema, IdSchema, LocaleSchema, MetadataSchema, TimeZoneSchema } from './primitives.js';

const E164 = /^\+[1-9]\d{6,14}$/;

/** A person or mailbox at the customer. */
export const ContactSchema = z.object({
  id: IdSchema,
  name: z.string().max(200).optional(),
  /** What the contact is for; `billing` contacts receive collection messages first. */
  role: z.enum(['billing', 'accounts-payable', 'primary', 'executive', 'other']).default('billing'),
  email: z.email({ message: 'expected an email address' }).optional(),
  /** Phone number in E.164 (`+14155550100`); normalise with `normalizePhone` first. */
  phone: z.string().regex(E164, 'expected an E.164 phone number such as +14155550100').optional(),
  /** Postal address lines, for letters. */
  postalAddress: z.array(z.string().max(200)).max(8).optional(),
  /** Endpoint identifier for webhook delivery (a URL or a routing key understood by the adapter). */
  webhook: z.string().max(2000).optional(),
  preferredChannel: ChannelKindSchema.optional(),
  /** Overrides the customer's time zone for this contact. */
  timeZone: TimeZoneSchema.optional(),
  /** Further zones that apply to the same person (a second office): messages go only in the overlap of all windows. */
  otherTimeZones: z.array(TimeZoneSchema).max(4).optional(),
  locale: LocaleSchema.optional(),
  /** Channels this contact opted out of (an SMS STOP opts out of `sms` only). */
  optOuts: z.array(ChannelKindSchema).default([]),
  /** Channels whose address hard-bounced or is otherwise undeliverable until it is edited. */
  suppressed: z.array(ChannelKindSchema).default([]),
});
/** A person or mailbox at the customer. */
export type Contact = z.infer<typeof ContactSchema>;
/** Input accepted for a {@link Contact} (defaults not yet applied). */
export type ContactInput = z.input<typeof ContactSchema>;

/** A customer account. */
export const CustomerSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1).max(300),
    /** Commercial tier as the business names it (`strategic`, `enterprise`, `smb`...). */
    tier: z.string().max(64).optional(),
    tags: z.array(z.string().max(64)).default([]),
    accountManager: z.object({ id: IdSchema.optional(), name: z.string().max(200), email: z.email().optional() }).optional(),
    contacts: z.array(ContactSchema).default([]),
    timeZone: TimeZoneSchema.default('UTC'),
    locale: LocaleSchema.default('en-US'),
    /** Annual revenue with this customer, for segment rules. */
    annualRevenue: MoneySchema.optional(),
    /** First day as a customer, for tenure rules. */
    since: CalendarDateSchema.optional(),
    /** Forces a segment, bypassing segment rules. */
    segment: z.string().max(64).optional(),
    /** Ladder assigned to every invoice of this customer unless the invoice overrides it. */
    ladderId: z.string().max(64).optional(),
    metadata: MetadataSchema.optional(),
  })
  .superRefine((customer, ctx) => {
    const seen = new Set<string>();
    customer.contacts.forEach((contact, i) => {
      if (seen.has(contact.id))
        ctx.addIssue({ code: 'custom', path: ['contacts', i, 'id'], message: 'duplicate contact id', input: contact.id });
      seen.add(contact.id);
    });
  });
/** A customer account. */
export type Customer = z.infer<typeof CustomerSchema>;
/** Input accepted for a {@link Customer} (defaults not yet applied). */
export type CustomerInput = z.input<typeof CustomerSchema>;
