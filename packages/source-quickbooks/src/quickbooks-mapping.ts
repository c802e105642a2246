/**
 * Pure mapping of QuickBooks Online entities to the core model. Each function takes the entity
 * as QuickBooks sent it (unknown JSON), never throws, and returns a record the core schema
 * accepted, the issues that stopped it, or why it was skipped. Transaction dates are already
 * calendar dates in QuickBooks; only a customer's creation instant is turned into a date, in the
 * configured time zone. No clock is read.
 *
 * @module
 */
import {
  CalendarDateSchema,
  CustomerSchema,
  InvoiceSchema,
  PaymentSchema,
  ZoneCache,
  isTimeZone,
  fromZodIssues,
  normalizePhone,
  type Customer,
  type Invoice,
  type InvoiceStatus,
  type Money,
  type Payment,
} from '@dueflow/core';
import { clipText, presentText, type SourceMapping } from '@dueflow/runtime/adapters';
import type { SourceIssue } from '@dueflow/runtime/ports';
import type { z } from 'zod';
import { fromQuickBooksAmount } from './quickbooks-amount.js';
import {
  QuickBooksCustomerSchema,
  QuickBooksInvoiceSchema,
  QuickBooksPaymentSchema,
  type QuickBooksCustomer,
  type QuickBooksInvoice,
} from './quickbooks-objects.js';

/** What a mapping function returns: the record, the issues that stopped it, or why it was skipped. */
export type QuickBooksMapping<T> = SourceMapping<T>;

/** Options of the mapping functions. */
export interface QuickBooksMappingOptions {
  /**
   * ISO 4217 code of the company's home currency, used when an entity has no `CurrencyRef`
   * (QuickBooks leaves it out when multicurrency is off).
   * @default 'USD'
   */
  readonly homeCurrency?: string;
  /**
   * IANA zone given to customers (QuickBooks keeps none) and in which a customer's `since` is
   * the date of its `MetaData.CreateTime`. An unknown zone here is read as UTC.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Offset memo shared across calls (a source keeps one).
   * @default a new ZoneCache per call
   */
  readonly zones?: ZoneCache;
}

/** The id a QuickBooks payment has in Dueflow: QuickBooks numbers each entity type on its own, so payment 130 and invoice 130 can both exist. */
export function paymentIdOf(quickBooksId: string): string {
  return `payment-${quickBooksId}`;
}

type Collection = 'Customer' | 'Invoice' | 'Payment';

function idOf(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'Id' in raw && typeof raw.Id === 'string' && raw.Id !== '') return raw.Id.slice(0, 200);
  return '?';
}

function issue(collection: Collection, id: string, field: string, message: string, value?: unknown): SourceIssue {
  const where = field === '' ? `${collection}[${id}]` : `${collection}[${id}].${field}`;
  return {
    field: where,
    ...(value === undefined ? {} : { value }),
    message: `${collection} ${id}: ${field === '' ? '' : `${field} `}${message}`,
  };
}

function parse<S extends z.ZodType>(
  schema: S,
  collection: Collection,
  id: string,
  input: unknown,
): { data: z.output<S> } | { issues: SourceIssue[] } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { data: result.data };
  return {
    issues: fromZodIssues(result.error.issues).map((i) => issue(collection, id, i.field === '(root)' ? '' : i.field, i.message, i.value)),
  };
}

function money(
  collection: Collection,
  id: string,
  field: string,
  amount: number,
  currency: string,
): { money: Money } | { issues: SourceIssue[] } {
  const result = fromQuickBooksAmount(amount, currency);
  if ('money' in result) return result;
  const currencyIssue = result.field === 'currency';
  return {
    issues: [issue(collection, id, currencyIssue ? 'CurrencyRef.value' : field, result.message, currencyIssue ? currency : amount)],
  };
}

function currencyOf(ref: { value: string } | undefined, options: QuickBooksMappingOptions): string {
  return ref?.value ?? options.homeCurrency ?? 'USD';
}

