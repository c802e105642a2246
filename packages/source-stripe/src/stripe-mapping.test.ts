import { describe, expect, it } from 'vitest';
import { stripeCreditNote, stripeCustomer, stripeInvoice, stripeTime } from '@dueflow/testing/providers';
import { fromStripeAmount } from './stripe-amount.js';
import {
  mapStripeCreditNote,
  mapStripeCustomer,
  mapStripeInvoice,
  mapStripeInvoicePayment,
  stripeInvoiceRecords,
} from './stripe-mapping.js';

const noTransitions = { finalized_at: null, paid_at: null, marked_uncollectible_at: null, voided_at: null };

describe('fromStripeAmount', () => {
  it.each([
    [123_400, 'usd', { amount: 123_400, currency: 'USD' }],
    [5_000, 'jpy', { amount: 5_000, currency: 'JPY' }],
    [12_340, 'kwd', { amount: 12_340, currency: 'KWD' }],
    [50_000, 'isk', { amount: 500, currency: 'ISK' }],
    [500, 'mga', { amount: 50_000, currency: 'MGA' }],
    [0, 'eur', { amount: 0, currency: 'EUR' }],
  ])('reads %i %s as ISO 4217 minor units', (amount, currency, money) => {
    expect(fromStripeAmount(amount, currency)).toEqual({ money });
  });

  it('reports unknown currencies and amounts that are not whole ISO minor units', () => {
    expect(fromStripeAmount(100, 'xyz')).toEqual({ field: 'currency', message: 'unknown ISO 4217 currency code "xyz"' });
    expect(fromStripeAmount(150, 'isk')).toMatchObject({ field: 'amount' });
    expect(fromStripeAmount(Number.MAX_SAFE_INTEGER, 'mga')).toMatchObject({ field: 'amount' });
  });
});

