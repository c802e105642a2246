/**
 * QuickBooks Online entities shaped like the API reference's examples, and a small company to
 * serve from {@link startFakeQuickBooks}, for testing code that reads QuickBooks.
 *
 * @module
 */
import { FAKE_QUICKBOOKS_REALM_ID, type FakeQuickBooksData, type QuickBooksJson } from './fake-quickbooks.js';

const meta = (created: string, updated = created) => ({ CreateTime: created, LastUpdatedTime: updated });

/**
 * A QuickBooks `Customer` with the fields the API returns; `overrides` replace fields.
 *
 * @example
 * ```ts
 * fake.data.Customer.push(quickBooksCustomer('58', { DisplayName: 'Acme Corp', PrimaryEmailAddr: { Address: 'ap@acme.example' } }));
 * ```
 */
export function quickBooksCustomer(id: string, overrides: QuickBooksJson = {}): QuickBooksJson {
  return {
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    DisplayName: `Customer ${id}`,
    PrintOnCheckName: `Customer ${id}`,
    Active: true,
    Job: false,
    BillWithParent: false,
    Taxable: false,
    Balance: 0,
    BalanceWithJobs: 0,
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    PreferredDeliveryMethod: 'Email',
    MetaData: meta('2024-06-01T05:00:00-07:00'),
    ...overrides,
  };
}

/**
 * A QuickBooks `Invoice`: open, 1,200.00 USD, dated 2025-03-01 and due 2025-03-31 on Net 30,
 * for customer 58, unless `overrides` say otherwise.
 *
 * @example
 * ```ts
 * fake.data.Invoice.push(quickBooksInvoice('130', { CustomerRef: { value: '58' }, TotalAmt: 362.07, Balance: 0 }));
 * ```
 */
export function quickBooksInvoice(id: string, overrides: QuickBooksJson = {}): QuickBooksJson {
  const total = typeof overrides.TotalAmt === 'number' ? overrides.TotalAmt : 1200;
  return {
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    DocNumber: `10${id}`,
    TxnDate: '2025-03-01',
    DueDate: '2025-03-31',
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    CustomerRef: { value: '58', name: 'Acme Corp' },
    SalesTermRef: { value: '3', name: 'Net 30' },
    Line: [
      {
        Id: '1',
        LineNum: 1,
        Amount: total,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } },
      },
    ],
    TotalAmt: total,
    Balance: total,
    EmailStatus: 'EmailSent',
    PrintStatus: 'NotSet',
    LinkedTxn: [],
    MetaData: meta('2025-03-01T09:00:00-08:00'),
    ...overrides,
  };
}

/**
 * A QuickBooks `Payment` received from a customer: 100.00 USD on 2025-03-10 from customer 58,
 * applied to the invoices in `applied` (`[invoiceId, amount]`), unless `overrides` say otherwise.
 *
 * @example
 * ```ts
 * fake.data.Payment.push(quickBooksPayment('7', [['130', 362.07]], { TotalAmt: 362.07 }));
 * ```
 */
export function quickBooksPayment(
  id: string,
  applied: readonly (readonly [string, number])[] = [],
  overrides: QuickBooksJson = {},
): QuickBooksJson {
  return {
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    TxnDate: '2025-03-10',
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    CustomerRef: { value: '58', name: 'Acme Corp' },
    TotalAmt: 100,
    UnappliedAmt: 0,
    ProcessPayment: false,
    Line: applied.map(([invoiceId, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] })),
    MetaData: meta('2025-03-10T10:00:00-07:00'),
    ...overrides,
  };
}

/**
 * A small company: three customers, invoices open, paid, partly paid and voided, and payments
 * linked to them (one with an unapplied remainder).
 *
 * @example
 * ```ts
 * const fake = await startFakeQuickBooks();
 * Object.assign(fake.data, quickBooksCompany());
 * ```
 */