type PhoneCountry = Parameters<typeof normalizePhone>[1];
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  USA: 'US',
  'UNITED STATES': 'US',
  CANADA: 'CA',
  'UNITED KINGDOM': 'GB',
  UK: 'GB',
  AUSTRALIA: 'AU',
};

/** A two-letter country of QuickBooks' free-text `Country` (`US`, `USA`, `Canada`), or `undefined`. */
function countryOf(text: string | undefined): string | undefined {
  const upper = presentText(text)?.toUpperCase();
  if (upper === undefined) return undefined;
  if (/^[A-Z]{2}$/.test(upper)) return upper;
  return COUNTRY_NAMES[upper];
}

function phoneOf(c: QuickBooksCustomer): string | undefined {
  const text = presentText(c.PrimaryPhone?.FreeFormNumber);
  if (text === undefined) return undefined;
  const country = countryOf(c.BillAddr?.Country);
  if (country === undefined && !text.startsWith('+')) return undefined;
  try {
    return country !== undefined ? normalizePhone(text, country as PhoneCountry) : normalizePhone(text);
  } catch {
    return undefined;
  }
}

function postalLinesOf(c: QuickBooksCustomer): string[] | undefined {
  const a = c.BillAddr;
  if (a === undefined) return undefined;
  const cityLine = [presentText(a.PostalCode), presentText(a.City)].filter((p) => p !== undefined).join(' ');
  const lines = [
    presentText(a.Line1),
    presentText(a.Line2),
    presentText(a.Line3),
    presentText(cityLine),
    presentText(a.CountrySubDivisionCode),
    presentText(a.Country),
  ]
    .map((line) => clipText(line, 200))
    .filter((line): line is string => line !== undefined);
  return lines.length === 0 ? undefined : lines;
}

/** The local calendar date of an ISO instant with offset (`2024-03-04T14:28:52-08:00`), or `undefined` when it is not one. */
function localDate(instant: string | undefined, options: QuickBooksMappingOptions): string | undefined {
  if (instant === undefined) return undefined;
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms) || ms < 0 || ms > 253_402_300_799_999) return undefined;
  const zones = options.zones ?? new ZoneCache();
  const zone = options.timeZone !== undefined && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const day = zones.day(zones.localDay(zone, ms));
  return CalendarDateSchema.safeParse(day).success ? day : undefined;
}

/**
 * Maps a QuickBooks customer: its `Id`; the `DisplayName` (else the company name, else given
 * and family name, else the id), cut to 300 characters; one `billing` contact `primary` with the
 * primary email, the primary phone when it reads as a valid number (E.164, or national in the
 * billing address's country; others are left out) and the billing address as postal lines; the
 * `timeZone` option as the customer's zone; `since` the local date of `MetaData.CreateTime`;
 * metadata `quickbooksActive` (QuickBooks "deletes" a customer by making it inactive; its
 * invoices still refer to it, so it is kept).
 *
 * @example
 * ```ts
 * const result = mapQuickBooksCustomer({ Id: '58', DisplayName: 'Acme Corp', PrimaryEmailAddr: { Address: 'ap@acme.example' }, Active: true });
 * if ('record' in result) await storage.commit({ customers: [result.record] });
 * ```
 */
export function mapQuickBooksCustomer(raw: unknown, options: QuickBooksMappingOptions = {}): QuickBooksMapping<Customer> {
  const id = idOf(raw);
  const parsed = parse(QuickBooksCustomerSchema, 'Customer', id, raw);
  if ('issues' in parsed) return parsed;
  const c = parsed.data;
  const email = presentText(c.PrimaryEmailAddr?.Address);
  const phone = phoneOf(c);
  const postalAddress = postalLinesOf(c);
  const personal = [presentText(c.GivenName), presentText(c.FamilyName)].filter((p) => p !== undefined).join(' ');
  const name = presentText(c.DisplayName) ?? presentText(c.CompanyName) ?? presentText(personal) ?? c.Id;
  const since = localDate(c.MetaData?.CreateTime, options);
  const hasContact = email !== undefined || phone !== undefined || postalAddress !== undefined;
  const customer = {
    id: c.Id,
    name: clipText(name, 300),
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
    ...(options.timeZone !== undefined && isTimeZone(options.timeZone) ? { timeZone: options.timeZone } : {}),
    ...(since === undefined ? {} : { since }),
    ...(c.Active === undefined ? {} : { metadata: { quickbooksActive: c.Active } }),
  };
  return checked(CustomerSchema, 'Customer', c.Id, customer);
}

