import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DueflowError, ValidationError } from '@dueflow/core';
import type { SourceRecord } from '@dueflow/runtime/ports';
import { StripeApiError } from './stripe-client.js';
import {
  stripeAccount,
  stripeCustomer,
  stripeInvoice,
  stripeTime,
  FAKE_STRIPE_API_KEY,
  startFakeStripe,
  type FakeStripe,
} from '@dueflow/testing/providers';
import { createStripeSource, type StripeSourceOptions } from './stripe-source.js';

let stripe: FakeStripe;
beforeEach(async () => {
  stripe = await startFakeStripe();
  Object.assign(stripe.data, stripeAccount());
});
afterEach(() => stripe.close());

const delays: [number, number | undefined][] = [];
function source(extra: Partial<StripeSourceOptions> = {}) {
  delays.length = 0;
  return createStripeSource({
    apiKey: FAKE_STRIPE_API_KEY,
    apiBase: stripe.url,
    pageSize: 2,
    retryDelayMs: (attempt, retryAfter) => {
      delays.push([attempt, retryAfter]);
      return 0;
    },
    ...extra,
  });
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

describe('createStripeSource().pull() against a local Stripe API', () => {
  it('streams customers, invoices each followed by its payment, then credit notes, across pages', async () => {
    const records = await drain(source({ stripeVersion: '2025-03-31.basil', stripeAccount: 'acct_1Connected' }).pull());
    // Stripe lists newest first; the draft invoice and the void credit note are skipped.
    expect(records.map(label)).toEqual([
      'customer cus_initech',
      'customer cus_globex',
      'customer cus_acme',
      'invoice in_open',
      'invoice in_paid',
      'payment in_paid:paid',
      'invoice in_partial',
      'payment in_partial:paid',
      'invoice in_bad',
      'credit-note cn_issued',
    ]);
    const byId = new Map(records.flatMap((r) => (r.kind === 'issue' ? [] : [[`${r.kind} ${r.data.id}`, r.data] as const])));
    expect(byId.get('customer cus_acme')).toEqual({
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
      timeZone: 'UTC',
      locale: 'en-US',
      since: '2024-01-10',
      metadata: { crm_id: 'A-17' },
    });
    expect(byId.get('customer cus_initech')).toMatchObject({ name: 'Initech', contacts: [] });
    expect(byId.get('invoice in_bad')).toMatchObject({
      status: 'written-off',
      issueDate: '2024-12-01',
      dueDate: '2024-12-16',
      terms: 'NET15',
    });
    expect(byId.get('payment in_paid:paid')).toEqual({
      id: 'in_paid:paid',
      customerId: 'cus_globex',
      amount: { amount: 45_000, currency: 'USD' },
      status: 'succeeded',
      method: 'card',
      at: '2025-02-01T16:00:05.000Z',
      reference: 'in_paid',
      allocations: [{ invoiceId: 'in_paid', amount: 45_000 }],
    });
    expect(byId.get('credit-note cn_issued')).toEqual({
      id: 'cn_issued',
      invoiceId: 'in_open',
      amount: { amount: 10_000, currency: 'USD' },
      at: '2025-03-05T10:00:00.000Z',
      reason: 'Two seats removed',
    });

    // 3 customers in 2 pages, 5 invoices in 3, 2 credit notes in 1; each page continues after the last id.
    expect(stripe.requests.map((r) => `${r.path}?${r.query}`)).toEqual([
      '/v1/customers?limit=2',
      '/v1/customers?limit=2&starting_after=cus_globex',
      '/v1/invoices?limit=2',
      '/v1/invoices?limit=2&starting_after=in_open',
      '/v1/invoices?limit=2&starting_after=in_partial',
      '/v1/credit_notes?limit=2',
    ]);
    for (const request of stripe.requests) {
      expect(request.method).toBe('GET');
      expect(request.headers.authorization).toBe(`Bearer ${FAKE_STRIPE_API_KEY}`);
      expect(request.headers['stripe-version']).toBe('2025-03-31.basil');
      expect(request.headers['stripe-account']).toBe('acct_1Connected');
    }
  });

  it('fetches pages lazily, as records are consumed', async () => {
    const iterator = source().pull()[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ kind: 'customer', data: { id: 'cus_initech' } });
    expect(stripe.requests).toHaveLength(1);
    await iterator.return?.();
    expect(stripe.requests).toHaveLength(1);
  });

  it('uses the default page size of 100 and no Stripe-Version unless asked', async () => {
    await drain(source({ pageSize: undefined }).pull());
    expect(stripe.requests.map((r) => r.query.get('limit'))).toEqual(['100', '100', '100']);
    expect(stripe.requests[0]!.headers['stripe-version']).toBeUndefined();
    expect(stripe.requests[0]!.headers['stripe-account']).toBeUndefined();
  });

  it('sends created[gte] for `since`, rounded down to the second, and keeps objects created exactly then', async () => {
    const records = await drain(source().pull({ since: '2025-02-01T16:00:00.750+01:00' }));
    const from = String(stripeTime('2025-02-01T15:00:00Z'));
    expect(stripe.requests.every((r) => r.query.get('created[gte]') === from)).toBe(true);
    // in_paid was created at 15:00:00 UTC exactly.
    expect(records.map(label)).toEqual(['invoice in_open', 'invoice in_paid', 'payment in_paid:paid', 'credit-note cn_issued']);
  });

  it('filters credit notes by creation time itself when Stripe ignores `created`', async () => {
    // An older API version ignores `created` on credit notes: this fetch drops it on the way.
    const olderApi: typeof fetch = (url, init) => globalThis.fetch(String(url).replace(/&created%5Bgte%5D=\d+/, ''), init);
    stripe.data.credit_notes.push({ ...stripe.data.credit_notes[0]!, id: 'cn_old', created: stripeTime('2024-01-01T00:00:00Z') });
    const records = await drain(source({ fetch: olderApi }).pull({ since: '2025-02-01T00:00:00Z' }));
    expect(stripe.requests.find((r) => r.path === '/v1/credit_notes')!.query.has('created[gte]')).toBe(false);
    expect(records.filter((r) => r.kind === 'credit-note').map(label)).toEqual(['credit-note cn_issued']);
  });

  it('refuses a `since` that is not an ISO 8601 instant with a ValidationError naming it, before any request', async () => {
    const { error } = await failure(source().pull({ since: 'last tuesday' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toMatchObject([{ field: 'since', value: 'last tuesday' }]);
    expect(stripe.requests).toHaveLength(0);
  });

  it('reads drafts only with includeDrafts', async () => {
    const records = await drain(source({ includeDrafts: true }).pull());
    expect(records.find((r) => r.kind === 'invoice' && r.data.id === 'in_draft')).toEqual({
      kind: 'invoice',
      data: expect.objectContaining({
        id: 'in_draft',
        number: 'in_draft',
        status: 'draft',
        customerId: 'cus_initech',
        issueDate: '2025-03-05',
      }),
    });
  });

  it('reports bad rows as issues naming the object and field, and goes on', async () => {
    stripe.data.invoices = [
      stripeInvoice('in_xyz', { created: 300, currency: 'xyz' }),
      stripeInvoice('in_neg', { created: 200, total: -500 }),
      stripeInvoice('in_good', { created: 100 }),
    ];
    const records = await drain(source().pull());
    expect(records.filter((r) => r.kind === 'invoice' || r.kind === 'issue')).toEqual([
      {
        kind: 'issue',
        issue: {
          field: 'invoices[in_xyz].currency',
          value: 'xyz',
          message: 'invoice in_xyz: currency unknown ISO 4217 currency code "xyz"',
        },
      },
      {
        kind: 'issue',
        issue: {
          field: 'invoices[in_neg].total.amount',
          value: -500,
          message: 'invoice in_neg: total.amount must not be negative (use a credit note)',
        },
      },
      { kind: 'invoice', data: expect.objectContaining({ id: 'in_good' }) },
    ]);
    expect(records.at(-1)).toMatchObject({ kind: 'credit-note' });
  });

  it('retries 429 (honouring Retry-After) and 5xx answers, then goes on', async () => {
    stripe.failures.push({ status: 429, retryAfter: 2 }, { status: 500 }, { status: 503 });
    const records = await drain(source().pull());
    expect(records).toHaveLength(10);
    expect(delays).toEqual([
      [1, 2],
      [2, undefined],
      [3, undefined],
    ]);
    expect(stripe.requests.slice(0, 4).map((r) => r.path)).toEqual(Array(4).fill('/v1/customers'));
  });

  it('gives up after maxRetries with a StripeApiError naming the status', async () => {
    stripe.failures.push({ status: 500 }, { status: 502 }, { status: 500 });
    const { error } = await failure(source({ maxRetries: 2 }).pull());
    expect(error).toBeInstanceOf(StripeApiError);
    expect(error).toMatchObject({
      status: 500,
      code: 'ADAPTER',
      kind: 'source',
      adapter: 'stripe',
      operation: 'GET /v1/customers',
      type: 'api_error',
    });
    expect((error as Error).message).toBe(
      'stripe: GET /v1/customers answered HTTP 500 (api_error) after 3 attempts: An unknown error occurred.',
    );
    expect(stripe.requests).toHaveLength(3);
  });

  it('does not retry when Stripe says Stripe-Should-Retry: false', async () => {
    stripe.failures.push({ status: 429, headers: { 'stripe-should-retry': 'false' } });
    const { error } = await failure(source().pull());
    expect(error).toMatchObject({ status: 429, stripeCode: 'rate_limit' });
    expect(stripe.requests).toHaveLength(1);
  });

  it('throws a typed error on 401 without retrying and without the key in the message', async () => {
    const { error } = await failure(source({ apiKey: 'sk_test_wrongKey0123456789abcdefWXYZ' }).pull());
    expect(error).toBeInstanceOf(StripeApiError);
    expect(error).toMatchObject({ status: 401, type: 'invalid_request_error' });
    const message = (error as Error).message;
    expect(message).toMatch(
      /^stripe: GET \/v1\/customers answered HTTP 401 \(invalid_request_error\): Invalid API Key provided: sk_test_\[redacted\]$/,
    );
    expect(message).not.toContain('wrongKey');
    expect(stripe.requests).toHaveLength(1);
  });

  it('redacts the key even if an error message quotes it in full', async () => {
    stripe.failures.push({
      status: 403,
      body: { error: { type: 'invalid_request_error', message: `The key ${FAKE_STRIPE_API_KEY} may not read customers` } },
    });
    const { error } = await failure(source().pull());
    expect(error).toMatchObject({ status: 403 });
    expect((error as Error).message).not.toContain(FAKE_STRIPE_API_KEY);
    expect(JSON.stringify(error)).not.toContain(FAKE_STRIPE_API_KEY);
    expect((error as Error).message).toContain('may not read customers');
  });

  it('retries network failures and timeouts, then reports them', async () => {
    const closed = await startFakeStripe();
    await closed.close();
    const { error } = await failure(source({ apiBase: closed.url, maxRetries: 1 }).pull());
    expect(error).toBeInstanceOf(StripeApiError);
    expect(error).toMatchObject({ status: undefined });
    expect((error as Error).message).toMatch(/^stripe: GET \/v1\/customers failed: .* \(2 attempts\)$/);

    stripe.delayMs = 300;
    const slow = await failure(source({ timeoutMs: 50, maxRetries: 1 }).pull());
    expect((slow.error as Error).message).toBe('stripe: GET /v1/customers timed out after 50 ms (2 attempts)');
    expect(delays).toEqual([[1, undefined]]);
  });

  it('ends with a DueflowError when aborted before, between pages or during a request', async () => {
    const before = new AbortController();
    before.abort();
    const { error } = await failure(source().pull({ signal: before.signal }));
    expect(error).toBeInstanceOf(DueflowError);
    expect(error).toMatchObject({ code: 'INVALID_OPERATION', message: 'stripe: pull aborted' });
    expect(stripe.requests).toHaveLength(0);

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
    // The first page (two customers) was already fetched; the second never was.
    expect(records.map(label)).toEqual(['customer cus_initech', 'customer cus_globex']);
    expect(stripe.requests).toHaveLength(1);

    stripe.delayMs = 5_000;
    const during = new AbortController();
    const started = Date.now();
    setTimeout(() => during.abort(), 30);
    const cut = await failure(source().pull({ signal: during.signal }));
    expect(cut.error).toMatchObject({ code: 'INVALID_OPERATION', message: 'stripe: pull aborted' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('validates options with errors naming the field and value', () => {
    const invalid = (options: Partial<StripeSourceOptions>) => {
      try {
        createStripeSource({ apiKey: FAKE_STRIPE_API_KEY, ...options });
      } catch (e) {
        if (e instanceof ValidationError) return e.issues.map((i) => [i.field, i.value]);
        throw e;
      }
      return [];
    };
    expect(invalid({ pageSize: 500 })).toEqual([['pageSize', 500]]);
    expect(invalid({ pageSize: 0 })).toEqual([['pageSize', 0]]);
    expect(invalid({ timeZone: 'Mars/Olympus' })).toEqual([['timeZone', 'Mars/Olympus']]);
    expect(invalid({ apiBase: 'ftp://example.com' })).toEqual([['apiBase', 'ftp://example.com']]);
    expect(invalid({ apiKey: '' })).toEqual([['apiKey', '']]);
    expect(invalid({ pageSize: 100, timeZone: 'Europe/Paris' })).toEqual([]);
  });

  it('maps dates in the configured time zone', async () => {
    stripe.data.invoices = [
      stripeInvoice('in_tz', {
        status_transitions: { finalized_at: stripeTime('2025-03-01T03:30:00Z') },
        due_date: stripeTime('2025-03-31T02:00:00Z'),
      }),
    ];
    stripe.data.customers = [stripeCustomer('cus_acme', { name: 'Acme', created: stripeTime('2024-01-01T02:00:00Z') })];
    const records = await drain(source({ timeZone: 'America/New_York' }).pull());
    expect(
      records.map((r) => (r.kind === 'invoice' ? [r.data.issueDate, r.data.dueDate] : r.kind === 'customer' ? r.data.since : r.kind)),
    ).toEqual(['2023-12-31', ['2025-02-28', '2025-03-30'], 'credit-note']);
  });
});
