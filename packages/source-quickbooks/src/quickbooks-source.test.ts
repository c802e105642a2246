import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DueflowError, ValidationError } from '@dueflow/core';
import type { SourceRecord } from '@dueflow/runtime/ports';
import {
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_REALM_ID,
  quickBooksCompany,
  quickBooksCustomer,
  quickBooksInvoice,
  quickBooksPayment,
  startFakeQuickBooks,
  type FakeQuickBooks,
} from '@dueflow/testing/providers';
import { QuickBooksApiError } from './quickbooks-client.js';
import { createQuickBooksSource, type QuickBooksSourceOptions } from './quickbooks-source.js';

let qbo: FakeQuickBooks;
beforeEach(async () => {
  qbo = await startFakeQuickBooks();
  Object.assign(qbo.data, quickBooksCompany());
});
afterEach(() => qbo.close());

const delays: [number, number | undefined][] = [];
function source(extra: Partial<QuickBooksSourceOptions> = {}) {
  delays.length = 0;
  return createQuickBooksSource({
    realmId: FAKE_QUICKBOOKS_REALM_ID,
    accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
    apiBase: qbo.url,
    pageSize: 2,
    retryDelayMs: (attempt, retryAfter) => {
      delays.push([attempt, retryAfter]);
      return 0;
    },
    ...extra,
  } as QuickBooksSourceOptions);
}

