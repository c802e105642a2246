import { describe, expect, it } from 'vitest';
import { quickBooksCustomer, quickBooksInvoice, quickBooksPayment } from '@dueflow/testing/providers';
import { fromQuickBooksAmount } from './quickbooks-amount.js';
import { mappedRecords } from '@dueflow/runtime/adapters';
import { mapQuickBooksCustomer, mapQuickBooksInvoice, mapQuickBooksPayment, quickBooksInvoiceStatus } from './quickbooks-mapping.js';

describe('fromQuickBooksAmount', () => {
  it.each([
    [362.07, 'USD', 36_207],
    [0.1, 'USD', 10],
    [0.3, 'USD', 30],
    [1200, 'USD', 120_000],
    [19.99, 'EUR', 1_999],
    [5000, 'JPY', 5_000],
    [1.234, 'KWD', 1_234],
    [1.2, 'KWD', 1_200],
    [0, 'USD', 0],
    [-0, 'USD', 0],
    [-12.5, 'USD', -1_250],
    [90071992547409.9, 'USD', 9_007_199_254_740_990],
  ])('reads %d %s as %i minor units, exactly', (amount, currency, minor) => {
    expect(fromQuickBooksAmount(amount, currency)).toEqual({ money: { amount: minor, currency } });
  });

  it('reports, never rounds, amounts finer than the minor unit, unknown currencies and unsafe amounts', () => {
    expect(fromQuickBooksAmount(10.005, 'USD')).toEqual({
      field: 'amount',
      message: '10.005 is not a whole number of USD minor units (2 decimals)',
    });
    expect(fromQuickBooksAmount(1.5, 'JPY')).toEqual({
      field: 'amount',
      message: '1.5 is not a whole number of JPY minor units (0 decimals)',
    });
    expect(fromQuickBooksAmount(1.2345, 'KWD')).toMatchObject({ field: 'amount' });
    expect(fromQuickBooksAmount(0.1 + 0.2, 'USD')).toMatchObject({ field: 'amount' });
    expect(fromQuickBooksAmount(1e-7, 'USD')).toMatchObject({ field: 'amount' });
    expect(fromQuickBooksAmount(1e21, 'USD')).toMatchObject({ field: 'amount' });
    expect(fromQuickBooksAmount(Number.MAX_SAFE_INTEGER, 'USD')).toMatchObject({
      field: 'amount',
      message: expect.stringContaining('safe integer'),
    });
    expect(fromQuickBooksAmount(Number.NaN, 'USD')).toMatchObject({ field: 'amount' });
    expect(fromQuickBooksAmount(10, 'usd')).toEqual({ field: 'currency', message: 'unknown ISO 4217 currency code "usd"' });
  });
});

describe('mapQuickBooksCustomer', () => {
  it('maps the display name, one billing contact, the address lines, zone, since and active flag', () => {
    const result = mapQuickBooksCustomer(
      quickBooksCustomer('58', {
        DisplayName: 'Acme Corp',
        PrimaryEmailAddr: { Address: ' ap@acme.example ' },
        PrimaryPhone: { FreeFormNumber: '(415) 555-0100' },
        BillAddr: {
          Line1: '1 Market St',
          Line2: 'Suite 5',
          City: 'San Francisco',
          CountrySubDivisionCode: 'CA',
          PostalCode: '94105',
          Country: 'USA',
        },
        MetaData: { CreateTime: '2024-01-10T01:00:00-08:00', LastUpdatedTime: '2024-01-10T01:00:00-08:00' },
      }),
      { timeZone: 'Europe/Paris' },
    );
    expect(result).toEqual({
      record: {
        id: '58',
        name: 'Acme Corp',
        tags: [],
        contacts: [
          {
            id: 'primary',
            role: 'billing',
            email: 'ap@acme.example',
            phone: '+14155550100',
            postalAddress: ['1 Market St', 'Suite 5', '94105 San Francisco', 'CA', 'USA'],
            optOuts: [],
            suppressed: [],
          },
        ],
        timeZone: 'Europe/Paris',
        locale: 'en-US',
        since: '2024-01-10',
        metadata: { quickbooksActive: true },
      },
    });
  });

  it('falls back to the company name, then the person, then the id; leaves out unreadable phones', () => {
    const name = (fields: Record<string, unknown>) => {
      const result = mapQuickBooksCustomer({ Id: '7', ...fields });
      return 'record' in result ? result.record.name : result;
    };
    expect(name({ DisplayName: ' ', CompanyName: 'Globex LLC' })).toBe('Globex LLC');
    expect(name({ GivenName: 'Hank', FamilyName: 'Scorpio' })).toBe('Hank Scorpio');
    expect(name({})).toBe('7');
    expect(mapQuickBooksCustomer({ Id: '7', PrimaryPhone: { FreeFormNumber: '555-0100' } })).toEqual({
      record: { id: '7', name: '7', tags: [], contacts: [], timeZone: 'UTC', locale: 'en-US' },
    });
    expect(mapQuickBooksCustomer({ Id: '7', PrimaryPhone: { FreeFormNumber: '+33 1 42 68 53 00' } })).toMatchObject({
      record: { contacts: [{ phone: '+33142685300' }] },
    });
  });

  it('reports a bad email or a missing Id as issues naming the field', () => {
    expect(mapQuickBooksCustomer({ Id: '9', PrimaryEmailAddr: { Address: 'not an email' } })).toEqual({
      issues: [
        {
          field: 'Customer[9].contacts[0].email',
          value: 'not an email',
          message: 'Customer 9: contacts[0].email expected an email address',
        },
      ],
    });
    expect(mapQuickBooksCustomer({ DisplayName: 'No id' })).toMatchObject({ issues: [{ field: 'Customer[?].Id' }] });
    expect(mapQuickBooksCustomer(null)).toMatchObject({ issues: [{ field: 'Customer[?]' }] });
  });
});

