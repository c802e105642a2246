/**
 * Operations on invoices and customers as pure transitions: each returns the changed records
 * and the timeline activities that record the change. Storage persists both together.
 *
 * @module
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { Activity } from '../model/activity.js';
import { ContactSchema, type Contact, type Customer } from '../model/customer.js';
import { CreditNoteSchema, PauseSchema, PaymentSchema, type CreditNote, type Invoice, type Payment } from '../model/invoice.js';
import type { Money } from '../model/money.js';
import type { ChannelKind } from '../model/primitives.js';
import { parseWith } from '../validate.js';
import { activityBase, invalid, isoOf, type TransitionContext } from './common.js';

/**
 * The changed invoice and the activities that record the change.
 * @inline
 */
type InvoiceResult = { invoice: Invoice; activities: Activity[] };

function statusActivity(
  ctx: TransitionContext,
  invoice: Invoice,
  change: Extract<Activity, { type: 'status' }>['change'],
  reason?: string,
): Activity {
  return { ...activityBase(ctx, invoice.customerId, invoice.id, 1), type: 'status', change, ...(reason !== undefined ? { reason } : {}) };
}

function requireOpen(invoice: Invoice, op: string): void {
  if (invoice.status !== 'open') invalid(`${op}: invoice ${invoice.id} is ${invoice.status}, not open`);
}

/**
 * Pauses collection of an invoice: no messages and no plan reminders until resumed or until the
 * optional local date `until`.
 *
 * @example
 * ```ts
 * pauseInvoice(invoice, { reason: 'customer in hospital', until: '2025-04-01' }, { at: now, idPrefix: 'req-1' });
 * ```
 */
export function pauseInvoice(
  invoice: Invoice,
  input: { readonly reason: string; readonly until?: string },
  ctx: TransitionContext,
): InvoiceResult {
  requireOpen(invoice, 'pauseInvoice');
  if (invoice.pause !== undefined) invalid(`pauseInvoice: invoice ${invoice.id} is already paused`);
  const pause = {
    reason: input.reason,
    since: isoOf(ctx.at),
    ...(input.until !== undefined ? { until: input.until } : {}),
    ...(ctx.by?.id !== undefined ? { by: ctx.by.id } : {}),
  };
  const checked = parseWith(PauseSchema, 'pause', pause);
  return { invoice: { ...invoice, pause: checked }, activities: [statusActivity(ctx, invoice, 'paused', input.reason)] };
}

/**
 * Resumes a paused invoice; ladder progress is kept and the time spent paused does not count
 * towards the next step.
 *
 * @example
 * ```ts
 * resumeInvoice(invoice, { at: now, idPrefix: 'req-2' });
 * ```
 */
export function resumeInvoice(invoice: Invoice, ctx: TransitionContext): InvoiceResult {
  if (invoice.pause === undefined) invalid(`resumeInvoice: invoice ${invoice.id} is not paused`);
  const { pause: _pause, ...rest } = invoice;
  return { invoice: rest, activities: [statusActivity(ctx, invoice, 'resumed')] };
}

/**
 * Opens a dispute: collection of the invoice is frozen until it is resolved.
 *
 * @example
 * ```ts
 * openDispute(invoice, { reason: 'goods arrived damaged' }, { at: now, idPrefix: 'req-3' });
 * ```
 */
export function openDispute(invoice: Invoice, input: { readonly reason: string }, ctx: TransitionContext): InvoiceResult {
  requireOpen(invoice, 'openDispute');
  if (invoice.dispute !== undefined) invalid(`openDispute: invoice ${invoice.id} already has an open dispute`);
  if (input.reason.trim() === '') invalid('openDispute: reason must not be empty');
  const dispute = { reason: input.reason, openedAt: isoOf(ctx.at), ...(ctx.by?.id !== undefined ? { by: ctx.by.id } : {}) };
  return { invoice: { ...invoice, dispute }, activities: [statusActivity(ctx, invoice, 'dispute-opened', input.reason)] };
}

/**
 * Resolves an open dispute; collection resumes where it stopped.
 *
 * @example
 * ```ts
 * resolveDispute(invoice, { resolution: 'replacement shipped' }, { at: now, idPrefix: 'req-4' });
 * ```
 */