describe('mapStripeCustomer', () => {
  it('maps name, one billing contact, the address as postal lines, locale, since and metadata', () => {
    const result = mapStripeCustomer(
      stripeCustomer('cus_acme', {
        name: 'Acme Corp',
        email: 'ap@acme.example',
        phone: '(415) 555-0100',
        address: { line1: '1 Market St', line2: '', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' },
        preferred_locales: ['en-GB', 'fr'],
        created: stripeTime('2024-01-10T03:00:00Z'),
        metadata: { crm_id: 'A-17' },
      }),
      { timeZone: 'America/Los_Angeles' },
    );
    expect(result).toEqual({
      record: {
        id: 'cus_acme',
        name: 'Acme Corp',
        tags: [],
        contacts: [
          {
            id: 'primary',
            role: 'billing',
            email: 'ap@acme.example',
            phone: '+14155550100',
            postalAddress: ['1 Market St', '94105 San Francisco', 'CA', 'US'],
            optOuts: [],
            suppressed: [],
          },
        ],
        timeZone: 'America/Los_Angeles',
        locale: 'en-GB',
        // 03:00 UTC is still the evening before in Los Angeles.
        since: '2024-01-09',
        metadata: { crm_id: 'A-17' },
      },
    });
  });

  it('falls back to the email, then the id, for the name', () => {
    expect(mapStripeCustomer(stripeCustomer('cus_1', { email: 'billing@globex.example' }))).toMatchObject({
      record: { name: 'billing@globex.example' },
    });
    expect(mapStripeCustomer(stripeCustomer('cus_2', { name: '  ' }))).toMatchObject({ record: { name: 'cus_2', contacts: [] } });
  });

  it('keeps E.164 phones, reads national ones in the address country, and drops the rest', () => {
    const phone = (p: string, country: string | null) => {
      const result = mapStripeCustomer(stripeCustomer('cus_p', { phone: p, address: country === null ? null : { country } }));
      return 'record' in result ? result.record.contacts[0]?.phone : result;
    };
    expect(phone('+44 20 7946 0958', null)).toBe('+442079460958');
    expect(phone('01 42 68 53 00', 'FR')).toBe('+33142685300');
    expect(phone('(415) 555-0100', null)).toBeUndefined();
    expect(phone('call reception', 'US')).toBeUndefined();
    expect(phone('555', 'ZZ')).toBeUndefined();
  });

  it('creates no contact without email, phone or address, and ignores locales that are not BCP 47 tags', () => {
    expect(
      mapStripeCustomer(stripeCustomer('cus_3', { name: 'Initech', phone: 'n/a', preferred_locales: ['not a locale!', 'de'] })),
    ).toMatchObject({
      record: { contacts: [], locale: 'de' },
    });
  });

  it('skips deleted customers', () => {
    expect(mapStripeCustomer({ id: 'cus_gone', object: 'customer', deleted: true })).toEqual({ skipped: 'customer cus_gone is deleted' });
  });

  it('reports an email the core refuses, naming the customer and field', () => {
    expect(mapStripeCustomer(stripeCustomer('cus_bad', { email: 'not-an-email' }))).toEqual({
      issues: [
        {
          field: 'customers[cus_bad].contacts[0].email',
          value: 'not-an-email',
          message: 'customer cus_bad: contacts[0].email expected an email address',
        },
      ],
    });
  });
});

describe('mapStripeInvoice', () => {
  it('takes issueDate and dueDate as local dates of the finalization and due timestamps, across midnight', () => {
    const raw = stripeInvoice('in_ny', {
      created: stripeTime('2025-02-28T20:00:00Z'),
      status_transitions: { ...noTransitions, finalized_at: stripeTime('2025-03-01T03:30:00Z') },
      due_date: stripeTime('2025-03-31T02:00:00Z'),
    });
    expect(mapStripeInvoice(raw)).toMatchObject({ record: { issueDate: '2025-03-01', dueDate: '2025-03-31' } });
    // New York: 22:30 EST on Feb 28, and 22:00 EDT on Mar 30 (DST began on Mar 9).
    expect(mapStripeInvoice(raw, { timeZone: 'America/New_York' })).toMatchObject({
      record: { issueDate: '2025-02-28', dueDate: '2025-03-30' },
    });
    expect(mapStripeInvoice(raw, { timeZone: 'Asia/Tokyo' })).toMatchObject({ record: { issueDate: '2025-03-01', dueDate: '2025-03-31' } });
  });

  it('maps an open send_invoice invoice completely', () => {
    expect(mapStripeInvoice(stripeInvoice('in_open', { metadata: { po: 'PO-9' } }))).toEqual({
      record: {
        id: 'in_open',
        number: 'DF-OPEN',
        customerId: 'cus_acme',
        issueDate: '2025-03-01',
        dueDate: '2025-03-31',
        terms: 'NET30',
        total: { amount: 120_000, currency: 'USD' },
        status: 'open',
        metadata: {
          po: 'PO-9',
          stripeCollectionMethod: 'send_invoice',
          stripeHostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1Test/test_in_open',
          sourceUpdatedAt: '2025-03-01T16:00:00.000Z',
        },
      },
    });
  });

  it('derives dueDate from days_until_due when due_date is null, and from issueDate for automatic charges', () => {
    expect(mapStripeInvoice(stripeInvoice('in_1', { due_date: null, days_until_due: 15 }))).toMatchObject({
      record: { issueDate: '2025-03-01', dueDate: '2025-03-16', terms: 'NET15' },
    });
    const automatic = mapStripeInvoice(
      stripeInvoice('in_2', { due_date: null, days_until_due: null, collection_method: 'charge_automatically' }),
    );
    expect(automatic).toMatchObject({
      record: { issueDate: '2025-03-01', dueDate: '2025-03-01', metadata: { stripeCollectionMethod: 'charge_automatically' } },
    });
    expect('record' in automatic && automatic.record.terms).toBe(undefined);
  });

  it("dates the state it shows: the event's time, or the object's latest status change", () => {
    const voided = stripeInvoice('in_5', {
      status: 'void',
      status_transitions: {
        finalized_at: stripeTime('2025-03-01T16:00:00Z'),
        paid_at: null,
        marked_uncollectible_at: null,
        voided_at: stripeTime('2025-03-09T08:00:00Z'),
      },
    });
    expect(mapStripeInvoice(voided)).toMatchObject({ record: { metadata: { sourceUpdatedAt: '2025-03-09T08:00:00.000Z' } } });
    expect(mapStripeInvoice(voided, { eventCreated: stripeTime('2025-03-09T08:00:02Z') })).toMatchObject({
      record: { metadata: { sourceUpdatedAt: '2025-03-09T08:00:02.000Z' } },
    });
  });

  it('never puts dueDate before issueDate, and uses created when the invoice was never finalized', () => {
    const late = stripeInvoice('in_3', { due_date: stripeTime('2025-02-01T12:00:00Z') });
    expect(mapStripeInvoice(late)).toMatchObject({ record: { issueDate: '2025-03-01', dueDate: '2025-03-01' } });
    const never = stripeInvoice('in_4', {
      created: stripeTime('2025-01-05T12:00:00Z'),
      status_transitions: noTransitions,
      due_date: null,
      days_until_due: 10,
    });
    expect(mapStripeInvoice(never)).toMatchObject({ record: { issueDate: '2025-01-05', dueDate: '2025-01-15' } });
  });

  it.each([
    ['open', 'open'],
    ['paid', 'paid'],
    ['void', 'void'],
    ['uncollectible', 'written-off'],
  ] as const)('maps status %s to %s', (stripe, core) => {
    expect(mapStripeInvoice(stripeInvoice('in_s', { status: stripe }))).toMatchObject({ record: { status: core } });
  });

  it('skips drafts unless asked, then numbers them with their id', () => {
    const draft = stripeInvoice('in_draft', { status: 'draft', number: null, status_transitions: noTransitions });
    expect(mapStripeInvoice(draft)).toEqual({ skipped: 'invoice in_draft is a draft' });
    expect(mapStripeInvoice(draft, { includeDrafts: true })).toMatchObject({
      record: { id: 'in_draft', number: 'in_draft', status: 'draft' },
    });
  });

  it('reads an expanded customer and converts zero-decimal and ISK amounts', () => {
    expect(
      mapStripeInvoice(stripeInvoice('in_jpy', { customer: { id: 'cus_jp', object: 'customer' }, currency: 'jpy', total: 5_000 })),
    ).toMatchObject({
      record: { customerId: 'cus_jp', total: { amount: 5_000, currency: 'JPY' } },
    });
    expect(mapStripeInvoice(stripeInvoice('in_isk', { currency: 'isk', total: 1_250_000 }))).toMatchObject({
      record: { total: { amount: 12_500, currency: 'ISK' } },
    });
  });

  it('reports an unknown currency, a negative total and a missing customer with the id, field and value', () => {
    expect(mapStripeInvoice(stripeInvoice('in_xyz', { currency: 'xyz' }))).toEqual({
      issues: [
        { field: 'invoices[in_xyz].currency', value: 'xyz', message: 'invoice in_xyz: currency unknown ISO 4217 currency code "xyz"' },
      ],
    });
    expect(mapStripeInvoice(stripeInvoice('in_neg', { total: -500 }))).toEqual({
      issues: [
        {
          field: 'invoices[in_neg].total.amount',
          value: -500,
          message: 'invoice in_neg: total.amount must not be negative (use a credit note)',
        },
      ],
    });
    const missing = mapStripeInvoice(stripeInvoice('in_orphan', { customer: null }));
    expect(missing).toMatchObject({ issues: [{ field: 'invoices[in_orphan].customer', value: null }] });
  });

  it('reports input that is not an invoice at all', () => {
    expect(mapStripeInvoice('nonsense')).toMatchObject({ issues: [{ field: 'invoices[?]', value: 'nonsense' }] });
    expect(mapStripeInvoice({ id: 'in_x', object: 'invoice' })).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ field: 'invoices[in_x].currency' })]),
    });
  });
});

