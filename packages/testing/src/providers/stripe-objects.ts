/**
 * Stripe objects shaped like the API reference's examples, and a small account to serve from
 * {@link startFakeStripe}, for testing code that reads Stripe.
 *
 * @module
 */
import type { StripeJson } from './fake-stripe.js';

/**
 * Unix seconds of an ISO instant, as Stripe writes times.
 *
 * @example
 * ```ts
 * stripeTime('2025-03-01T15:00:00Z'); // 1740841200
 * ```
 */
export function stripeTime(iso: string): number {
  return Date.parse(iso) / 1000;
}

/**
 * A Stripe customer object with every field the API returns; `overrides` replace fields.
 *
 * @example
 * ```ts
 * fake.data.customers.push(stripeCustomer('cus_acme', { name: 'Acme Corp', email: 'ap@acme.example' }));
 * ```
 */
export function stripeCustomer(id: string, overrides: StripeJson = {}): StripeJson {
  return {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: stripeTime('2024-06-01T12:00:00Z'),
    currency: 'usd',
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: 'A1B2C3D4',
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    ...overrides,
  };
}

/**
 * A Stripe invoice object: open, sent for manual payment, 1,200.00 USD due 30 days after it was
 * created, unless `overrides` say otherwise.
 *
 * @example
 * ```ts
 * fake.data.invoices.push(stripeInvoice('in_1', { customer: 'cus_acme', status: 'paid', amount_paid: 120_000 }));
 * ```
 */
export function stripeInvoice(id: string, overrides: StripeJson = {}): StripeJson {
  const created = typeof overrides.created === 'number' ? overrides.created : stripeTime('2025-03-01T15:00:00Z');
  const total = typeof overrides.total === 'number' ? overrides.total : 120_000;
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Dueflow Test Co',
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    billing_reason: 'manual',
    collection_method: 'send_invoice',
    created,
    currency: 'usd',
    customer: 'cus_acme',
    customer_email: 'ap@acme.example',
    days_until_due: 30,
    description: null,
    due_date: stripeTime('2025-03-31T15:00:00Z'),
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_1Test/test_${id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_1Test/test_${id}/pdf`,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    number: `DF-${id.slice(3).toUpperCase()}`,
    period_end: created,
    period_start: created,
    status: 'open',
    status_transitions: { finalized_at: created + 3600, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    total,
    ...overrides,
  };
}

/**
 * A Stripe credit note object (issued, 100.00 USD), unless `overrides` say otherwise.
 *
 * @example
 * ```ts
 * fake.data.credit_notes.push(stripeCreditNote('cn_1', { invoice: 'in_1', amount: 5_000 }));
 * ```
 */
export function stripeCreditNote(id: string, overrides: StripeJson = {}): StripeJson {
  return {
    id,
    object: 'credit_note',
    amount: 10_000,
    amount_shipping: 0,
    created: stripeTime('2025-03-05T10:00:00Z'),
    currency: 'usd',
    customer: 'cus_acme',
    customer_balance_transaction: null,
    discount_amount: 0,
    invoice: 'in_open',
    lines: { object: 'list', data: [], has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: null,
    metadata: {},
    number: `CN-${id.slice(3).toUpperCase()}`,
    out_of_band_amount: null,
    pdf: `https://pay.stripe.com/credit_notes/acct_1Test/test_${id}/pdf`,
    reason: null,
    refund: null,
    status: 'issued',
    subtotal: 10_000,
    total: 10_000,
    type: 'pre_payment',
    voided_at: null,
    ...overrides,
  };
}

/**
 * A small account: three customers, invoices in every state (open, paid, partly paid, draft,
 * uncollectible), an issued and a void credit note.
 *
 * @example
 * ```ts
 * const fake = await startFakeStripe();
 * Object.assign(fake.data, stripeAccount());
 * ```
 */
export function stripeAccount(): { customers: StripeJson[]; invoices: StripeJson[]; credit_notes: StripeJson[] } {
  const day = stripeTime;
  return {
    customers: [
      stripeCustomer('cus_acme', {
        name: 'Acme Corp',
        email: 'ap@acme.example',
        phone: '(415) 555-0100',
        address: { line1: '1 Market St', line2: null, city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' },
        preferred_locales: ['en-US'],
        created: day('2024-01-10T09:00:00Z'),
        metadata: { crm_id: 'A-17' },
      }),
      stripeCustomer('cus_globex', {
        name: null,
        email: 'billing@globex.example',
        preferred_locales: ['fr'],
        created: day('2024-02-10T09:00:00Z'),
      }),
      stripeCustomer('cus_initech', { name: 'Initech', phone: 'call reception', created: day('2024-03-10T09:00:00Z') }),
    ],
    invoices: [
      stripeInvoice('in_open', { created: day('2025-03-01T15:00:00Z'), customer: 'cus_acme' }),
      stripeInvoice('in_paid', {
        created: day('2025-02-01T15:00:00Z'),
        customer: 'cus_globex',
        collection_method: 'charge_automatically',
        days_until_due: null,
        due_date: null,
        status: 'paid',
        amount_paid: 45_000,
        amount_remaining: 0,
        total: 45_000,
        status_transitions: {
          finalized_at: day('2025-02-01T16:00:00Z'),
          paid_at: day('2025-02-01T16:00:05Z'),
          marked_uncollectible_at: null,
          voided_at: null,
        },
      }),
      stripeInvoice('in_partial', {
        created: day('2025-01-15T15:00:00Z'),
        customer: 'cus_acme',
        amount_paid: 20_000,
        amount_remaining: 100_000,
      }),
      stripeInvoice('in_draft', {
        created: day('2025-03-05T15:00:00Z'),
        customer: 'cus_initech',
        status: 'draft',
        number: null,
        status_transitions: { finalized_at: null, paid_at: null, marked_uncollectible_at: null, voided_at: null },
      }),
      stripeInvoice('in_bad', {
        created: day('2024-12-01T15:00:00Z'),
        customer: 'cus_initech',
        status: 'uncollectible',
        days_until_due: 15,
        due_date: null,
      }),
    ],
    credit_notes: [
      stripeCreditNote('cn_issued', {
        invoice: 'in_open',
        amount: 10_000,
        reason: 'order_change',
        memo: 'Two seats removed',
        created: day('2025-03-05T10:00:00Z'),
      }),
      stripeCreditNote('cn_void', { invoice: 'in_open', status: 'void', created: day('2025-03-06T10:00:00Z') }),
    ],
  };
}
