import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSourceMapping } from '@dueflow/testing/conformance';
import { CustomerSchema, InvoiceSchema, PaymentSchema } from '@dueflow/core';
import { fromQuickBooksAmount } from './quickbooks-amount.js';
import { mapQuickBooksCustomer, mapQuickBooksInvoice, mapQuickBooksPayment, type QuickBooksMappingOptions } from './quickbooks-mapping.js';

/** Mostly a plausible value for a field, sometimes anything JSON can carry. */
const either = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 60, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue() });
const choice = <T>(valid: readonly T[], invalid: readonly T[]) =>
  fc.oneof({ weight: 25, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const id = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 99_999 }).map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2 }) },
  { weight: 1, arbitrary: fc.constant('9'.repeat(240)) },
);
const ref = fc.oneof(
  { weight: 20, arbitrary: fc.record({ value: id, name: fc.string({ maxLength: 10 }) }, { requiredKeys: ['value'] }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
/** Decimal amounts as QuickBooks writes them: cents mostly, sometimes finer, negative, huge or not numbers. */
const amount = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 0, max: 100_000_000 }).map((cents) => cents / 100) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 10_000_000 }).map((mils) => mils / 1000) },
  { weight: 1, arbitrary: fc.integer({ min: -10_000, max: 0 }).map((cents) => cents / 100) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(0, Number.MAX_SAFE_INTEGER, 1e21, 1e-7) },
);
const currency = fc.oneof(
  { weight: 20, arbitrary: fc.record({ value: choice(['USD', 'EUR', 'JPY', 'KWD', 'CAD'], ['XYZ', 'usd', '']) }) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);
const date = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2025-02-30', '03/01/2025', '', '0000-00-00') },
);
const instant = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().replace('.000Z', '-08:00')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 25 }) },
);
const text = fc.oneof(
  { weight: 10, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.string({ minLength: 290, maxLength: 700 }) },
);
const metaData = fc.record({ CreateTime: instant, LastUpdatedTime: instant }, { requiredKeys: [] });

/** Objects with every field, or with one field left out now and then. */
function qboObject<T extends Record<string, unknown>>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  const keys = Object.keys(fields);
  return fc
    .tuple(fc.record(fields), fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...keys) }))
    .map(([object, drop]) => {
      const copy: Partial<T> = { ...object };
      if (drop !== null) delete copy[drop as keyof T];
      return copy;
    });
}

const customer = qboObject({
  Id: either(id),
  DisplayName: either(text),
  CompanyName: either(text),
  GivenName: either(text),
  FamilyName: either(text),
  PrimaryEmailAddr: either(fc.record({ Address: fc.oneof(fc.emailAddress(), text) })),
  PrimaryPhone: either(
    fc.record({
      FreeFormNumber: fc.oneof(fc.constantFrom('(415) 555-0100', '+14155550100', '+1', 'call me'), fc.string({ maxLength: 16 })),
    }),
  ),
  BillAddr: either(
    fc.record(
      {
        Line1: text,
        Line2: text,
        City: text,
        CountrySubDivisionCode: text,
        PostalCode: text,
        Country: fc.constantFrom('US', 'USA', 'Canada', 'ZZ', ''),
      },
      { requiredKeys: [] },
    ),
  ),
  Active: either(fc.boolean()),
  MetaData: either(metaData),
});

const invoice = qboObject({
  Id: either(id),
  DocNumber: either(
    fc.oneof(
      { weight: 10, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 95, maxLength: 120 }) },
    ),
  ),
  TxnDate: either(date),
  DueDate: either(date),
  TotalAmt: either(amount),
  Balance: either(amount),
  CurrencyRef: either(currency),
  CustomerRef: either(ref),
  SalesTermRef: either(fc.record({ value: id, name: text })),
  PrivateNote: either(fc.oneof(fc.constant('Voided'), text)),
  MetaData: either(metaData),
});

const linked = fc.record({ TxnId: id, TxnType: fc.constantFrom('Invoice', 'CreditMemo', 'Expense') });
const payment = qboObject({
  Id: either(id),
  TxnDate: either(date),
  TotalAmt: either(amount),
  CustomerRef: either(ref),
  CurrencyRef: either(currency),
  PaymentMethodRef: either(fc.record({ value: id, name: fc.constantFrom('Cash', 'Check', 'Visa', 'Wire') })),
  PaymentRefNum: either(text),
  Line: either(fc.array(fc.record({ Amount: amount, LinkedTxn: fc.array(linked, { maxLength: 2 }) }), { maxLength: 4 })),
});

const options: fc.Arbitrary<QuickBooksMappingOptions> = fc.record({
  homeCurrency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'),
});

describe('mapping arbitrary QuickBooks-shaped JSON', () => {
  it('customers: never throw; a record passes CustomerSchema unchanged, else issues', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: customer }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        expectSourceMapping(mapQuickBooksCustomer(raw, o), CustomerSchema, 'Customer');
      }),
      { numRuns: 1500 },
    );
  });

  it('invoices: never throw; a record passes InvoiceSchema unchanged, with the exact total', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: invoice }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        const result = mapQuickBooksInvoice(raw, o);
        expectSourceMapping(result, InvoiceSchema, 'Invoice');
        if ('record' in result) {
          expect(result.record.dueDate >= result.record.issueDate).toBe(true);
          // The minor units, written back as a decimal, are the number QuickBooks sent (a
          // negative zero is zero).
          const exponent = { USD: 2, EUR: 2, CAD: 2, JPY: 0, KWD: 3 }[result.record.total.currency as 'USD']!;
          const sent = (raw as { TotalAmt: number }).TotalAmt;
          expect(result.record.total.amount / 10 ** exponent).toBe(sent === 0 ? 0 : sent);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('payments: never throw; a record passes PaymentSchema unchanged and allocates at most its amount', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: payment }, { weight: 1, arbitrary: fc.jsonValue() }), options, (raw, o) => {
        const result = mapQuickBooksPayment(raw, o);
        expectSourceMapping(result, PaymentSchema, 'Payment');
        if ('record' in result) {
          expect(result.record.amount.amount).toBeGreaterThan(0);
          expect(result.record.allocations.reduce((a, b) => a + b.amount, 0)).toBeLessThanOrEqual(result.record.amount.amount);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('amounts: exact or refused, never rounded', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom('USD', 'JPY', 'KWD'), (value, code) => {
        const result = fromQuickBooksAmount(value, code);
        if ('money' in result) expect(Number(`${result.money.amount}e-${{ USD: 2, JPY: 0, KWD: 3 }[code]}`)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 3000 },
    );
  });

  it('maps the same entity to the same record every time', () => {
    fc.assert(
      fc.property(invoice, options, (raw, o) => {
        expect(mapQuickBooksInvoice(raw, o)).toEqual(mapQuickBooksInvoice(structuredClone(raw), o));
      }),
      { numRuns: 300 },
    );
  });
});