export function resolveDispute(invoice: Invoice, input: { readonly resolution: string }, ctx: TransitionContext): InvoiceResult {
  if (invoice.dispute === undefined) invalid(`resolveDispute: invoice ${invoice.id} has no open dispute`);
  const { dispute: _dispute, ...rest } = invoice;
  return { invoice: rest, activities: [statusActivity(ctx, invoice, 'dispute-resolved', input.resolution)] };
}

/**
 * Voids an invoice (issued in error): nothing more happens on it.
 *
 * @example
 * ```ts
 * voidInvoice(invoice, { reason: 'duplicate of INV-1041' }, { at: now, idPrefix: 'req-5' });
 * ```
 */
export function voidInvoice(invoice: Invoice, input: { readonly reason: string }, ctx: TransitionContext): InvoiceResult {
  if (invoice.status === 'void') invalid(`voidInvoice: invoice ${invoice.id} is already void`);
  return { invoice: { ...invoice, status: 'void' }, activities: [statusActivity(ctx, invoice, 'voided', input.reason)] };
}

/**
 * Writes an invoice off as uncollectable.
 *
 * @example
 * ```ts
 * writeOffInvoice(invoice, { reason: 'customer insolvent' }, { at: now, idPrefix: 'req-6' });
 * ```
 */
export function writeOffInvoice(invoice: Invoice, input: { readonly reason: string }, ctx: TransitionContext): InvoiceResult {
  requireOpen(invoice, 'writeOffInvoice');
  return { invoice: { ...invoice, status: 'written-off' }, activities: [statusActivity(ctx, invoice, 'written-off', input.reason)] };
}

/**
 * Reopens a voided or written-off invoice (for example when a voided invoice reappears in the
 * source of truth and the import is configured to reopen it).
 *
 * @example
 * ```ts
 * reopenInvoice(invoice, { reason: 'present again in the ledger export' }, { at: now, idPrefix: 'imp-7' });
 * ```
 */
export function reopenInvoice(invoice: Invoice, input: { readonly reason: string }, ctx: TransitionContext): InvoiceResult {
  if (invoice.status === 'open' || invoice.status === 'draft') invalid(`reopenInvoice: invoice ${invoice.id} is ${invoice.status}`);
  return { invoice: { ...invoice, status: 'open' }, activities: [statusActivity(ctx, invoice, 'reopened', input.reason)] };
}

/**
 * Assigns a different ladder to an invoice. Checking that the ladder exists is the caller's
 * (pass `knownLadders`), so a typo never silently falls back to the default.
 *
 * @example
 * ```ts
 * assignLadder(invoice, 'gentle', ['default', 'gentle'], { at: now, idPrefix: 'req-8' });
 * ```
 */
export function assignLadder(invoice: Invoice, ladderId: string, knownLadders: readonly string[], ctx: TransitionContext): InvoiceResult {
  if (!knownLadders.includes(ladderId)) {
    throw new ValidationError('ladder assignment', [
      { path: ['ladderId'], field: 'ladderId', message: `names no ladder of the policy (${knownLadders.join(', ')})`, value: ladderId },
    ]);
  }
  return { invoice: { ...invoice, ladderId }, activities: [statusActivity(ctx, invoice, 'ladder-assigned', ladderId)] };
}

/**
 * Records a payment (succeeded, failed, pending or refunded) with one payment activity per
 * invoice it is applied to. Payments made outside the platform use `markPaid`.
 *
 * @example
 * ```ts
 * recordPayment({ id: 'pay-1', customerId: 'c1', amount: money(399_000, 'USD'), status: 'succeeded', method: 'ach', at: '2025-03-13T14:00:00Z', allocations: [{ invoiceId: 'inv-1', amount: 399_000 }] }, { at: now, idPrefix: 'pay-1' });
 * ```
 */
export function recordPayment(input: z.input<typeof PaymentSchema>, ctx: TransitionContext): { payment: Payment; activities: Activity[] } {
  const payment = parseWith(PaymentSchema, 'payment', input);
  const targets = payment.allocations.length > 0 ? payment.allocations : [{ invoiceId: undefined, amount: payment.amount.amount }];
  const activities: Activity[] = targets.map((t, n) => ({
    ...activityBase(ctx, payment.customerId, t.invoiceId, n + 1),
    type: 'payment',
    paymentId: payment.id,
    amount: { amount: t.amount, currency: payment.amount.currency },
    status: payment.status,
    method: payment.method,
    ...(payment.reference !== undefined ? { reference: payment.reference } : {}),
  }));
  return { payment, activities };
}

