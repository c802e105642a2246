/**
 * Pure mapping of Stripe objects to the core model. Each function takes the object as Stripe
 * sent it (unknown JSON), never throws, and returns a record the core schema accepted, the
 * issues that stopped it, or why it was skipped. Dates are the calendar dates of Stripe's unix
 * timestamps in the configured time zone; no clock is read.
 *
 * @module
 */
import {
  CreditNoteSchema,
  CustomerSchema,
  InvoiceSchema,
  LocaleSchema,
  PaymentSchema,
  ZoneCache,
  isTimeZone,
  addDays,
  fromZodIssues,
  normalizePhone,
  type CreditNote,
  type Customer,
  type Invoice,
  type InvoiceStatus,
  type Money,
  type Payment,
  SOURCE_UPDATED_AT,
} from '@dueflow/core';
import { clipText, mappedRecords, presentText, type SourceMapping } from '@dueflow/runtime/adapters';
import type { SourceIssue, SourceRecord } from '@dueflow/runtime/ports';
import type { z } from 'zod';
import { fromStripeAmount } from './stripe-amount.js';
import {
  StripeCreditNoteSchema,
  StripeCustomerSchema,
  StripeInvoiceSchema,
  type StripeCustomer,
  type StripeInvoice,
} from './stripe-objects.js';

/** What a mapping function returns: the record, the issues that stopped it, or why it was skipped. */
export type StripeMapping<T> = SourceMapping<T>;

/** Options of the mapping functions. */
export interface StripeMappingOptions {
  /**
   * IANA zone whose calendar dates `issueDate`, `dueDate` and `since` are. Validated by
   * `createStripeSource`; an unknown zone here is read as UTC.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Offset memo shared across calls (a source keeps one).
   * @default a new ZoneCache per call
   */
  readonly zones?: ZoneCache;
  /**
   * Map draft invoices (status `draft`, numbered with their id) instead of skipping them.
   * @default false
   */
  readonly includeDrafts?: boolean;
  /**
   * Unix seconds of the webhook event the object came with (Stripe's event `created`). An
   * invoice's `metadata.sourceUpdatedAt` is the later of it and the object's own latest time
   * (created, finalized, paid, voided, marked uncollectible), so a late, older event can be
   * told from a newer one.
   * @default undefined (the object's own latest time: a pull)
   */
  readonly eventCreated?: number;
}

/** Stripe's collection names, used in issue fields: `invoices[in_123].dueDate`. */
type Collection = 'customers' | 'invoices' | 'credit_notes' | 'payments';
const SUBJECT: Record<Collection, string> = {
  customers: 'customer',
  invoices: 'invoice',
  credit_notes: 'credit note',
  payments: 'payment',
};

function idOf(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' && raw.id !== '') return raw.id.slice(0, 200);
  return '?';
}

function issue(collection: Collection, id: string, field: string, message: string, value?: unknown): SourceIssue {
  const where = field === '' ? `${collection}[${id}]` : `${collection}[${id}].${field}`;
  return {
    field: where,
    ...(value === undefined ? {} : { value }),
    message: `${SUBJECT[collection]} ${id}: ${field === '' ? '' : `${field} `}${message}`,
  };
}

function zodIssues(collection: Collection, id: string, issues: readonly z.core.$ZodIssue[]): SourceIssue[] {
  return fromZodIssues(issues).map((i) => issue(collection, id, i.field === '(root)' ? '' : i.field, i.message, i.value));
}

/** Parses with `schema`, turning every failure into issues named after the Stripe object. */
function parse<S extends z.ZodType>(
  schema: S,
  collection: Collection,
  id: string,
  input: unknown,
): { data: z.output<S> } | { issues: SourceIssue[] } {
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? { data: result.data } : { issues: zodIssues(collection, id, result.error.issues) };
}