function checked<S extends z.ZodType>(schema: S, collection: Collection, id: string, input: unknown): QuickBooksMapping<z.output<S>> {
  const result = parse(schema, collection, id, input);
  return 'issues' in result ? result : { record: result.data };
}

/**
 * The Dueflow status of a QuickBooks invoice, which has none of its own: a zero total whose
 * private note starts with "Voided" (what QuickBooks writes when an invoice is voided) is
 * `void`; any other zero total, or a zero balance, is `paid`; anything else is `open`.
 *
 * @example
 * ```ts
 * quickBooksInvoiceStatus({ TotalAmt: 100, Balance: 0 }); // 'paid'
 * quickBooksInvoiceStatus({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' }); // 'void'
 * ```
 */
export function quickBooksInvoiceStatus(invoice: Pick<QuickBooksInvoice, 'TotalAmt' | 'Balance' | 'PrivateNote'>): InvoiceStatus {
  if (invoice.TotalAmt === 0) return /^\s*voided\b/i.test(invoice.PrivateNote ?? '') ? 'void' : 'paid';
  if (invoice.Balance === 0) return 'paid';
  return 'open';
}

/**
 * Maps a QuickBooks invoice: its `Id`; number `DocNumber` (else the id); `issueDate` the
 * `TxnDate`; `dueDate` the `DueDate` (else the `TxnDate`), never before it; `total` `TotalAmt`
 * in exact ISO minor units of `CurrencyRef` (else `homeCurrency`); terms the sales term's name;
 * the status from {@link quickBooksInvoiceStatus}; metadata `quickbooksBalance` (the balance in
 * minor units, as QuickBooks reports it).
 *
 * @example
 * ```ts
 * const result = mapQuickBooksInvoice({ Id: '130', DocNumber: '1037', TxnDate: '2025-03-01', DueDate: '2025-03-31', TotalAmt: 362.07, Balance: 362.07, CustomerRef: { value: '58' } });
 * // { record: { id: '130', number: '1037', total: { amount: 36207, currency: 'USD' }, status: 'open', ... } }
 * ```
 */
export function mapQuickBooksInvoice(raw: unknown, options: QuickBooksMappingOptions = {}): QuickBooksMapping<Invoice> {
  const id = idOf(raw);
  const parsed = parse(QuickBooksInvoiceSchema, 'Invoice', id, raw);
  if ('issues' in parsed) return parsed;
  const inv = parsed.data;
  const currency = currencyOf(inv.CurrencyRef, options);
  const total = money('Invoice', inv.Id, 'TotalAmt', inv.TotalAmt, currency);
  if ('issues' in total) return total;
  const balance = money('Invoice', inv.Id, 'Balance', inv.Balance, currency);
  if ('issues' in balance) return balance;
  const dueDate = inv.DueDate !== undefined && inv.DueDate >= inv.TxnDate ? inv.DueDate : inv.TxnDate;
  const terms = clipText(presentText(inv.SalesTermRef?.name), 50);
  const invoice = {
    id: inv.Id,
    number: clipText(presentText(inv.DocNumber), 100) ?? inv.Id,
    customerId: inv.CustomerRef.value,
    issueDate: inv.TxnDate,
    dueDate,
    ...(terms === undefined ? {} : { terms }),
    total: total.money,
    status: quickBooksInvoiceStatus(inv),
    metadata: { quickbooksBalance: balance.money.amount },
  };
  return checked(InvoiceSchema, 'Invoice', inv.Id, invoice);
}