/**
 * Marks an invoice paid outside the platform (a cheque, a bank transfer seen in the ledger): a
 * succeeded payment for what is outstanding, the invoice's status `paid`, and the timeline.
 *
 * @example
 * ```ts
 * markPaid(invoice, 420_000, { paymentId: 'chq-88', method: 'check', reference: 'CHQ 004512' }, { at: now, idPrefix: 'req-9' });
 * ```
 */
export function markPaid(
  invoice: Invoice,
  outstanding: number,
  input: { readonly paymentId: string; readonly method: Payment['method']; readonly reference?: string },
  ctx: TransitionContext,
): { invoice: Invoice; payment: Payment | undefined; activities: Activity[] } {
  requireOpen(invoice, 'markPaid');
  const activities: Activity[] = [];
  let payment: Payment | undefined;
  if (outstanding > 0) {
    const recorded = recordPayment(
      {
        id: input.paymentId,
        customerId: invoice.customerId,
        amount: { amount: outstanding, currency: invoice.total.currency },
        status: 'succeeded',
        method: input.method,
        at: isoOf(ctx.at),
        ...(input.reference !== undefined ? { reference: input.reference } : {}),
        allocations: [{ invoiceId: invoice.id, amount: outstanding }],
      },
      { ...ctx, idPrefix: `${ctx.idPrefix}:payment` },
    );
    payment = recorded.payment;
    activities.push(...recorded.activities);
  }
  activities.push(statusActivity(ctx, invoice, 'marked-paid', input.reference));
  return { invoice: { ...invoice, status: 'paid' }, payment, activities };
}

/**
 * Records a credit note against an invoice. Credits reduce what is outstanding.
 *
 * @example
 * ```ts
 * addCreditNote(invoice, { id: 'cn-1', amount: money(21_000, 'USD'), reason: '5% early-payment discount' }, { at: now, idPrefix: 'req-10' });
 * ```
 */
export function addCreditNote(
  invoice: Invoice,
  input: { readonly id: string; readonly amount: Money; readonly reason?: string },
  ctx: TransitionContext,
): { credit: CreditNote; activities: Activity[] } {
  if (input.amount.currency !== invoice.total.currency)
    invalid(`addCreditNote: ${input.amount.currency} credit on a ${invoice.total.currency} invoice`);
  const credit = parseWith(CreditNoteSchema, 'credit note', {
    id: input.id,
    invoiceId: invoice.id,
    amount: input.amount,
    at: isoOf(ctx.at),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  });
  return { credit, activities: [statusActivity(ctx, invoice, 'credit-note', input.reason ?? `credit note ${credit.id}`)] };
}

/** The fields of a contact {@link editContact} may change. */
export type ContactPatch = Partial<
  Pick<Contact, 'name' | 'role' | 'email' | 'phone' | 'postalAddress' | 'webhook' | 'preferredChannel' | 'timeZone' | 'locale' | 'optOuts'>
>;

/** Input of {@link editContact}: which contact, and what changes. */
export interface EditContactInput {
  /** The contact's id within the customer. */
  readonly contactId: string;
  /** The fields to change; the others are kept. */
  readonly patch: ContactPatch;
  /** Country used to read phone numbers written without a country code. @default 'US' */
  readonly defaultCountry?: CountryCode;
}

/**
 * Normalises a phone number to E.164 with libphonenumber-js, or throws a `ValidationError`.
 *
 * @example
 * ```ts
 * normalizePhone('(415) 555-0100'); // '+14155550100'
 * normalizePhone('06 12 34 56 78', 'FR'); // '+33612345678'
 * ```
 */
export function normalizePhone(text: string, defaultCountry: CountryCode = 'US', field = 'phone'): string {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (parsed === undefined || !parsed.isValid()) {
    throw new ValidationError('contact', [{ path: [field], field, message: 'not a valid phone number', value: text }]);
  }
  return parsed.number;
}