describe('quickBooksInvoiceStatus', () => {
  it.each([
    [{ TotalAmt: 100, Balance: 100 }, 'open'],
    [{ TotalAmt: 100, Balance: 40 }, 'open'],
    [{ TotalAmt: 100, Balance: 0 }, 'paid'],
    [{ TotalAmt: 0, Balance: 0 }, 'paid'],
    [{ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' }, 'void'],
    [{ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - wrong customer' }, 'void'],
    [{ TotalAmt: 0, Balance: 0, PrivateNote: 'Not voided' }, 'paid'],
    [{ TotalAmt: 100, Balance: 100, PrivateNote: 'Voided' }, 'open'],
  ] as const)('%o is %s', (invoice, status) => {
    expect(quickBooksInvoiceStatus(invoice)).toBe(status);
  });
});

describe('mapQuickBooksInvoice', () => {
  it('maps number, dates, terms, exact totals and the balance', () => {
    expect(mapQuickBooksInvoice(quickBooksInvoice('130', { TotalAmt: 362.07, Balance: 100.07 }))).toEqual({
      record: {
        id: '130',
        number: '10130',
        customerId: '58',
        issueDate: '2025-03-01',
        dueDate: '2025-03-31',
        terms: 'Net 30',
        total: { amount: 36_207, currency: 'USD' },
        status: 'open',
        metadata: { quickbooksBalance: 10_007 },
      },
    });
  });

  it.each([
    ['JPY', 150_000, 150_000],
    ['KWD', 12.345, 12_345],
    ['USD', 0.07, 7],
  ])('reads %s totals in ISO minor units', (currency, total, minor) => {
    const result = mapQuickBooksInvoice(quickBooksInvoice('1', { CurrencyRef: { value: currency }, TotalAmt: total, Balance: total }));
    expect(result).toMatchObject({ record: { total: { amount: minor, currency } } });
  });

  it('numbers an invoice without DocNumber with its id; dates it due on TxnDate without a DueDate or with one before it', () => {
    const bare = { Id: '5', TxnDate: '2025-04-02', TotalAmt: 10, Balance: 10, CustomerRef: { value: '58' } };
    expect(mapQuickBooksInvoice(bare)).toEqual({
      record: {
        id: '5',
        number: '5',
        customerId: '58',
        issueDate: '2025-04-02',
        dueDate: '2025-04-02',
        total: { amount: 1_000, currency: 'USD' },
        status: 'open',
        metadata: { quickbooksBalance: 1_000 },
      },
    });
    expect(mapQuickBooksInvoice({ ...bare, DueDate: '2025-04-01' })).toMatchObject({ record: { dueDate: '2025-04-02' } });
    expect(mapQuickBooksInvoice(bare, { homeCurrency: 'EUR' })).toMatchObject({ record: { total: { currency: 'EUR' } } });
  });

  it('maps a voided invoice to void and a paid one to paid', () => {
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' }))).toMatchObject({
      record: { status: 'void' },
    });
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { Balance: 0 }))).toMatchObject({ record: { status: 'paid' } });
  });

  it('reports what it cannot read', () => {
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { TxnDate: '03/01/2025' }))).toMatchObject({
      issues: [{ field: 'Invoice[1].TxnDate', value: '03/01/2025' }],
    });
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { TxnDate: '2025-02-30' }))).toMatchObject({
      issues: [{ field: 'Invoice[1].issueDate', value: '2025-02-30' }],
    });
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { TotalAmt: '12.00' }))).toMatchObject({
      issues: [{ field: 'Invoice[1].TotalAmt' }],
    });
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { TotalAmt: -5, Balance: -5 }))).toMatchObject({
      issues: [{ field: 'Invoice[1].total.amount', value: -500 }],
    });
    expect(mapQuickBooksInvoice(quickBooksInvoice('1', { Balance: 0.001 }))).toMatchObject({
      issues: [{ field: 'Invoice[1].Balance', value: 0.001 }],
    });
  });
});