function money(
  collection: Collection,
  id: string,
  field: string,
  amount: number,
  currency: string,
): { money: Money } | { issues: SourceIssue[] } {
  const result = fromStripeAmount(amount, currency);
  if ('money' in result) return result;
  return {
    issues: [
      issue(
        collection,
        id,
        result.field === 'currency' ? 'currency' : field,
        result.message,
        result.field === 'currency' ? currency : amount,
      ),
    ],
  };
}

/** Calendar dates and instants of unix seconds. */
function clock(options: StripeMappingOptions): { date(seconds: number): string; iso(seconds: number): string } {
  const zones = options.zones ?? new ZoneCache();
  const zone = options.timeZone ?? 'UTC';
  return { date: (s) => zones.day(zones.localDay(zone, s * 1000)), iso: (s) => zones.iso(s * 1000) };
}

type PhoneCountry = Parameters<typeof normalizePhone>[1];

/** E.164 from Stripe's free-text phone, read in the address's country; `undefined` when it is not a valid number. */
function phoneOf(customer: StripeCustomer): string | undefined {
  const text = presentText(customer.phone);
  if (text === undefined) return undefined;
  const country = customer.address?.country?.toUpperCase();
  const known = country !== undefined && /^[A-Z]{2}$/.test(country);
  if (!known && !text.startsWith('+')) return undefined;
  try {
    // Without a known country only +-prefixed numbers are read (the country code is in them).
    return known ? normalizePhone(text, country as PhoneCountry) : normalizePhone(text);
  } catch {
    return undefined;
  }
}

function postalLinesOf(customer: StripeCustomer): string[] | undefined {
  const a = customer.address;
  if (a === null || a === undefined) return undefined;
  const cityLine = [presentText(a.postal_code), presentText(a.city)].filter((p) => p !== undefined).join(' ');
  const lines = [presentText(a.line1), presentText(a.line2), presentText(cityLine), presentText(a.state), presentText(a.country)]
    .map((line) => clipText(line, 200))
    .filter((line): line is string => line !== undefined);
  return lines.length === 0 ? undefined : lines;
}

function isDeleted(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'deleted' in raw && raw.deleted === true;
}

/**
 * Maps a Stripe customer: the Stripe id, the name (else the email, else the id), one `billing`
 * contact `primary` with the email, the phone when it reads as a valid number (E.164, or national
 * in the address's country; others are left out), and the address as postal lines; the first
 * preferred locale when it is a BCP 47 tag; the `timeZone` option as the customer's zone (Stripe
 * keeps none); `since` the local date of `created`; Stripe's
 * metadata. Names and address lines longer than the core holds are cut. Deleted customers
 * are skipped.
 *
 * @example
 * ```ts
 * const result = mapStripeCustomer({ id: 'cus_1', object: 'customer', name: 'Acme', email: 'ap@acme.example', created: 1735689600, metadata: {} });
 * if ('record' in result) await storage.commit({ customers: [result.record] });
 * ```
 */
export function mapStripeCustomer(raw: unknown, options: StripeMappingOptions = {}): StripeMapping<Customer> {
  const id = idOf(raw);
  if (isDeleted(raw)) return { skipped: `customer ${id} is deleted` };
  const parsed = parse(StripeCustomerSchema, 'customers', id, raw);
  if ('issues' in parsed) return parsed;
  const c = parsed.data;
  const email = presentText(c.email);
  const phone = phoneOf(c);
  const postalAddress = postalLinesOf(c);
  const locale = c.preferred_locales?.find((tag) => LocaleSchema.safeParse(tag).success);
  const hasContact = email !== undefined || phone !== undefined || postalAddress !== undefined;
  const customer = {
    id: c.id,
    name: clipText(presentText(c.name) ?? email ?? c.id, 300),
    contacts: hasContact
      ? [
          {
            id: 'primary',
            role: 'billing',
            ...(email === undefined ? {} : { email }),
            ...(phone === undefined ? {} : { phone }),
            ...(postalAddress === undefined ? {} : { postalAddress }),
          },
        ]
      : [],
    ...(locale === undefined ? {} : { locale }),
    // Stripe has no zone per customer: the source's zone (the business's) beats UTC for send windows.
    ...(options.timeZone !== undefined && isTimeZone(options.timeZone) ? { timeZone: options.timeZone } : {}),
    ...(c.created === undefined ? {} : { since: clock(options).date(c.created) }),
    ...(c.metadata === null || c.metadata === undefined ? {} : { metadata: c.metadata }),
  };
  const checked = parse(CustomerSchema, 'customers', c.id, customer);
  return 'issues' in checked ? checked : { record: checked.data };
}