/**
 * Edits a contact of a customer: emails validated, phone numbers normalised to E.164. Changing
 * an address lifts its suppression (the new address has not bounced). The change applies to the
 * customer everywhere, since contacts belong to the customer, not to an invoice.
 *
 * @example
 * ```ts
 * editContact(customer, { contactId: 'ap', patch: { phone: '(415) 555-0100' } }, { at: now, idPrefix: 'req-11' });
 * ```
 */
export function editContact(
  customer: Customer,
  input: EditContactInput,
  ctx: TransitionContext,
): { customer: Customer; activities: Activity[] } {
  const { contactId, patch } = input;
  const index = customer.contacts.findIndex((c) => c.id === contactId);
  if (index === -1) invalid(`editContact: customer ${customer.id} has no contact ${contactId}`);
  const current = customer.contacts[index]!;
  const normalized = {
    ...patch,
    ...(patch.phone !== undefined ? { phone: normalizePhone(patch.phone, input.defaultCountry ?? 'US') } : {}),
  };
  const merged = parseWith(ContactSchema, 'contact', { ...current, ...normalized });
  const changed: ChannelKind[] = [];
  if (merged.email !== current.email) changed.push('email');
  if (merged.phone !== current.phone) changed.push('sms', 'voice');
  if (JSON.stringify(merged.postalAddress) !== JSON.stringify(current.postalAddress)) changed.push('letter');
  if (merged.webhook !== current.webhook) changed.push('webhook');
  const contact: Contact = { ...merged, suppressed: merged.suppressed.filter((c) => !changed.includes(c)) };
  const contacts = customer.contacts.map((c, i) => (i === index ? contact : c));
  const fields = Object.keys(patch).sort().join(', ');
  return {
    customer: { ...customer, contacts },
    activities: [
      { ...activityBase(ctx, customer.id, undefined, 1), type: 'contact', contactId, event: 'updated', detail: `changed ${fields}` },
    ],
  };
}

/**
 * Records an ad-hoc touch on the timeline: a note, a call with its outcome, or a message sent
 * outside the ladder.
 *
 * @example
 * ```ts
 * recordTouch(invoice, { kind: 'call', outcome: 'reached', durationSeconds: 240, notes: 'will pay Friday' }, { at: now, idPrefix: 'req-12' });
 * ```
 */
export function recordTouch(
  invoice: Invoice,
  touch:
    | { readonly kind: 'note'; readonly text: string; readonly source?: 'agent' | 'crm' | 'support-ticket' | 'import' | 'customer-reply' }
    | {
        readonly kind: 'call';
        readonly outcome: 'reached' | 'no-answer' | 'voicemail' | 'wrong-number' | 'refused';
        readonly durationSeconds?: number;
        readonly notes?: string;
        readonly commitments?: string;
        readonly contactId?: string;
        readonly direction?: 'outbound' | 'inbound';
      }
    | { readonly kind: 'message'; readonly channel: ChannelKind; readonly contactId?: string; readonly detail?: string },
  ctx: TransitionContext,
): Activity[] {
  const base = activityBase(ctx, invoice.customerId, invoice.id, 1);
  switch (touch.kind) {
    case 'note':
      if (touch.text.trim() === '') invalid('recordTouch: a note needs text');
      return [{ ...base, type: 'note', source: touch.source ?? 'agent', text: touch.text }];
    case 'call':
      return [
        {
          ...base,
          type: 'call',
          direction: touch.direction ?? 'outbound',
          outcome: touch.outcome,
          automated: false,
          ...(touch.durationSeconds !== undefined ? { durationSeconds: touch.durationSeconds } : {}),
          ...(touch.notes !== undefined ? { notes: touch.notes } : {}),
          ...(touch.commitments !== undefined ? { commitments: touch.commitments } : {}),
          ...(touch.contactId !== undefined ? { contactId: touch.contactId } : {}),
        },
      ];
    case 'message':
      return [
        {
          ...base,
          type: 'action',
          stepId: 'ad-hoc',
          occurrence: 1,
          action: 'message',
          channel: touch.channel,
          outcome: 'sent',
          ...(touch.contactId !== undefined ? { contactId: touch.contactId } : {}),
          ...(touch.detail !== undefined ? { detail: touch.detail } : {}),
        },
      ];
  }
}