export function quickBooksCompany(): FakeQuickBooksData {
  return {
    Customer: [
      quickBooksCustomer('58', {
        DisplayName: 'Acme Corp',
        CompanyName: 'Acme Corporation',
        PrimaryEmailAddr: { Address: 'ap@acme.example' },
        PrimaryPhone: { FreeFormNumber: '(415) 555-0100' },
        BillAddr: {
          Id: '2',
          Line1: '1 Market St',
          City: 'San Francisco',
          CountrySubDivisionCode: 'CA',
          PostalCode: '94105',
          Country: 'US',
        },
        MetaData: meta('2024-01-10T09:00:00-08:00', '2025-01-05T09:00:00-08:00'),
      }),
      quickBooksCustomer('59', {
        DisplayName: 'Globex',
        GivenName: 'Hank',
        FamilyName: 'Scorpio',
        PrimaryEmailAddr: { Address: 'billing@globex.example' },
        MetaData: meta('2024-02-10T09:00:00-08:00'),
      }),
      quickBooksCustomer('60', {
        DisplayName: 'Initech',
        Active: false,
        MetaData: meta('2024-03-10T09:00:00-08:00', '2025-02-20T09:00:00-08:00'),
      }),
    ],
    Invoice: [
      quickBooksInvoice('130', {
        TxnDate: '2025-03-01',
        DueDate: '2025-03-31',
        TotalAmt: 362.07,
        Balance: 362.07,
        MetaData: meta('2025-03-01T09:00:00-08:00'),
      }),
      quickBooksInvoice('131', {
        CustomerRef: { value: '59', name: 'Globex' },
        TxnDate: '2025-02-01',
        DueDate: '2025-02-15',
        SalesTermRef: { value: '2', name: 'Net 15' },
        TotalAmt: 450,
        Balance: 0,
        MetaData: meta('2025-02-01T09:00:00-08:00', '2025-02-10T10:00:00-08:00'),
      }),
      quickBooksInvoice('132', {
        TxnDate: '2025-01-15',
        DueDate: '2025-02-14',
        TotalAmt: 1200,
        Balance: 1000,
        MetaData: meta('2025-01-15T09:00:00-08:00', '2025-02-05T10:00:00-08:00'),
      }),
      quickBooksInvoice('133', {
        CustomerRef: { value: '60', name: 'Initech' },
        TxnDate: '2024-12-01',
        DueDate: '2024-12-31',
        TotalAmt: 0,
        Balance: 0,
        PrivateNote: 'Voided',
        Line: [],
        MetaData: meta('2024-12-01T09:00:00-08:00', '2024-12-05T09:00:00-08:00'),
      }),
    ],
    Payment: [
      quickBooksPayment('201', [['131', 450]], {
        CustomerRef: { value: '59', name: 'Globex' },
        TxnDate: '2025-02-10',
        TotalAmt: 450,
        PaymentMethodRef: { value: '2', name: 'Check' },
        PaymentRefNum: '5521',
        MetaData: meta('2025-02-10T10:00:00-08:00'),
      }),
      quickBooksPayment('202', [['132', 200]], {
        TxnDate: '2025-02-05',
        TotalAmt: 250,
        UnappliedAmt: 50,
        MetaData: meta('2025-02-05T10:00:00-08:00'),
      }),
    ],
  };
}

/**
 * A webhook notification body as QuickBooks posts it: one notification for `realmId` naming
 * `entities` (`[name, id, operation]`), serialised.
 *
 * @example
 * ```ts
 * const body = quickBooksNotification([['Invoice', '130', 'Update']]);
 * const headers = { 'intuit-signature': signQuickBooksWebhook(body) };
 * ```
 */
export function quickBooksNotification(
  entities: readonly (readonly [string, string, string])[],
  realmId = FAKE_QUICKBOOKS_REALM_ID,
  lastUpdated = '2025-03-12T09:00:00.000Z',
): string {
  return JSON.stringify({
    eventNotifications: [
      { realmId, dataChangeEvent: { entities: entities.map(([name, id, operation]) => ({ name, id, operation, lastUpdated })) } },
    ],
  });
}