async function drain(iterable: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

async function failure(iterable: AsyncIterable<SourceRecord>): Promise<{ error: unknown; records: SourceRecord[] }> {
  const records: SourceRecord[] = [];
  try {
    for await (const record of iterable) records.push(record);
  } catch (error) {
    return { error, records };
  }
  throw new Error('the pull did not fail');
}

const label = (r: SourceRecord): string => (r.kind === 'issue' ? `issue ${r.issue.field}` : `${r.kind} ${r.data.id}`);
const statements = () => qbo.requests.map((r) => r.statement);

describe('createQuickBooksSource().pull() against a local QuickBooks API', () => {
  it('streams customers, then invoices, then payments, page by page', async () => {
    const records = await drain(source().pull());
    expect(records.map(label)).toEqual([
      'customer 58',
      'customer 59',
      'customer 60',
      'invoice 130',
      'invoice 131',
      'invoice 132',
      'invoice 133',
      'payment payment-201',
      'payment payment-202',
    ]);
    const byId = new Map(records.flatMap((r) => (r.kind === 'issue' ? [] : [[`${r.kind} ${r.data.id}`, r.data] as const])));
    expect(byId.get('customer 58')).toEqual({
      id: '58',
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
      timeZone: 'UTC',
      locale: 'en-US',
      since: '2024-01-10',
      metadata: { quickbooksActive: true },
    });
    expect(byId.get('customer 60')).toMatchObject({ name: 'Initech', contacts: [], metadata: { quickbooksActive: false } });
    expect(byId.get('invoice 130')).toEqual({
      id: '130',
      number: '10130',
      customerId: '58',
      issueDate: '2025-03-01',
      dueDate: '2025-03-31',
      terms: 'Net 30',
      total: { amount: 36_207, currency: 'USD' },
      status: 'open',
      metadata: { quickbooksBalance: 36_207 },
    });
    expect(byId.get('invoice 131')).toMatchObject({ status: 'paid', terms: 'Net 15', metadata: { quickbooksBalance: 0 } });
    expect(byId.get('invoice 132')).toMatchObject({ status: 'open', total: { amount: 120_000 }, metadata: { quickbooksBalance: 100_000 } });
    expect(byId.get('invoice 133')).toMatchObject({ status: 'void', total: { amount: 0, currency: 'USD' } });
    expect(byId.get('payment payment-201')).toEqual({
      id: 'payment-201',
      customerId: '59',
      amount: { amount: 45_000, currency: 'USD' },
      status: 'succeeded',
      method: 'check',
      at: '2025-02-10T12:00:00Z',
      reference: '5521',
      allocations: [{ invoiceId: '131', amount: 45_000 }],
    });
    // 250.00 received, 200.00 applied: 50.00 stays unallocated.
    expect(byId.get('payment payment-202')).toMatchObject({
      amount: { amount: 25_000 },
      method: 'other',
      allocations: [{ invoiceId: '132', amount: 20_000 }],
    });

    expect(statements()).toEqual([
      'SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 1 MAXRESULTS 2',
      'SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 3 MAXRESULTS 2',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 2',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 3 MAXRESULTS 2',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 5 MAXRESULTS 2',
      'SELECT * FROM Payment ORDERBY Id STARTPOSITION 1 MAXRESULTS 2',
      'SELECT * FROM Payment ORDERBY Id STARTPOSITION 3 MAXRESULTS 2',
    ]);
    for (const request of qbo.requests) {
      expect(request.method).toBe('GET');
      expect(request.path).toBe(`/v3/company/${FAKE_QUICKBOOKS_REALM_ID}/query`);
      expect(request.query.get('minorversion')).toBe('75');
      expect(request.headers.authorization).toBe(`Bearer ${FAKE_QUICKBOOKS_ACCESS_TOKEN}`);
      expect(request.headers.accept).toBe('application/json');
    }
  });

  it('fetches pages lazily and uses 1000 rows per page by default', async () => {
    const iterator = source().pull()[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ kind: 'customer', data: { id: '58' } });
    expect(qbo.requests).toHaveLength(1);
    await iterator.return?.();
    expect(qbo.requests).toHaveLength(1);

    qbo.requests.length = 0;
    await drain(source({ pageSize: undefined, minorVersion: 70 }).pull());
    expect(statements()).toEqual([
      'SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
      'SELECT * FROM Payment ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
    ]);
    expect(qbo.requests.every((r) => r.query.get('minorversion') === '70')).toBe(true);
  });

  it('keeps what changed since an instant with a WHERE on MetaData.LastUpdatedTime, rounded down to the second', async () => {
    const records = await drain(source().pull({ since: '2025-02-10T18:00:00.750Z' }));
    expect(statements()[0]).toBe(
      "SELECT * FROM Customer WHERE Active IN (true, false) AND MetaData.LastUpdatedTime >= '2025-02-10T18:00:00-00:00' ORDERBY Id STARTPOSITION 1 MAXRESULTS 2",
    );
    expect(statements().every((s) => s?.includes("MetaData.LastUpdatedTime >= '2025-02-10T18:00:00-00:00' ORDERBY Id"))).toBe(true);
    // Invoice 131 and payment 201 were last updated at 10:00-08:00, exactly then.
    expect(records.map(label)).toEqual(['customer 60', 'invoice 130', 'invoice 131', 'payment payment-201']);
  });

  it('refuses a `since` that is not an ISO 8601 instant before any request', async () => {
    const { error } = await failure(source().pull({ since: 'yesterday' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toMatchObject([{ field: 'since', value: 'yesterday' }]);
    expect(qbo.requests).toHaveLength(0);
  });

  it('reports bad rows as issues naming the entity and field, and goes on', async () => {
    qbo.data.Invoice = [
      quickBooksInvoice('1', { CurrencyRef: { value: 'XYZ' } }),
      quickBooksInvoice('2', { TotalAmt: 10.005, Balance: 10.005 }),
      quickBooksInvoice('3', { CustomerRef: undefined }),
      quickBooksInvoice('4'),
    ];
    qbo.data.Payment = [quickBooksPayment('9', [['4', 10.001]], { TotalAmt: 20 }), quickBooksPayment('10', [['4', 20]], { TotalAmt: 20 })];
    const records = await drain(source().pull());
    expect(records.filter((r) => r.kind !== 'customer')).toEqual([
      {
        kind: 'issue',
        issue: {
          field: 'Invoice[1].CurrencyRef.value',
          value: 'XYZ',
          message: 'Invoice 1: CurrencyRef.value unknown ISO 4217 currency code "XYZ"',
        },
      },
      {
        kind: 'issue',
        issue: {
          field: 'Invoice[2].TotalAmt',
          value: 10.005,
          message: 'Invoice 2: TotalAmt 10.005 is not a whole number of USD minor units (2 decimals)',
        },
      },
      {
        kind: 'issue',
        issue: expect.objectContaining({ field: 'Invoice[3].CustomerRef', message: expect.stringMatching(/^Invoice 3: CustomerRef /) }),
      },
      { kind: 'invoice', data: expect.objectContaining({ id: '4' }) },
      {
        kind: 'issue',
        issue: {
          field: 'Payment[9].Line[0].Amount',
          value: 10.001,
          message: 'Payment 9: Line[0].Amount 10.001 is not a whole number of USD minor units (2 decimals)',
        },
      },
      { kind: 'payment', data: expect.objectContaining({ id: 'payment-10', allocations: [{ invoiceId: '4', amount: 2_000 }] }) },
    ]);
  });

  it('reads entities without CurrencyRef in the home currency', async () => {
    qbo.data.Invoice = [quickBooksInvoice('1', { CurrencyRef: undefined, TotalAmt: 1500, Balance: 1500 })];
    const records = await drain(source({ homeCurrency: 'JPY' }).pull());
    expect(records.find((r) => r.kind === 'invoice')).toMatchObject({ data: { total: { amount: 1500, currency: 'JPY' } } });
  });

  it('retries 429 (honouring Retry-After) and 5xx answers, then goes on', async () => {
    qbo.failures.push({ status: 429, retryAfter: 2 }, { status: 500 }, { status: 503 });
    const records = await drain(source().pull());
    expect(records).toHaveLength(9);
    expect(delays).toEqual([
      [1, 2],
      [2, undefined],
      [3, undefined],
    ]);
  });

  it('gives up after maxRetries with a QuickBooksApiError naming the status and fault', async () => {
    qbo.failures.push({ status: 500 }, { status: 502 }, { status: 500 });
    const { error } = await failure(source({ maxRetries: 2 }).pull());
    expect(error).toBeInstanceOf(QuickBooksApiError);
    expect(error).toMatchObject({
      status: 500,
      code: 'ADAPTER',
      kind: 'source',
      adapter: 'quickbooks',
      operation: 'query Customer',
      faultType: 'SystemFault',
      faultCode: '10000',
    });
    expect((error as Error).message).toBe(
      'quickbooks: query Customer answered HTTP 500 (SystemFault/10000) after 3 attempts: An application error has occurred while processing your request: System Failure Error',
    );
    expect(qbo.requests).toHaveLength(3);
  });

  it('asks getAccessToken before each request and once more after a 401, then retries once', async () => {
    const tokens = ['expired-token-1', FAKE_QUICKBOOKS_ACCESS_TOKEN];
    let calls = 0;
    const getAccessToken = async () => tokens[Math.min(calls++, tokens.length - 1)]!;
    const records = await drain(source({ accessToken: undefined, getAccessToken }).pull());
    expect(records).toHaveLength(9);
    expect(qbo.requests[0]!.headers.authorization).toBe('Bearer expired-token-1');
    expect(qbo.requests[1]!.headers.authorization).toBe(`Bearer ${FAKE_QUICKBOOKS_ACCESS_TOKEN}`);
    expect(qbo.requests[1]!.statement).toBe(qbo.requests[0]!.statement);
    // One call per request: 7 queries and the one failed.
    expect(calls).toBe(8);
    expect(delays).toEqual([]);
  });

  it('gives up after one refresh when the fresh token is refused too', async () => {
    const getAccessToken = async () => 'still-not-valid';
    const { error } = await failure(source({ accessToken: undefined, getAccessToken }).pull());
    expect(error).toMatchObject({ status: 401, faultType: 'AuthenticationFault', faultCode: '3200' });
    expect(qbo.requests).toHaveLength(2);
  });

  it('throws a typed error on a refused static token, without retrying and without the token', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.wrongSignature';
    const { error } = await failure(source({ accessToken: token }).pull());
    expect(error).toBeInstanceOf(QuickBooksApiError);
    expect(error).toMatchObject({ status: 401, faultType: 'AuthenticationFault' });
    const message = (error as Error).message;
    expect(message).toBe(
      'quickbooks: query Customer answered HTTP 401 (AuthenticationFault/3200): message=AuthenticationFailed; errorCode=003200; statusCode=401: Token expired or invalid',
    );
    expect(message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(qbo.requests).toHaveLength(1);
  });

  it('redacts the token even if a fault quotes it, and does not retry 400 or 403', async () => {
    qbo.failures.push({
      status: 403,
      body: {
        Fault: { Error: [{ Message: `Token ${FAKE_QUICKBOOKS_ACCESS_TOKEN} may not read`, code: '5020' }], type: 'AuthorizationFault' },
      },
    });
    const { error } = await failure(source().pull());
    expect(error).toMatchObject({ status: 403, faultCode: '5020' });
    expect((error as Error).message).not.toContain(FAKE_QUICKBOOKS_ACCESS_TOKEN);
    expect((error as Error).message).toContain('may not read');
    expect(qbo.requests).toHaveLength(1);

    qbo.failures.push({ status: 400 });
    expect((await failure(source().pull())).error).toMatchObject({ status: 400 });
    expect(qbo.requests).toHaveLength(2);
  });

  it('retries network failures and timeouts, then reports them', async () => {
    const closed = await startFakeQuickBooks();
    await closed.close();
    const { error } = await failure(source({ apiBase: closed.url, maxRetries: 1 }).pull());
    expect(error).toBeInstanceOf(QuickBooksApiError);
    expect((error as Error).message).toMatch(/^quickbooks: query Customer failed: .* \(2 attempts\)$/);

    qbo.delayMs = 300;
    const slow = await failure(source({ timeoutMs: 50, maxRetries: 1 }).pull());
    expect((slow.error as Error).message).toBe('quickbooks: query Customer timed out after 50 ms (2 attempts)');
  });

  it('ends with a DueflowError when aborted before, between pages or during a request', async () => {
    const before = new AbortController();
    before.abort();
    const { error } = await failure(source().pull({ signal: before.signal }));
    expect(error).toBeInstanceOf(DueflowError);
    expect(error).toMatchObject({ code: 'INVALID_OPERATION', message: 'quickbooks: pull aborted' });
    expect(qbo.requests).toHaveLength(0);

    const between = new AbortController();
    const records: SourceRecord[] = [];
    const stopped = await failure(
      (async function* () {
        for await (const record of source().pull({ signal: between.signal })) {
          records.push(record);
          between.abort();
          yield record;
        }
      })(),
    );
    expect(stopped.error).toMatchObject({ code: 'INVALID_OPERATION' });
    expect(records.map(label)).toEqual(['customer 58', 'customer 59']);
    expect(qbo.requests).toHaveLength(1);

    qbo.delayMs = 5_000;
    const during = new AbortController();
    const started = Date.now();
    setTimeout(() => during.abort(), 30);
    const cut = await failure(source().pull({ signal: during.signal }));
    expect(cut.error).toMatchObject({ code: 'INVALID_OPERATION', message: 'quickbooks: pull aborted' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('validates options with errors naming the field, never echoing the token', () => {
    const invalid = (options: Partial<QuickBooksSourceOptions>) => {
      try {
        createQuickBooksSource({
          realmId: FAKE_QUICKBOOKS_REALM_ID,
          accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
          ...options,
        } as QuickBooksSourceOptions);
      } catch (e) {
        if (e instanceof ValidationError) {
          expect(e.message).not.toContain(FAKE_QUICKBOOKS_ACCESS_TOKEN);
          return e.issues.map((i) => i.field);
        }
        throw e;
      }
      return [];
    };
    expect(invalid({ pageSize: 1001 })).toEqual(['pageSize']);
    expect(invalid({ pageSize: 0 })).toEqual(['pageSize']);
    expect(invalid({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(invalid({ homeCurrency: 'XYZ' })).toEqual(['homeCurrency']);
    expect(invalid({ realmId: 'acme' })).toEqual(['realmId']);
    expect(invalid({ apiBase: 'ftp://example.com' })).toEqual(['apiBase']);
    expect(invalid({ accessToken: undefined })).toEqual(['accessToken']);
    expect(invalid({ getAccessToken: async () => 'x' })).toEqual(['accessToken']);
    expect(invalid({ pageSize: 1000, timeZone: 'Europe/Paris', homeCurrency: 'EUR' })).toEqual([]);
  });

  it('gives customers the configured zone and reads their since in it', async () => {
    qbo.data.Customer = [
      quickBooksCustomer('58', { MetaData: { CreateTime: '2024-01-01T02:00:00Z', LastUpdatedTime: '2024-01-01T02:00:00Z' } }),
    ];
    const records = await drain(source({ timeZone: 'America/New_York' }).pull());
    expect(records[0]).toMatchObject({ kind: 'customer', data: { timeZone: 'America/New_York', since: '2023-12-31' } });
  });
});

describe('credits applied in QuickBooks', () => {
  it('become one credit note per invoice on a full pull: what the balance settled beyond the cash', async () => {
    qbo.data.Customer = [quickBooksCustomer('58')];
    qbo.data.Invoice = [
      // 1,000.00: 300.00 paid in cash, 200.00 credited, 500.00 still owed.
      quickBooksInvoice('201', { TotalAmt: 1000, Balance: 500 }),
      // 400.00: paid in full in cash, nothing credited.
      quickBooksInvoice('202', { TotalAmt: 400, Balance: 0 }),
      // 250.00: settled by a credit memo alone (QuickBooks records a payment of 0, which moves no cash).
      quickBooksInvoice('203', { TotalAmt: 250, Balance: 0 }),
    ];
    qbo.data.Payment = [
      quickBooksPayment(
        '301',
        [
          ['201', 300],
          ['202', 400],
        ],
        { TotalAmt: 700 },
      ),
      quickBooksPayment('302', [['203', 250]], { TotalAmt: 0 }),
    ];

    const records = await drain(source().pull());
    const credits = records.filter((r) => r.kind === 'credit-note');
    expect(credits).toEqual([
      {
        kind: 'credit-note',
        data: {
          id: '201:quickbooks-credits',
          invoiceId: '201',
          amount: { amount: 20_000, currency: 'USD' },
          at: '2025-03-01T12:00:00Z',
          reason: 'credits applied in QuickBooks (credit memos, discounts)',
        },
      },
      {
        kind: 'credit-note',
        data: {
          id: '203:quickbooks-credits',
          invoiceId: '203',
          amount: { amount: 25_000, currency: 'USD' },
          at: '2025-03-01T12:00:00Z',
          reason: 'credits applied in QuickBooks (credit memos, discounts)',
        },
      },
    ]);
    // They come last, after the invoices they credit.
    expect(records.slice(-2)).toEqual(credits);

    // An incremental pull does not read every cash payment, so it derives no credits.
    const since = await drain(source().pull({ since: '2000-01-01T00:00:00Z' }));
    expect(since.some((r) => r.kind === 'credit-note')).toBe(false);
  });
});
