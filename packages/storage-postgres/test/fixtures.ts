/**
 * Model builders shared by the storage tests.
 *
 * @module
 */
import type { Activity, Customer, Invoice, Payment, PolicyInput } from '@dueflow/core';

/** A customer with one billing contact. */
export function customer(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Customer ${id}`,
    tags: [],
    contacts: [{ id: `${id}-ap`, role: 'billing', email: `ap+${id}@example.com`, phone: '+14155550100', optOuts: [], suppressed: [] }],
    timeZone: 'UTC',
    locale: 'en-US',
    ...overrides,
  };
}

/** An open USD invoice of 1,000.00 due on `dueDate`. */
export function invoice(id: string, customerId: string, dueDate = '2025-03-01', overrides: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `INV-${id}`,
    customerId,
    issueDate: '2024-12-01',
    dueDate,
    total: { amount: 100_000, currency: 'USD' },
    status: 'open',
    ...overrides,
  };
}

/** A succeeded payment allocated in full to one invoice. */
export function payment(id: string, customerId: string, invoiceId: string, amount: number, at = '2025-03-05T10:00:00Z'): Payment {
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

/** A note on an invoice's timeline. */
export function note(id: string, customerId: string, invoiceId: string, at = '2025-03-02T10:00:00Z', text = `note ${id}`): Activity {
  return { id, type: 'note', at, customerId, invoiceId, actor: { type: 'user', id: 'u1' }, source: 'agent', text };
}

/**
 * The policy of the crash test: the defaults with contact caps lifted. The test is about every
 * decided action being sent exactly once across crashes; with the default caps, a customer's
 * second message of the day is rightly held back until the next day, beyond the test's run.
 */
export const CRASH_POLICY: PolicyInput = { guardrails: { maxPerDay: 1000, maxPerWeek: 1000 } };