describe('mapStripeInvoicePayment', () => {
  it('derives a succeeded card payment at paid_at for an automatically charged paid invoice', () => {
    const raw = stripeInvoice('in_paid', {
      collection_method: 'charge_automatically',
      status: 'paid',
      amount_paid: 45_000,
      total: 45_000,
      status_transitions: {
        ...noTransitions,
        finalized_at: stripeTime('2025-02-01T16:00:00Z'),
        paid_at: stripeTime('2025-02-01T16:00:05Z'),
      },
    });
    expect(mapStripeInvoicePayment(raw)).toEqual({
      record: {
        id: 'in_paid:paid',
        customerId: 'cus_acme',
        amount: { amount: 45_000, currency: 'USD' },
        status: 'succeeded',
        method: 'card',
        at: '2025-02-01T16:00:05.000Z',
        reference: 'in_paid',
        allocations: [{ invoiceId: 'in_paid', amount: 45_000 }],
      },
    });
  });

  it('records what a partly paid invoice has received so far, at finalization when there is no paid_at', () => {
    expect(mapStripeInvoicePayment(stripeInvoice('in_partial', { amount_paid: 20_000 }))).toMatchObject({
      record: {
        id: 'in_partial:paid',
        method: 'other',
        amount: { amount: 20_000 },
        at: '2025-03-01T16:00:00.000Z',
        allocations: [{ invoiceId: 'in_partial', amount: 20_000 }],
      },
    });
  });

  it('skips invoices with nothing paid, including fully discounted ones', () => {
    expect(mapStripeInvoicePayment(stripeInvoice('in_open'))).toEqual({ skipped: 'invoice in_open has nothing paid' });
    expect(mapStripeInvoicePayment(stripeInvoice('in_free', { total: 0, status: 'paid' }))).toEqual({
      skipped: 'invoice in_free has nothing paid',
    });
  });
});

