/**
 * The variables a template sees, built from a decision and a snapshot. Every documented
 * variable is always present; a value the data does not have is `null`, so
 * `{{ contact.name | default: "there" }}` works and a misspelt name is an error.
 *
 * @module
 */
import { daysBetween, outstandingAmount, type ActDecision, type Contact, type Money, type Snapshot, type ZoneCache } from '@dueflow/core';

/** An invoice as templates see it. */
export interface InvoiceVariables {
  id: string;
  number: string;
  issue_date: string;
  due_date: string;
  terms: string | null;
  total: Money;
  outstanding: Money;
  /** `total - outstanding`: what payments and credits covered. */
  paid: Money;
  currency: string;
  /** Signed: negative before the due date. */
  days_past_due: number;
  /** Never below 0. */
  days_overdue: number;
  payment_link: string | null;
}

/** A contact as templates see it. */
export interface ContactVariables {
  id: string;
  name: string | null;
  /** First word of the name, for greetings. */
  first_name: string | null;
  email: string | null;
  phone: string | null;
  role: string;
}

/** Your company, as configured on the renderer. */
export interface CompanyVariables {
  name: string;
  reply_to: string | null;
  phone: string | null;
  payment_url: string | null;
}

/** Everything a template sees. Names are snake_case, as in Liquid's own conventions. */
export interface TemplateVariables {
  customer: { id: string; name: string; tier: string | null; locale: string; time_zone: string };
  /** The recipient (for internal templates: the contact the task is about); `null` when the customer has none. */
  contact: ContactVariables | null;
  invoice: InvoiceVariables;
  /** Every invoice the message covers (one today; several once messages are consolidated). */
  invoices: InvoiceVariables[];
  /** Sum of `invoices[].outstanding`. */
  total_outstanding: Money;
  company: CompanyVariables;
  step: { id: string; name: string; index: number; occurrence: number; attempt: number };
  action: { type: string; channel: string | null; template: string | null; tone: string };
  days_past_due: number;
  days_overdue: number;
  days_until_due: number;
  payment_link: string | null;
  account_manager: { name: string; email: string | null } | null;
  promise: { amount: Money; date: string } | null;
  /** The recipient's local date at the moment of sending, `YYYY-MM-DD`. */
  today: string;
  /** Locale the message is written in. */
  locale: string;
}

/** What {@link buildTemplateVariables} needs. */
export interface VariablesInput {
  readonly decision: ActDecision;
  readonly snapshot: Snapshot;
  /** Epoch ms of the send. */
  readonly now: number;
  readonly locale: string;
  readonly company: { readonly name: string; readonly replyTo?: string; readonly phone?: string };
  readonly zones: ZoneCache;
  /** Renders the company's payment URL for one invoice, or `null` when none is configured. */
  readonly paymentLink: (invoice: Omit<InvoiceVariables, 'payment_link'>, customer: TemplateVariables['customer']) => string | null;
}

function contactFor(snapshot: Snapshot, contactId: string | undefined): Contact | undefined {
  const { contacts } = snapshot.customer;
  return (contactId !== undefined ? contacts.find((c) => c.id === contactId) : undefined) ?? contacts.find((c) => c.role === 'billing') ?? contacts[0];
}

/**
 * Builds the variables of one render. Pure: the instant of sending is passed in.
 *
 * @example
 * ```ts
 * const vars = buildTemplateVariables({ decision, snapshot, now, locale: 'en-US', company: { name: 'Acme' }, zones, paymentLink: () => null });
 * vars.invoice.outstanding; // { amount: 420000, currency: 'USD' }
 * ```
 */
export function buildTemplateVariables(input: VariablesInput): TemplateVariables {
  const { decision, snapshot } = input;
  const { invoice, customer } = snapshot;
  const contact = contactFor(snapshot, decision.action.contactId);
  const zone = contact?.timeZone ?? customer.timeZone;
  const today = input.zones.day(input.zones.localDay(zone, input.now));
  const owed = outstandingAmount(invoice, snapshot.payments, snapshot.credits);
  const daysPastDue = daysBetween(invoice.dueDate, today);
  const customerVars: TemplateVariables['customer'] = {
    id: customer.id,
    name: customer.name,
    tier: customer.tier ?? null,
    locale: customer.locale,
    time_zone: customer.timeZone,
  };
  const base: Omit<InvoiceVariables, 'payment_link'> = {
    id: invoice.id,
    number: invoice.number,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    terms: invoice.terms ?? null,
    total: invoice.total,
    outstanding: { amount: owed, currency: invoice.total.currency },
    paid: { amount: invoice.total.amount - owed, currency: invoice.total.currency },
    currency: invoice.total.currency,
    days_past_due: daysPastDue,
    days_overdue: Math.max(0, daysPastDue),
  };
  const link = input.paymentLink(base, customerVars);
  const invoiceVars: InvoiceVariables = { ...base, payment_link: link };
  const name = contact?.name ?? null;
  const manager = customer.accountManager;
  return {
    customer: customerVars,
    contact:
      contact === undefined
        ? null
        : {
            id: contact.id,
            name,
            first_name: name === null ? null : (name.trim().split(/\s+/)[0] ?? null),
            email: contact.email ?? null,
            phone: contact.phone ?? null,
            role: contact.role,
          },
    invoice: invoiceVars,
    invoices: [invoiceVars],
    total_outstanding: invoiceVars.outstanding,
    company: { name: input.company.name, reply_to: input.company.replyTo ?? null, phone: input.company.phone ?? null, payment_url: link },
    step: { ...decision.step },
    action: {
      type: decision.action.type,
      channel: decision.action.channel ?? null,
      template: decision.action.template ?? null,
      tone: decision.action.tone ?? 'neutral',
    },
    days_past_due: daysPastDue,
    days_overdue: Math.max(0, daysPastDue),
    days_until_due: Math.max(0, -daysPastDue),
    payment_link: link,
    account_manager: manager === undefined ? null : { name: manager.name, email: manager.email ?? null },
    promise:
      snapshot.promise !== undefined && snapshot.promise.status === 'pending'
        ? { amount: snapshot.promise.amount, date: snapshot.promise.date }
        : null,
    today,
    locale: input.locale,
  };
}
