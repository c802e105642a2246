import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSourceMapping } from '@dueflow/testing/conformance';
import { CreditNoteSchema, CustomerSchema, InvoiceSchema, PaymentSchema } from '@dueflow/core';
import {
  mapStripeCreditNote,
  mapStripeCustomer,
  mapStripeInvoice,
  mapStripeInvoicePayment,
  type StripeMappingOptions,
} from './stripe-mapping.js';

/** Mostly a plausible value for a field, sometimes anything JSON can carry. */
const either = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 60, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue() });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
/** Mostly one of `valid`, sometimes one of `invalid`. */
const choice = <T>(valid: readonly T[], invalid: readonly T[]) =>
  fc.oneof({ weight: 25, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const seconds = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 4_102_444_800 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 300_000_000_000 }) },
);
const amount = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000, max: 0 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constant(Number.MAX_SAFE_INTEGER) },
);
const currency = choice(['usd', 'eur', 'jpy', 'kwd', 'isk', 'mga', 'ugx'], ['xyz', 'USD', '', 'us']);
const id = (prefix: string) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.stringMatching(/^[0-9A-Za-z]{1,14}$/).map((s) => `${prefix}${s}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(240)) },
  );
const metadata = nullable(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }));
const text = fc.oneof(
  { weight: 10, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.string({ minLength: 290, maxLength: 700 }) },
);
const email = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{1,12}$/), fc.stringMatching(/^[a-z]{1,10}$/))
      .map(([local, domain]) => `${local}@${domain}.example`),
  },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: text },
);
const ref = (prefix: string) =>
  fc.oneof(
    id(prefix),
    id(prefix).map((i) => ({ id: i })),
  );

/** Objects with every field, or with one field left out now and then. */
function stripeObject<T extends Record<string, unknown>>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  const keys = Object.keys(fields);
  return fc
    .tuple(fc.record(fields), fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...keys) }))
    .map(([object, drop]) => {
      const copy: Partial<T> = { ...object };
      if (drop !== null) delete copy[drop as keyof T];
      return copy;
    });
}

const customer = stripeObject({
  id: either(id('cus_')),
  object: either(fc.constant('customer')),
  deleted: either(fc.option(fc.boolean(), { nil: undefined, freq: 2 })),
  name: either(nullable(text)),
  email: either(nullable(email)),
  phone: either(
    nullable(fc.oneof(fc.constantFrom('+14155550100', '(415) 555-0100', '01 42 68 53 00', '+1', 'call me'), fc.string({ maxLength: 16 }))),
  ),
  address: either(
    nullable(
      fc.record(
        {
          line1: nullable(text),
          line2: nullable(text),
          city: nullable(text),
          state: nullable(text),
          postal_code: nullable(text),
          country: nullable(fc.constantFrom('US', 'FR', 'ZZ', 'usa', '')),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  preferred_locales: either(
    nullable(
      fc.array(fc.oneof(fc.constantFrom('en-US', 'fr', 'de-CH', 'zz-invalid-!', ''), fc.string({ maxLength: 6 })), { maxLength: 3 }),
    ),
  ),
  created: either(seconds),
  metadata: either(metadata),
});

const transitions = fc.record({ finalized_at: nullable(seconds), paid_at: nullable(seconds) }, { requiredKeys: [] });
const invoice = stripeObject({
  id: either(id('in_')),
  object: either(fc.constant('invoice')),
  number: either(
    nullable(
      fc.oneof(
        { weight: 10, arbitrary: fc.string({ maxLength: 20 }) },
        { weight: 1, arbitrary: fc.string({ minLength: 95, maxLength: 120 }) },
      ),
    ),
  ),
  customer: either(fc.oneof({ weight: 25, arbitrary: ref('cus_') }, { weight: 1, arbitrary: fc.constant(null) })),
  status: either(choice(['draft', 'open', 'paid', 'void', 'uncollectible'], ['deleted'])),
  currency: either(currency),
  total: either(amount),
  amount_paid: either(amount),
  created: either(seconds),
  due_date: either(nullable(seconds)),
  days_until_due: either(
    nullable(
      fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 40_000 }) }),
    ),
  ),
  status_transitions: either(nullable(transitions)),
  collection_method: either(nullable(choice(['charge_automatically', 'send_invoice'], ['other']))),
  hosted_invoice_url: either(nullable(fc.webUrl())),
  metadata: either(metadata),
});

const creditNote = stripeObject({
  id: either(id('cn_')),
  object: either(fc.constant('credit_note')),
  invoice: either(ref('in_')),
  amount: either(amount),
  currency: either(currency),
  created: either(seconds),
  reason: either(nullable(fc.constantFrom('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'))),
  memo: either(nullable(text)),
  status: either(fc.constantFrom('issued', 'void')),
});

const options: fc.Arbitrary<StripeMappingOptions> = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'),
  includeDrafts: fc.boolean(),
});

describe('mapping arbitrary Stripe-shaped JSON', () => {
  it('customers: never throws; a record passes CustomerSchema, else issues or a skip', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: customer }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        expectSourceMapping(mapStripeCustomer(raw, o), CustomerSchema, 'customers');
      }),
      { numRuns: 1500 },
    );
  });

  it('invoices and their payments: never throw; records pass InvoiceSchema and PaymentSchema', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: invoice }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        const result = mapStripeInvoice(raw, o);
        expectSourceMapping(result, InvoiceSchema, 'invoices');
        if ('record' in result) expect(result.record.dueDate >= result.record.issueDate).toBe(true);
        const payment = mapStripeInvoicePayment(raw, o);
        // A malformed invoice object is reported under `invoices`; a payment the core refuses under `payments`.
        expectSourceMapping(payment, PaymentSchema, 'invoices', 'payments');
        if ('record' in payment) {
          expect(payment.record.amount.amount).toBeGreaterThan(0);
          expect(Number.isSafeInteger(payment.record.amount.amount)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('credit notes: never throw; a record passes CreditNoteSchema', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: creditNote }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        expectSourceMapping(mapStripeCreditNote(raw, o), CreditNoteSchema, 'credit_notes');
      }),
      { numRuns: 1500 },
    );
  });

  it('maps the same object to the same record every time', () => {
    fc.assert(
      fc.property(invoice, options, (raw, o) => {
        expect(mapStripeInvoice(raw, o)).toEqual(mapStripeInvoice(structuredClone(raw), o));
      }),
      { numRuns: 300 },
    );
  });
});