describe('stripeInvoiceRecords', () => {
  it('yields the invoice then its payment, or only the invoice issues', () => {
    expect(stripeInvoiceRecords(stripeInvoice('in_p', { amount_paid: 100 })).map((r) => r.kind)).toEqual(['invoice', 'payment']);
    expect(stripeInvoiceRecords(stripeInvoice('in_o')).map((r) => r.kind)).toEqual(['invoice']);
    expect(stripeInvoiceRecords(stripeInvoice('in_xyz', { currency: 'xyz', amount_paid: 100 }))).toEqual([
      {
        kind: 'issue',
        issue: {
          field: 'invoices[in_xyz].currency',
          value: 'xyz',
          message: 'invoice in_xyz: currency unknown ISO 4217 currency code "xyz"',
        },
      },
    ]);
    expect(stripeInvoiceRecords(stripeInvoice('in_d', { status: 'draft', amount_paid: 0 }))).toEqual([]);
  });
});

describe('mapStripeCreditNote', () => {
  it('maps an issued credit note, its memo as the reason', () => {
    expect(
      mapStripeCreditNote(stripeCreditNote('cn_1', { memo: 'Two seats removed', reason: 'order_change', currency: 'eur', amount: 2_500 })),
    ).toEqual({
      record: {
        id: 'cn_1',
        invoiceId: 'in_open',
        amount: { amount: 2_500, currency: 'EUR' },
        at: '2025-03-05T10:00:00.000Z',
        reason: 'Two seats removed',
      },
    });
  });

  it("falls back to Stripe's reason code, leaves reason out without one, and cuts long memos", () => {
    expect(mapStripeCreditNote(stripeCreditNote('cn_2', { reason: 'duplicate' }))).toMatchObject({ record: { reason: 'duplicate' } });
    const none = mapStripeCreditNote(stripeCreditNote('cn_3'));
    expect('record' in none && 'reason' in none.record).toBe(false);
    const long = mapStripeCreditNote(stripeCreditNote('cn_4', { memo: 'x'.repeat(900) }));
    expect('record' in long && long.record.reason?.length).toBe(500);
  });

  it('skips void credit notes and reports unknown currencies', () => {
    expect(mapStripeCreditNote(stripeCreditNote('cn_v', { status: 'void' }))).toEqual({ skipped: 'credit note cn_v is void' });
    expect(mapStripeCreditNote(stripeCreditNote('cn_x', { currency: 'abc' }))).toMatchObject({
      issues: [{ field: 'credit_notes[cn_x].currency', value: 'abc' }],
    });
  });
});
