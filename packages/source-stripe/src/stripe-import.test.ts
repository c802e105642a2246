import { pauseInvoice } from '@dueflow/core';
import { createMemoryStorage, importRecords, importSource, manualClock, type MemoryStorage } from '@dueflow/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripeAccount, stripeInvoice, stripeTime, FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, signStripeWebhook, startFakeStripe, type FakeStripe } from '@dueflow/testing';
import { createStripeSource } from './stripe-source.js';

// The runtime's importSource and importRecords over the Stripe source and a local server
// speaking Stripe's API: what a user runs to keep Dueflow in step with Stripe.
const clock = manualClock(Date.parse('2025-03-12T09:00:00Z'));
let stripe: FakeStripe;

beforeEach(async () => {
  stripe = await startFakeStripe();
  Object.assign(stripe.data, stripeAccount());
});
afterEach(() => stripe.close());

function source() {
  return createStripeSource({ apiKey: FAKE_STRIPE_API_KEY, apiBase: stripe.url, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, timeZone: 'America/New_York', retryDelayMs: () => 0 });
}

function tables(storage: MemoryStorage): unknown {
  return structuredClone(storage.store.tables(storage.tenantId));
}

describe('importing from Stripe', () => {
  it('imports customers, invoices, payments and credit notes, then writes nothing on the same account', async () => {
    const storage = createMemoryStorage();
    const report = await importSource({ source: source(), storage, clock });
    expect(report.issues.count).toBe(0);
    expect(report.diff.customers.new.map((c) => c.id).sort()).toEqual(['cus_acme', 'cus_globex', 'cus_initech']);
    expect(report.diff.invoices.new.map((i) => [i.id, i.status]).sort()).toEqual([
      ['in_bad', 'written-off'],
      ['in_open', 'open'],
      ['in_paid', 'paid'],
      ['in_partial', 'open'],
    ]);
    expect(report.diff.payments.new.map((p) => [p.id, p.amount.amount]).sort()).toEqual([
      ['in_paid:paid', 45_000],
      ['in_partial:paid', 20_000],
    ]);
    expect(report.diff.credits.new.map((c) => [c.id, c.invoiceId, c.amount.amount])).toEqual([['cn_issued', 'in_open', 10_000]]);
    expect((await storage.loadSnapshot('in_open'))?.credits.map((c) => c.id)).toEqual(['cn_issued']);
    expect((await storage.getInvoice('in_open'))?.metadata).toMatchObject({ importSource: 'stripe' });

    const before = tables(storage);
    const again = await importSource({ source: source(), storage, clock });
    expect(again.written).toBe(false);
    expect(again.diff.credits.unchanged).toBe(1);
    expect(tables(storage)).toEqual(before);
  });

  it('applies a webhook to the invoice it names, keeping what was decided in Dueflow', async () => {
    const storage = createMemoryStorage();
    await importSource({ source: source(), storage, clock });
    // A person paused collection on the open invoice in Dueflow.
    const open = (await storage.getInvoice('in_open'))!;
    const paused = pauseInvoice(open, { reason: 'customer asked for a week' }, { at: '2025-03-12T08:00:00Z', idPrefix: 'pause-1' });
    await storage.putInvoices([paused.invoice]);

    const t = stripeTime('2025-03-12T09:00:00Z');
    const paidInvoice = stripeInvoice('in_open', { ...stripe.data.invoices.find((i) => i['id'] === 'in_open'), status: 'paid', amount_paid: 120_000, amount_remaining: 0 });
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: t, data: { object: paidInvoice } });
    const records = await source().parseWebhook({ method: 'POST', url: 'https://api.example.com/hooks/stripe', headers: { 'stripe-signature': signStripeWebhook(body, t) }, rawBody: body, receivedAt: t * 1000 });
    const report = await importRecords(records, { storage, sourceName: 'stripe', partial: true, clock });

    expect(report.diff.invoices.changed.map((c) => [c.id, c.changes.map((x) => x.path)])).toEqual([['in_open', ['status']]]);
    expect(report.diff.invoices.missing).toEqual([]);
    expect(report.diff.payments.new.map((p) => p.id)).toEqual(['in_open:paid']);
    expect(await storage.getInvoice('in_open')).toMatchObject({ status: 'paid', pause: { reason: 'customer asked for a week' } });
    // The other invoices were neither read as missing nor touched.
    expect((await storage.getInvoice('in_partial'))?.status).toBe('open');
  });
});