const STATUS: Record<StripeInvoice['status'], InvoiceStatus> = {
  draft: 'draft',
  open: 'open',
  paid: 'paid',
  void: 'void',
  uncollectible: 'written-off',
};

/**
 * Maps a Stripe invoice: the Stripe id, its number (a draft's id), `issueDate` the local date it
 * was finalized (else created), `dueDate` the local date of `due_date`, else `issueDate +
 * days_until_due`, else `issueDate` (charged automatically), never before `issueDate`; `total`
 * in ISO minor units; `uncollectible` as `written-off`; terms `NET<days_until_due>`; Stripe's
 * metadata plus `stripeCollectionMethod`, `stripeHostedInvoiceUrl` and `sourceUpdatedAt` (the
 * state's time: the event's, or the object's latest status change). Drafts are skipped unless
 * `includeDrafts`.
 *
 * @example
 * ```ts
 * const result = mapStripeInvoice(event.data.object, { timeZone: 'Europe/Paris' });
 * if ('issues' in result) for (const i of result.issues) console.warn(i.field, i.message);
 * ```
 */
export function mapStripeInvoice(raw: unknown, options: StripeMappingOptions = {}): StripeMapping<Invoice> {
  const id = idOf(raw);
  const parsed = parse(StripeInvoiceSchema, 'invoices', id, raw);
  if ('issues' in parsed) return parsed;
  const inv = parsed.data;
  if (inv.status === 'draft' && options.includeDrafts !== true) return { skipped: `invoice ${inv.id} is a draft` };
  const total = money('invoices', inv.id, 'total', inv.total, inv.currency);
  if ('issues' in total) return total;
  const { date } = clock(options);
  const issueDate = date(inv.status_transitions?.finalized_at ?? inv.created);
  const days = inv.days_until_due ?? undefined;
  let dueDate =
    inv.due_date !== null && inv.due_date !== undefined ? date(inv.due_date) : days !== undefined ? addDays(issueDate, days) : issueDate;
  if (dueDate < issueDate) dueDate = issueDate;
  const transitions = inv.status_transitions;
  const updated = Math.max(
    options.eventCreated ?? 0,
    inv.created,
    transitions?.finalized_at ?? 0,
    transitions?.paid_at ?? 0,
    transitions?.voided_at ?? 0,
    transitions?.marked_uncollectible_at ?? 0,
  );
  const invoice = {
    id: inv.id,
    number: presentText(inv.number) ?? inv.id,
    customerId: inv.customer,
    issueDate,
    dueDate,
    ...(days === undefined ? {} : { terms: `NET${days}` }),
    total: total.money,
    status: STATUS[inv.status],
    metadata: {
      ...inv.metadata,
      ...(inv.collection_method === null || inv.collection_method === undefined ? {} : { stripeCollectionMethod: inv.collection_method }),
      ...(inv.hosted_invoice_url === null || inv.hosted_invoice_url === undefined
        ? {}
        : { stripeHostedInvoiceUrl: inv.hosted_invoice_url }),
      [SOURCE_UPDATED_AT]: clock(options).iso(updated),
    },
  };
  const checked = parse(InvoiceSchema, 'invoices', inv.id, invoice);
  return 'issues' in checked ? checked : { record: checked.data };
}

/**
 * The payment a Stripe invoice's `amount_paid` stands for: id `<invoice id>:paid`, succeeded,
 * `card` when charged automatically (else `other`), at `paid_at` (else when it was finalized,
 * else created), allocated in full to the invoice. Partial payments update the same record, so
 * it always holds what was paid so far. Skipped when nothing was paid (or for a skipped draft).
 *
 * @example
 * ```ts
 * const payment = mapStripeInvoicePayment(invoice);
 * if ('record' in payment) await storage.commit({ payments: [payment.record] });
 * ```
 */
