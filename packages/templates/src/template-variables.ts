/**
 * The variables a template sees, built from a decision and a snapshot. Every documented
 * variable is always present; a value the data does not have is `null`, so
 * `{{ contact.name | default: "there" }}` works and a misspelt name is an error.
 *
 * @module
 */
import {
  daysBetween,
  outstandingAmount,
  planState,
  toEpochDay,
  type ActDecision,
  type Contact,
  type Money,
  type Snapshot,
  type ZoneCache,
} from '@dueflow/core';
import { offersFromTimeline } from '@dueflow/core';

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

/** An installment plan as templates see it. */
export interface PlanVariables {
  total: Money;
  frequency: string;
  /** Number of installments. */
  installments: number;
  /** The installment the message is about (else the first not fully paid), or `null` when all are paid. */
  installment: { seq: number; due_date: string; amount: Money; remaining: Money } | null;
  /** Amount due so far and not paid. */
  arrears: Money;
  /** Installments missed (past due plus grace, not fully paid). */
  missed: number;
  paid: Money;
}

/** A charge (late fee or interest) as templates see it; inputs a kind does not have are `null`. */
export interface ChargeVariables {
  amount: Money;
  /** `fixed`, `percent`, `rate`, `eu-late-payment` or `uk-late-payment`. */
  kind: string;
  /** Interest period start and end (`YYYY-MM-DD`). */
  from: string | null;
  to: string | null;
  days: number | null;
  /** Annual interest rate in basis points (1015 = 10.15%). */
  annual_basis_points: number | null;
  /** The legal rule a preset applies. */
  rule: string | null;
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
  /** Every invoice the message covers: one, or several in a consolidated message (ordered by invoice id). */
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
  /**
   * The invoice's latest promise to pay while it matters: pending, broken or partly kept
   * (`status`), with what was paid towards it; `null` otherwise.
   */
  promise: { amount: Money; date: string; status: 'pending' | 'broken' | 'partially-kept'; paid: Money } | null;
  /** The installment plan covering the invoice, with the installment the message is about; `null` without a plan. */
  plan: PlanVariables | null;
  /** The latest approved (else proposed) early-payment discount on the invoice, or `null`. */
  offer: { discount: Money; new_total: Money; deadline: string; status: string } | null;
  /** The fee or interest the action charges, with its inputs, or `null`. */
  charge: ChargeVariables | null;
  /** When the invoice reaches the write-off age (write-off warnings), or `null`. */
  write_off: { date: string; age_days: number } | null;
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
  /** Every invoice a consolidated message covers (their snapshots), lead included; absent for one invoice. */
  readonly members?: readonly Pick<Snapshot, 'invoice' | 'payments' | 'credits'>[];
}

function invoiceBase(source: Pick<Snapshot, 'invoice' | 'payments' | 'credits'>, today: string): Omit<InvoiceVariables, 'payment_link'> {
  const { invoice } = source;
  const owed = outstandingAmount(invoice, source.payments, source.credits);
  const daysPastDue = daysBetween(invoice.dueDate, today);
  return {
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
}

function contactFor(snapshot: Snapshot, contactId: string | undefined): Contact | undefined {
  const { contacts } = snapshot.customer;
  return (
    (contactId !== undefined ? contacts.find((c) => c.id === contactId) : undefined) ??
    contacts.find((c) => c.role === 'billing') ??
    contacts[0]
  );
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
  const daysPastDue = daysBetween(invoice.dueDate, today);
  const customerVars: TemplateVariables['customer'] = {
    id: customer.id,
    name: customer.name,
    tier: customer.tier ?? null,
    locale: customer.locale,
    time_zone: customer.timeZone,
  };
  const base = invoiceBase(snapshot, today);
  const link = input.paymentLink(base, customerVars);
  const invoiceVars: InvoiceVariables = { ...base, payment_link: link };
  const invoices =
    input.members === undefined || input.members.length === 0
      ? [invoiceVars]
      : input.members.map((m) => {
          if (m.invoice.id === invoice.id) return invoiceVars;
          const other = invoiceBase(m, today);
          return { ...other, payment_link: input.paymentLink(other, customerVars) };
        });
  const totalOutstanding = { amount: invoices.reduce((sum, i) => sum + i.outstanding.amount, 0), currency: invoiceVars.currency };
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
    invoices,
    total_outstanding: totalOutstanding,
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
    promise: promiseVariables(snapshot),
    plan: planVariables(decision, snapshot, today),
    offer: offerVariables(snapshot),
    charge: chargeVariables(decision),
    write_off: writeOffVariables(decision),
    today,
    locale: input.locale,
  };
}

function promiseVariables(snapshot: Snapshot): TemplateVariables['promise'] {
  const p = snapshot.promise;
  if (
    p === undefined ||
    p.invoiceId !== snapshot.invoice.id ||
    (p.status !== 'pending' && p.status !== 'broken' && p.status !== 'partially-kept')
  )
    return null;
  return { amount: p.amount, date: p.date, status: p.status, paid: { amount: p.paid, currency: p.amount.currency } };
}

function planVariables(decision: ActDecision, snapshot: Snapshot, today: string): PlanVariables | null {
  const plan = snapshot.plan;
  if (plan === undefined || !plan.invoiceIds.includes(snapshot.invoice.id)) return null;
  const state = planState(plan, snapshot.payments, toEpochDay(today));
  const reason = decision.reasons.find((r) => r.code === 'plan');
  const seq = reason?.code === 'plan' ? reason.installment?.seq : state.next?.seq;
  const current = state.installments.find((i) => i.seq === seq);
  return {
    total: plan.total,
    frequency: plan.frequency,
    installments: plan.installments.length,
    installment:
      current === undefined
        ? null
        : {
            seq: current.seq,
            due_date: current.dueDate,
            amount: current.amount,
            remaining: { amount: current.amount.amount - current.paid, currency: current.amount.currency },
          },
    arrears: state.arrears,
    missed: state.missed,
    paid: state.paid,
  };
}

function offerVariables(snapshot: Snapshot): TemplateVariables['offer'] {
  const offers = offersFromTimeline(
    snapshot.activities,
    snapshot.credits,
    outstandingAmount(snapshot.invoice, snapshot.payments, snapshot.credits),
  );
  const offer = [...offers].reverse().find((o) => o.status === 'approved') ?? [...offers].reverse().find((o) => o.status === 'proposed');
  return offer === undefined
    ? null
    : { discount: offer.discount, new_total: offer.newTotal, deadline: offer.deadline, status: offer.status };
}

function chargeVariables(decision: ActDecision): ChargeVariables | null {
  const charge = decision.action.charge;
  if (charge === undefined) return null;
  const text = (key: string): string | null => (typeof charge.inputs[key] === 'string' ? (charge.inputs[key] as string) : null);
  const num = (key: string): number | null => (typeof charge.inputs[key] === 'number' ? (charge.inputs[key] as number) : null);
  return {
    amount: charge.amount,
    kind: text('kind') ?? 'fee',
    from: text('from'),
    to: text('to'),
    days: num('days'),
    annual_basis_points: num('annualBasisPoints'),
    rule: text('rule'),
  };
}

function writeOffVariables(decision: ActDecision): TemplateVariables['write_off'] {
  const reason = decision.reasons.find((r) => r.code === 'write-off-warning');
  return reason?.code === 'write-off-warning' ? { date: reason.writeOffDate, age_days: reason.ageDays } : null;
}
