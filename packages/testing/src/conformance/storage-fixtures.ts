/**
 * Small, valid model rows for the storage conformance kit. Rows are written in their parsed
 * form (defaults applied), which is what the storage port accepts.
 *
 * @module
 */
import type { ActDecision, Activity, CreditNote, Customer, DecideOutputLike, Invoice, Payment } from './storage-types.js';

/**
 * A customer with one billing contact reachable by email and SMS.
 *
 * @example
 * ```ts
 * await storage.commit({ customers: [fixtureCustomer('c1', { timeZone: 'Europe/Paris' })] });
 * ```
 */
export function fixtureCustomer(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Customer ${id}`,
    tags: [],
    contacts: [{ id: `${id}-billing`, role: 'billing', email: `ap+${id}@example.com`, phone: '+14155550100', optOuts: [], suppressed: [] }],
    timeZone: 'UTC',
    locale: 'en-US',
    ...overrides,
  };
}

/**
 * An open invoice of 1,000.00 USD due on 2025-03-31.
 *
 * @example
 * ```ts
 * await storage.commit({ invoices: [fixtureInvoice('i1', 'c1', { status: 'paid' })] });
 * ```
 */
export function fixtureInvoice(id: string, customerId: string, overrides: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `N-${id}`,
    customerId,
    issueDate: '2025-03-01',
    dueDate: '2025-03-31',
    total: { amount: 100_000, currency: 'USD' },
    status: 'open',
    ...overrides,
  };
}

/**
 * A succeeded payment allocated to one invoice.
 *
 * @example
 * ```ts
 * await storage.commit({ payments: [fixturePayment('p1', 'c1', 'i1', 40_000)] });
 * ```
 */
export function fixturePayment(id: string, customerId: string, invoiceId: string, amount: number, at = '2025-04-02T10:00:00Z'): Payment {
  return {
    id,
    customerId,
    amount: { amount, currency: 'USD' },
    status: 'succeeded',
    method: 'ach',
    at,
    allocations: [{ invoiceId, amount }],
  };
}

/**
 * A credit note on one invoice.
 *
 * @example
 * ```ts
 * await storage.commit({ credits: [fixtureCredit('cn1', 'i1', 500)] });
 * ```
 */
export function fixtureCredit(id: string, invoiceId: string, amount: number): CreditNote {
  return { id, invoiceId, amount: { amount, currency: 'USD' }, at: '2025-04-01T00:00:00Z' };
}

/**
 * A note on an invoice's timeline.
 *
 * @example
 * ```ts
 * await storage.commit({ activities: [fixtureNote('n1', 'c1', 'i1', '2025-04-01T00:00:00Z')] });
 * ```
 */
export function fixtureNote(
  id: string,
  customerId: string,
  invoiceId: string | undefined,
  at: string,
  text = 'called, promised Friday',
): Activity {
  return {
    id,
    type: 'note',
    at,
    customerId,
    ...(invoiceId !== undefined ? { invoiceId } : {}),
    actor: { type: 'user', id: 'u1' },
    source: 'agent',
    text,
  };
}

/**
 * An act decision for a message step with the given key.
 *
 * @example
 * ```ts
 * const decision = fixtureDecision('i1', 'i1:overdue-notice:1', true); // needs approval
 * ```
 */
export function fixtureDecision(invoiceId: string, key: string, requiresApproval = false): ActDecision {
  return {
    kind: 'act',
    invoiceId,
    ladderId: 'default',
    segment: 'standard',
    step: { id: 'overdue-notice', name: 'Overdue notice', index: 2, occurrence: 1, attempt: 1 },
    action: { type: 'message', channel: 'email', contactId: 'c1', template: 'notice.overdue', tone: 'firm' },
    window: { start: '2025-04-07T09:00:00.000Z', end: '2025-04-07T17:00:00.000Z' },
    requiresApproval,
    idempotencyKey: key,
    outstanding: { amount: 100_000, currency: 'USD' },
    reasons: [],
  };
}

/**
 * The action activity that goes with an outbox entry.
 *
 * @example
 * ```ts
 * fixtureActionActivity('a1', 'c1', 'i1', 'i1:k1', '2025-04-07T10:00:00Z', 'sent');
 * ```
 */
export function fixtureActionActivity(
  id: string,
  customerId: string,
  invoiceId: string,
  key: string,
  at: string,
  outcome: 'queued' | 'sent' | 'failed' | 'awaiting-approval' | 'approved' | 'rejected' = 'queued',
): Activity {
  return {
    id,
    type: 'action',
    at,
    customerId,
    invoiceId,
    actor: { type: 'system' },
    idempotencyKey: key,
    stepId: 'overdue-notice',
    ladderId: 'default',
    occurrence: 1,
    action: 'message',
    channel: 'email',
    outcome,
  };
}

/**
 * A `decide` callback that enqueues one entry per call under `key(invoiceId, actionsSoFar)`,
 * with its action activity, and waits a day.
 *
 * @example
 * ```ts
 * await storage.decideDue({ now, limit: 10 }, enqueueingDecide(now, (id, n) => `${id}:k${n + 1}`));
 * ```
 */
export function enqueueingDecide(
  now: number,
  key: (invoiceId: string, actions: number) => string,
  options: { requiresApproval?: boolean; windowMs?: number } = {},
): (snapshot: { invoice: Invoice; customer: Customer; activities: readonly Activity[] }) => DecideOutputLike {
  return (snapshot) => {
    const id = snapshot.invoice.id;
    const actions = snapshot.activities.filter((a) => a.type === 'action').length;
    const k = key(id, actions);
    const decision = fixtureDecision(id, k, options.requiresApproval === true);
    return {
      nextCheckAt: now + 86_400_000,
      decision,
      outbox: [
        {
          key: k,
          decision,
          status: options.requiresApproval === true ? 'awaiting-approval' : 'pending',
          notBefore: now,
          notAfter: now + (options.windowMs ?? 8 * 3_600_000),
        },
      ],
      activities: [
        fixtureActionActivity(
          `act:${k}`,
          snapshot.customer.id,
          id,
          k,
          new Date(now).toISOString(),
          options.requiresApproval === true ? 'awaiting-approval' : 'queued',
        ),
      ],
    };
  };
}