export function mapStripeInvoicePayment(raw: unknown, options: StripeMappingOptions = {}): StripeMapping<Payment> {
  const id = idOf(raw);
  const parsed = parse(StripeInvoiceSchema, 'invoices', id, raw);
  if ('issues' in parsed) return parsed;
  const inv = parsed.data;
  if (inv.amount_paid === 0) return { skipped: `invoice ${inv.id} has nothing paid` };
  if (inv.status === 'draft' && options.includeDrafts !== true) return { skipped: `invoice ${inv.id} is a draft` };
  const paymentId = `${inv.id}:paid`;
  const amount = money('payments', paymentId, 'amount_paid', inv.amount_paid, inv.currency);
  if ('issues' in amount) return amount;
  const transitions = inv.status_transitions;
  const payment = {
    id: paymentId,
    customerId: inv.customer,
    amount: amount.money,
    status: 'succeeded',
    method: inv.collection_method === 'charge_automatically' ? 'card' : 'other',
    at: clock(options).iso(transitions?.paid_at ?? transitions?.finalized_at ?? inv.created),
    reference: inv.id,
    allocations: [{ invoiceId: inv.id, amount: amount.money.amount }],
  };
  const checked = parse(PaymentSchema, 'payments', paymentId, payment);
  return 'issues' in checked ? checked : { record: checked.data };
}

/**
 * Maps an issued Stripe credit note: the Stripe id, its invoice, the amount in ISO minor units,
 * `at` when it was created, the reason its memo (else Stripe's reason code), cut to 500
 * characters. Void credit notes are skipped.
 *
 * @example
 * ```ts
 * const result = mapStripeCreditNote({ id: 'cn_1', object: 'credit_note', invoice: 'in_1', amount: 5000, currency: 'eur', created: 1735689600, reason: 'duplicate', memo: null, status: 'issued' });
 * // { record: { id: 'cn_1', invoiceId: 'in_1', amount: { amount: 5000, currency: 'EUR' }, at: '2025-01-01T00:00:00.000Z', reason: 'duplicate' } }
 * ```
 */
export function mapStripeCreditNote(raw: unknown, options: StripeMappingOptions = {}): StripeMapping<CreditNote> {
  const id = idOf(raw);
  const parsed = parse(StripeCreditNoteSchema, 'credit_notes', id, raw);
  if ('issues' in parsed) return parsed;
  const cn = parsed.data;
  if (cn.status === 'void') return { skipped: `credit note ${cn.id} is void` };
  const amount = money('credit_notes', cn.id, 'amount', cn.amount, cn.currency);
  if ('issues' in amount) return amount;
  const reason = clipText(presentText(cn.memo) ?? presentText(cn.reason), 500);
  const credit = {
    id: cn.id,
    invoiceId: cn.invoice,
    amount: amount.money,
    at: clock(options).iso(cn.created),
    ...(reason === undefined ? {} : { reason }),
  };
  const checked = parse(CreditNoteSchema, 'credit_notes', cn.id, credit);
  return 'issues' in checked ? checked : { record: checked.data };
}

/**
 * The records of one Stripe invoice, in order: the invoice, then the payment its `amount_paid`
 * stands for; or the issues that stopped the invoice; nothing for a skipped draft.
 *
 * @example
 * ```ts
 * for (const record of stripeInvoiceRecords(invoice, { timeZone: 'UTC' })) console.log(record.kind);
 * ```
 */
export function stripeInvoiceRecords(raw: unknown, options: StripeMappingOptions = {}): SourceRecord[] {
  const invoice = mapStripeInvoice(raw, options);
  if (!('record' in invoice)) return mappedRecords('invoice', invoice);
  return [{ kind: 'invoice', data: invoice.record }, ...mappedRecords('payment', mapStripeInvoicePayment(raw, options))];
}
