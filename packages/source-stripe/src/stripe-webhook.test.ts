import { describe, expect, it } from 'vitest';
import { ConfigError } from '@dueflow/core';
import { WebhookVerificationError } from '@dueflow/runtime';
import type { InboundRequest } from '@dueflow/runtime/ports';
import {
  stripeCreditNote,
  stripeCustomer,
  stripeInvoice,
  stripeTime,
  FAKE_STRIPE_API_KEY,
  FAKE_STRIPE_WEBHOOK_SECRET,
  signStripeWebhook,
} from '@dueflow/testing/providers';
import { verifyStripeSignature } from './stripe-signature.js';
import { createStripeSource } from './stripe-source.js';

const t = stripeTime('2025-03-12T09:00:00Z');
const receivedAt = (t + 2) * 1000;
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', name: 'Acme' } } });

function reason(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
}

describe('verifyStripeSignature', () => {
  it('accepts a signature made as Stripe documents it, from a string or bytes', () => {
    const header = signStripeWebhook(body, t);
    expect(verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt })).toBe(t);
    expect(verifyStripeSignature(new TextEncoder().encode(body), header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt })).toBe(t);
  });

  it('accepts a header with several v1 signatures (a secret being rolled) when one matches', () => {
    const good = signStripeWebhook(body, t).split(',v1=')[1]!;
    const other = signStripeWebhook(body, t, 'whsec_old_secret').split(',v1=')[1]!;
    const header = `t=${t},v1=${other},v1=${good},v0=${'0'.repeat(64)}`;
    expect(reason(() => verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe('accepted');
    expect(reason(() => verifyStripeSignature(body, `t=${t},v1=${other}`, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe(
      'signature',
    );
  });

  it('refuses a tampered body, a wrong secret and a signature made for another timestamp', () => {
    const header = signStripeWebhook(body, t);
    expect(reason(() => verifyStripeSignature(`${body} `, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe('signature');
    expect(reason(() => verifyStripeSignature(body, header, { secret: 'whsec_someone_else', receivedAt }))).toBe('signature');
    expect(
      reason(() => verifyStripeSignature(body, header.replace(`t=${t}`, `t=${t + 1}`), { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt })),
    ).toBe('signature');
  });

  it('refuses a signature older or newer than the tolerance', () => {
    const header = signStripeWebhook(body, t);
    expect(reason(() => verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt: (t + 300) * 1000 }))).toBe(
      'accepted',
    );
    expect(reason(() => verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt: (t + 301) * 1000 }))).toBe(
      'timestamp',
    );
    expect(reason(() => verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt: (t - 301) * 1000 }))).toBe(
      'timestamp',
    );
    expect(
      reason(() =>
        verifyStripeSignature(body, header, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt: (t + 1000) * 1000, toleranceSeconds: 3600 }),
      ),
    ).toBe('accepted');
  });

  it('reads a missing or garbled header as malformed, and one without v1 as a signature failure', () => {
    expect(reason(() => verifyStripeSignature(body, undefined, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe('malformed');
    expect(reason(() => verifyStripeSignature(body, '  ', { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe('malformed');
    expect(reason(() => verifyStripeSignature(body, 'garbage', { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe('malformed');
    expect(reason(() => verifyStripeSignature(body, 't=soon,v1=abc', { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe(
      'malformed',
    );
    expect(
      reason(() => verifyStripeSignature(body, `t=${t},v0=${'0'.repeat(64)}`, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt })),
    ).toBe('signature');
    expect(reason(() => verifyStripeSignature(body, `t=${t},v1=not-hex`, { secret: FAKE_STRIPE_WEBHOOK_SECRET, receivedAt }))).toBe(
      'signature',
    );
  });
});

describe('parseWebhook', () => {
  const source = createStripeSource({ apiKey: FAKE_STRIPE_API_KEY, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, timeZone: 'Europe/Paris' });
  const parse = (request: InboundRequest) => source.parseWebhook(request);

  function request(
    type: string,
    object: unknown,
    headers: (raw: string) => InboundRequest['headers'] = (raw) => ({ 'stripe-signature': signStripeWebhook(raw, t) }),
  ): InboundRequest {
    const raw = JSON.stringify({
      id: `evt_${type}`,
      object: 'event',
      api_version: '2025-03-31.basil',
      created: t,
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object },
    });
    return { method: 'POST', url: 'https://api.example.com/hooks/stripe', headers: headers(raw), rawBody: raw, receivedAt };
  }

  it('maps customer.created and customer.updated to the customer, and ignores customer.deleted', async () => {
    const customer = stripeCustomer('cus_1', { name: 'Acme', email: 'ap@acme.example' });
    for (const type of ['customer.created', 'customer.updated']) {
      expect(await parse(request(type, customer))).toEqual([
        { kind: 'customer', data: expect.objectContaining({ id: 'cus_1', name: 'Acme', since: '2024-06-01' }) },
      ]);
    }
    expect(await parse(request('customer.deleted', { ...customer, deleted: true }))).toEqual([]);
  });

  it.each(['invoice.finalized', 'invoice.updated', 'invoice.voided', 'invoice.marked_uncollectible'])(
    'maps %s to the invoice',
    async (type) => {
      const status = type === 'invoice.voided' ? 'void' : type === 'invoice.marked_uncollectible' ? 'uncollectible' : 'open';
      const records = await parse(request(type, stripeInvoice('in_1', { status })));
      expect(records).toEqual([
        { kind: 'invoice', data: expect.objectContaining({ id: 'in_1', status: status === 'uncollectible' ? 'written-off' : status }) },
      ]);
    },
  );

  it.each(['invoice.paid', 'invoice.payment_succeeded'])('maps %s to the invoice and its payment', async (type) => {
    const paid = stripeInvoice('in_1', {
      status: 'paid',
      amount_paid: 120_000,
      status_transitions: { finalized_at: t - 86_400, paid_at: t },
    });
    expect(await parse(request(type, paid))).toEqual([
      { kind: 'invoice', data: expect.objectContaining({ id: 'in_1', status: 'paid' }) },
      {
        kind: 'payment',
        data: expect.objectContaining({ id: 'in_1:paid', at: '2025-03-12T09:00:00.000Z', amount: { amount: 120_000, currency: 'USD' } }),
      },
    ]);
  });

  it('yields nothing for draft invoice updates, void credit notes and events it does not read', async () => {
    expect(await parse(request('invoice.updated', stripeInvoice('in_d', { status: 'draft', number: null })))).toEqual([]);
    expect(await parse(request('credit_note.updated', stripeCreditNote('cn_1', { status: 'void' })))).toEqual([]);
    expect(await parse(request('charge.succeeded', { id: 'ch_1', object: 'charge' }))).toEqual([]);
    expect(await parse(request('invoice.created', stripeInvoice('in_d', { status: 'draft' })))).toEqual([]);
  });

  it.each(['credit_note.created', 'credit_note.updated'])('maps %s to the credit note', async (type) => {
    expect(await parse(request(type, stripeCreditNote('cn_1', { memo: 'Refund of seat' })))).toEqual([
      {
        kind: 'credit-note',
        data: {
          id: 'cn_1',
          invoiceId: 'in_open',
          amount: { amount: 10_000, currency: 'USD' },
          at: '2025-03-05T10:00:00.000Z',
          reason: 'Refund of seat',
        },
      },
    ]);
  });

  it('reports an object the core refuses as an issue record', async () => {
    expect(await parse(request('invoice.finalized', stripeInvoice('in_x', { currency: 'xyz' })))).toEqual([
      {
        kind: 'issue',
        issue: { field: 'invoices[in_x].currency', value: 'xyz', message: 'invoice in_x: currency unknown ISO 4217 currency code "xyz"' },
      },
    ]);
  });

  it('verifies before reading: unsigned, tampered and stale requests are refused', async () => {
    const good = request('customer.created', stripeCustomer('cus_1'));
    await expect(parse({ ...good, headers: {} })).rejects.toMatchObject({ reason: 'malformed' });
    await expect(parse({ ...good, rawBody: String(good.rawBody).replace('cus_1', 'cus_2') })).rejects.toMatchObject({
      reason: 'signature',
    });
    await expect(parse({ ...good, receivedAt: (t + 600) * 1000 })).rejects.toMatchObject({ reason: 'timestamp' });
    await expect(
      parse({ ...good, headers: { 'stripe-signature': signStripeWebhook(String(good.rawBody), t, 'whsec_wrong') } }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('finds the header in any case, as bytes or as repeated values', async () => {
    const signed = request('customer.created', stripeCustomer('cus_1'), (raw) => ({ 'Stripe-Signature': [signStripeWebhook(raw, t)] }));
    expect(await parse({ ...signed, rawBody: new TextEncoder().encode(String(signed.rawBody)) })).toHaveLength(1);
  });

  it('refuses signed bodies that are not JSON or not an event as malformed', async () => {
    const signed = (raw: string): InboundRequest => ({
      method: 'POST',
      url: 'https://api.example.com/hooks/stripe',
      headers: { 'stripe-signature': signStripeWebhook(raw, t) },
      rawBody: raw,
      receivedAt,
    });
    await expect(parse(signed('not json'))).rejects.toMatchObject({ reason: 'malformed', message: 'stripe: webhook body is not JSON' });
    await expect(parse(signed('{"object":"customer","id":"cus_1"}'))).rejects.toMatchObject({
      reason: 'malformed',
      message: 'stripe: webhook body is not a Stripe event',
    });
  });

  it('needs webhookSecret', async () => {
    const noSecret = createStripeSource({ apiKey: FAKE_STRIPE_API_KEY });
    await expect(noSecret.parseWebhook(request('customer.created', stripeCustomer('cus_1')))).rejects.toBeInstanceOf(ConfigError);
  });
});