describe('mapQuickBooksPayment', () => {
  it('maps one payment with allocations per linked invoice, summed, and the rest unapplied', () => {
    const raw = quickBooksPayment(
      '7',
      [
        ['130', 100.5],
        ['131', 20],
        ['130', 0.5],
      ],
      {
        TotalAmt: 150,
        PaymentMethodRef: { value: '1', name: 'Visa' },
        PaymentRefNum: ' 0042 ',
      },
    );
    expect(mapQuickBooksPayment(raw)).toEqual({
      record: {
        id: 'payment-7',
        customerId: '58',
        amount: { amount: 15_000, currency: 'USD' },
        status: 'succeeded',
        method: 'card',
        at: '2025-03-10T12:00:00Z',
        reference: '0042',
        allocations: [
          { invoiceId: '130', amount: 10_100 },
          { invoiceId: '131', amount: 2_000 },
        ],
      },
    });
  });

  it('ignores lines linked to other transactions and caps allocations at the cash received', () => {
    // 100 of invoice 130 settled by 60 of cash and a 40 credit memo.
    const raw = quickBooksPayment('8', [], {
      TotalAmt: 60,
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
        { Amount: 40, LinkedTxn: [{ TxnId: '300', TxnType: 'CreditMemo' }] },
      ],
    });
    expect(mapQuickBooksPayment(raw)).toMatchObject({
      record: { amount: { amount: 6_000 }, allocations: [{ invoiceId: '130', amount: 6_000 }] },
    });
  });

  it('reads JPY and KWD payments exactly', () => {
    expect(mapQuickBooksPayment(quickBooksPayment('1', [['2', 3000]], { TotalAmt: 5000, CurrencyRef: { value: 'JPY' } }))).toMatchObject({
      record: { amount: { amount: 5_000, currency: 'JPY' }, allocations: [{ invoiceId: '2', amount: 3_000 }] },
    });
    expect(mapQuickBooksPayment(quickBooksPayment('1', [['2', 0.125]], { TotalAmt: 0.125, CurrencyRef: { value: 'KWD' } }))).toMatchObject({
      record: { amount: { amount: 125, currency: 'KWD' }, allocations: [{ invoiceId: '2', amount: 125 }] },
    });
  });

  it('skips a payment of 0 and reports bad ones', () => {
    expect(mapQuickBooksPayment(quickBooksPayment('1', [], { TotalAmt: 0 }))).toEqual({ skipped: 'Payment 1 has a total of 0' });
    expect(mapQuickBooksPayment(quickBooksPayment('1', [], { TotalAmt: -10 }))).toEqual({
      issues: [{ field: 'Payment[1].TotalAmt', value: -10, message: 'Payment 1: TotalAmt must be positive' }],
    });
    expect(mapQuickBooksPayment(quickBooksPayment('1', [], { CustomerRef: undefined }))).toMatchObject({
      issues: [{ field: 'Payment[1].CustomerRef' }],
    });
    expect(mapQuickBooksPayment(quickBooksPayment('1', [], { TotalAmt: 10.005 }))).toMatchObject({
      issues: [{ field: 'Payment[1].TotalAmt', value: 10.005 }],
    });
    const twoInvoices = quickBooksPayment('1', [], {
      Line: [
        {
          Amount: 10,
          LinkedTxn: [
            { TxnId: '2', TxnType: 'Invoice' },
            { TxnId: '3', TxnType: 'Invoice' },
          ],
        },
      ],
    });
    expect(mapQuickBooksPayment(twoInvoices)).toEqual({
      issues: [
        {
          field: 'Payment[1].Line[0].LinkedTxn',
          value: ['2', '3'],
          message: 'Payment 1: Line[0].LinkedTxn links more than one invoice to one amount',
        },
      ],
    });
  });
});

describe('mappedRecords of QuickBooks mappings', () => {
  it('turns a mapping into records', () => {
    expect(mappedRecords('payment', mapQuickBooksPayment(quickBooksPayment('1', [], { TotalAmt: 0 })))).toEqual([]);
    expect(mappedRecords('invoice', mapQuickBooksInvoice({ Id: '1' }))[0]).toMatchObject({ kind: 'issue' });
    expect(mappedRecords('customer', mapQuickBooksCustomer({ Id: '1' }))).toMatchObject([{ kind: 'customer', data: { id: '1' } }]);
  });
});