const METHODS: Readonly<Record<string, Payment['method']>> = {
  cash: 'cash',
  check: 'check',
  cheque: 'check',
  'credit card': 'card',
  visa: 'card',
  mastercard: 'card',
  'american express': 'card',
  discover: 'card',
  'diners club': 'card',
};

/**
 * Maps a QuickBooks payment: id `payment-<Id>`; its customer; `TotalAmt` in exact ISO minor
 * units; `succeeded`; the method from the payment method's name (cash, check, card names, else
 * `other`); `at` noon UTC of `TxnDate`; the reference `PaymentRefNum`; allocations from the lines
 * linked to one invoice, summed per invoice, in line order up to the payment's total (a payment
 * that also applies a credit memo links more to invoices than it brings in cash). What is not
 * linked to an invoice stays unallocated. A payment of 0 (credit memos applied to invoices
 * without cash) is skipped.
 *
 * @example
 * ```ts
 * const result = mapQuickBooksPayment({ Id: '7', TxnDate: '2025-03-10', TotalAmt: 150, CustomerRef: { value: '58' }, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }] });
 * // { record: { id: 'payment-7', amount: { amount: 15000, currency: 'USD' }, allocations: [{ invoiceId: '130', amount: 10000 }], ... } }
 * ```
 */
export function mapQuickBooksPayment(raw: unknown, options: QuickBooksMappingOptions = {}): QuickBooksMapping<Payment> {
  const qboId = idOf(raw);
  const id = paymentIdOf(qboId);
  const parsed = parse(QuickBooksPaymentSchema, 'Payment', qboId, raw);
  if ('issues' in parsed) return parsed;
  const p = parsed.data;
  if (p.TotalAmt === 0) return { skipped: `Payment ${p.Id} has a total of 0` };
  if (p.TotalAmt < 0) return { issues: [issue('Payment', p.Id, 'TotalAmt', 'must be positive', p.TotalAmt)] };
  const currency = currencyOf(p.CurrencyRef, options);
  const amount = money('Payment', p.Id, 'TotalAmt', p.TotalAmt, currency);
  if ('issues' in amount) return amount;
  const perInvoice = new Map<string, number>();
  for (const [i, line] of p.Line.entries()) {
    const invoices = line.LinkedTxn.filter((t) => t.TxnType === 'Invoice');
    if (invoices.length === 0) continue;
    if (invoices.length > 1)
      return {
        issues: [
          issue(
            'Payment',
            p.Id,
            `Line[${i}].LinkedTxn`,
            'links more than one invoice to one amount',
            invoices.map((t) => t.TxnId),
          ),
        ],
      };
    const lineAmount = money('Payment', p.Id, `Line[${i}].Amount`, line.Amount, currency);
    if ('issues' in lineAmount) return lineAmount;
    const invoiceId = invoices[0]!.TxnId;
    perInvoice.set(invoiceId, (perInvoice.get(invoiceId) ?? 0) + lineAmount.money.amount);
  }
  let left = amount.money.amount;
  const allocations: { invoiceId: string; amount: number }[] = [];
  for (const [invoiceId, linked] of perInvoice) {
    const share = Math.min(linked, left);
    if (share <= 0) continue;
    allocations.push({ invoiceId, amount: share });
    left -= share;
  }
  const method = METHODS[presentText(p.PaymentMethodRef?.name)?.toLowerCase() ?? ''] ?? 'other';
  const reference = clipText(presentText(p.PaymentRefNum), 200);
  const payment = {
    id,
    customerId: p.CustomerRef.value,
    amount: amount.money,
    status: 'succeeded',
    method,
    at: `${p.TxnDate}T12:00:00Z`,
    ...(reference === undefined ? {} : { reference }),
    allocations,
  };
  return checked(PaymentSchema, 'Payment', p.Id, payment);
}
