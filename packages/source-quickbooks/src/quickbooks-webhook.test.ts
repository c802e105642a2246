import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { InboundRequest } from '@dueflow/runtime/ports';
import {
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_REALM_ID,
  FAKE_QUICKBOOKS_VERIFIER_TOKEN,
  quickBooksCompany,
  quickBooksNotification,
  signQuickBooksWebhook,
  startFakeQuickBooks,
  type FakeQuickBooks,
} from '@dueflow/testing/providers';
import { verifyQuickBooksSignature } from './quickbooks-signature.js';
import { createQuickBooksSource } from './quickbooks-source.js';

const body = quickBooksNotification([['Invoice', '130', 'Update']]);

function reason(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
}

describe('verifyQuickBooksSignature', () => {
  it('accepts a signature made as Intuit documents it, from a string or bytes', () => {
    const header = signQuickBooksWebhook(body);
    expect(reason(() => verifyQuickBooksSignature(body, header, FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe('accepted');
    expect(reason(() => verifyQuickBooksSignature(new TextEncoder().encode(body), ` ${header} `, FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe(
      'accepted',
    );
  });

  it('refuses a tampered body and a wrong verifier token', () => {
    const header = signQuickBooksWebhook(body);
    expect(reason(() => verifyQuickBooksSignature(`${body} `, header, FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe('signature');
    expect(reason(() => verifyQuickBooksSignature(body, header, 'another-verifier-token'))).toBe('signature');
    expect(
      reason(() => verifyQuickBooksSignature(body, signQuickBooksWebhook(body, 'another-verifier-token'), FAKE_QUICKBOOKS_VERIFIER_TOKEN)),
    ).toBe('signature');
  });

  it('reads a missing or garbled header as malformed', () => {
    expect(reason(() => verifyQuickBooksSignature(body, undefined, FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe('malformed');
    expect(reason(() => verifyQuickBooksSignature(body, '  ', FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe('malformed');
    expect(reason(() => verifyQuickBooksSignature(body, 'not base64!', FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe('malformed');
    expect(reason(() => verifyQuickBooksSignature(body, Buffer.alloc(20).toString('base64'), FAKE_QUICKBOOKS_VERIFIER_TOKEN))).toBe(
      'malformed',
    );
  });
});

describe('parseWebhook', () => {
  let qbo: FakeQuickBooks;
  beforeEach(async () => {
    qbo = await startFakeQuickBooks();
    Object.assign(qbo.data, quickBooksCompany());
  });
  afterEach(() => qbo.close());

  const source = () =>
    createQuickBooksSource({
      realmId: FAKE_QUICKBOOKS_REALM_ID,
      accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
      apiBase: qbo.url,
      webhookVerifierToken: FAKE_QUICKBOOKS_VERIFIER_TOKEN,
      retryDelayMs: () => 0,
    });
  const request = (
    raw: string,
    headers: InboundRequest['headers'] = { 'intuit-signature': signQuickBooksWebhook(raw) },
  ): InboundRequest => ({
    method: 'POST',
    url: 'https://api.example.com/hooks/quickbooks',
    headers,
    rawBody: raw,
    receivedAt: Date.parse('2025-03-12T09:00:02Z'),
  });

  it('reads back the changed entities by id and maps them, customers before invoices before payments', async () => {
    const raw = quickBooksNotification([
      ['Payment', '202', 'Create'],
      ['Invoice', '132', 'Update'],
      ['Customer', '58', 'Update'],
      ['Invoice', '132', 'Emailed'],
      ['Estimate', '9', 'Create'],
    ]);
    const records = await source().parseWebhook(request(raw));
    expect(records.map((r) => (r.kind === 'issue' ? r.kind : `${r.kind} ${r.data.id}`))).toEqual([
      'customer 58',
      'invoice 132',
      'payment payment-202',
    ]);
    expect(records[1]).toMatchObject({
      kind: 'invoice',
      data: { status: 'open', total: { amount: 120_000 }, metadata: { quickbooksBalance: 100_000 } },
    });
    expect(qbo.requests.map((r) => `${r.path}?${r.query}`)).toEqual([
      `/v3/company/${FAKE_QUICKBOOKS_REALM_ID}/customer/58?minorversion=75`,
      `/v3/company/${FAKE_QUICKBOOKS_REALM_ID}/invoice/132?minorversion=75`,
      `/v3/company/${FAKE_QUICKBOOKS_REALM_ID}/payment/202?minorversion=75`,
    ]);
  });

  it('maps a voided invoice as void and yields nothing for deleted entities', async () => {
    const records = await source().parseWebhook(
      request(
        quickBooksNotification([
          ['Invoice', '133', 'Void'],
          ['Invoice', '130', 'Delete'],
          ['Customer', '59', 'Delete'],
        ]),
      ),
    );
    expect(records).toEqual([{ kind: 'invoice', data: expect.objectContaining({ id: '133', status: 'void' }) }]);
    expect(qbo.requests).toHaveLength(1);
  });

  it('ignores notifications for another company', async () => {
    expect(await source().parseWebhook(request(quickBooksNotification([['Invoice', '130', 'Update']], '1234567890')))).toEqual([]);
    expect(qbo.requests).toHaveLength(0);
  });

  it('reports an entity that no longer exists as an issue, and a bad entity as issues', async () => {
    qbo.data.Invoice.push({ ...qbo.data.Invoice[0]!, Id: '140', TotalAmt: 10.005 });
    const records = await source().parseWebhook(
      request(
        quickBooksNotification([
          ['Invoice', '999', 'Update'],
          ['Invoice', '140', 'Update'],
        ]),
      ),
    );
    expect(records).toEqual([
      {
        kind: 'issue',
        issue: { field: 'Invoice[999]', value: '999', message: 'quickbooks: Invoice 999 named by the webhook no longer exists' },
      },
      {
        kind: 'issue',
        issue: {
          field: 'Invoice[140].TotalAmt',
          value: 10.005,
          message: 'Invoice 140: TotalAmt 10.005 is not a whole number of USD minor units (2 decimals)',
        },
      },
    ]);
  });

  it('verifies before reading: unsigned, tampered and wrongly signed requests are refused without a request', async () => {
    const good = request(body);
    await expect(source().parseWebhook({ ...good, headers: {} })).rejects.toMatchObject({
      reason: 'malformed',
      message: 'quickbooks: missing intuit-signature header',
    });
    await expect(source().parseWebhook({ ...good, rawBody: body.replace('130', '131') })).rejects.toMatchObject({ reason: 'signature' });
    await expect(
      source().parseWebhook(request(body, { 'intuit-signature': signQuickBooksWebhook(body, 'wrong-token') })),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    expect(qbo.requests).toHaveLength(0);
  });

  it('finds the header in any case, as bytes or as repeated values', async () => {
    const records = await source().parseWebhook({
      ...request(body, { 'Intuit-Signature': [signQuickBooksWebhook(body)] }),
      rawBody: new TextEncoder().encode(body),
    });
    expect(records).toHaveLength(1);
  });

  it('refuses signed bodies that are not JSON or not a notification as malformed', async () => {
    await expect(source().parseWebhook(request('not json'))).rejects.toMatchObject({
      reason: 'malformed',
      message: 'quickbooks: webhook body is not JSON',
    });
    await expect(source().parseWebhook(request('{"Invoice":{}}'))).rejects.toMatchObject({
      reason: 'malformed',
      message: 'quickbooks: webhook body is not a QuickBooks notification',
    });
  });

  it('needs webhookVerifierToken', async () => {
    const noToken = createQuickBooksSource({
      realmId: FAKE_QUICKBOOKS_REALM_ID,
      accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
      apiBase: qbo.url,
    });
    await expect(noToken.parseWebhook(request(body))).rejects.toBeInstanceOf(ConfigError);
  });
});
