import { pauseInvoice } from '@dueflow/core';
import { createMemoryStorage, importRecords, importSource, type MemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  stripeAccount,
  stripeInvoice,
  stripeTime,
  FAKE_STRIPE_API_KEY,
  FAKE_STRIPE_WEBHOOK_SECRET,
  signStripeWebhook,
  startFakeStripe,
  type FakeStripe,
} from '@dueflow/testing/providers';
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
  return createStripeSource({
    apiKey: FAKE_STRIPE_API_KEY,
    apiBase: stripe.url,
    webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET,
    timeZone: 'America/New_York',
    retryDelayMs: () => 0,
  });
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
    await storage.commit({ invoices: [paused.invoice] });

    const t = stripeTime('2025-03-12T09:00:00Z');
    const paidInvoice = stripeInvoice('in_open', {
      ...stripe.data.invoices.find((i) => i['id'] === 'in_open'),
      status: 'paid',
      amount_paid: 120_000,
      amount_remaining: 0,
    });
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: t, data: { object: paidInvoice } });
    const records = await source().parseWebhook({
      method: 'POST',
      url: 'https://api.example.com/hooks/stripe',
      headers: { 'stripe-signature': signStripeWebhook(body, t) },
      rawBody: body,
      receivedAt: t * 1000,
    });
    const report = await importRecords(records, { storage, sourceName: 'stripe', partial: true, clock });

    expect(report.diff.invoices.changed.map((c) => [c.id, c.changes.map((x) => x.path)])).toEqual([
      ['in_open', ['metadata.sourceUpdatedAt', 'status']],
    ]);
    expect(report.diff.invoices.missing).toEqual([]);
    expect(report.diff.payments.new.map((p) => p.id)).toEqual(['in_open:paid']);
    expect(await storage.getInvoice('in_open')).toMatchObject({ status: 'paid', pause: { reason: 'customer asked for a week' } });
    // The other invoices were neither read as missing nor touched.
    expect((await storage.getInvoice('in_partial'))?.status).toBe('open');
  });

  it("ignores a late, older invoice.finalized after invoice.paid, by the events' times, and keeps the payment", async () => {
    const storage = createMemoryStorage();
    await importSource({ source: source(), storage, clock });
    const open = stripe.data.invoices.find((i) => i['id'] === 'in_open')!;
    const finalizedAt = stripeTime('2025-03-01T16:00:00Z');
    const paidAt = stripeTime('2025-03-12T09:00:00Z');
    const deliver = async (id: string, type: string, created: number, object: unknown) => {
      const body = JSON.stringify({ id, object: 'event', type, created, data: { object } });
      const receivedAt = paidAt + 60;
      const records = await source().parseWebhook({
        method: 'POST',
        url: 'https://api.example.com/hooks/stripe',
        headers: { 'stripe-signature': signStripeWebhook(body, receivedAt) },
        rawBody: body,
        receivedAt: receivedAt * 1000,
      });
      return importRecords(records, { storage, sourceName: 'stripe', partial: true, clock });
    };
    const paid = {
      ...open,
      status: 'paid',
      amount_paid: 120_000,
      amount_remaining: 0,
      status_transitions: { finalized_at: finalizedAt, paid_at: paidAt, marked_uncollectible_at: null, voided_at: null },
    };
    await deliver('evt_paid', 'invoice.paid', paidAt, paid);
    expect(await storage.getInvoice('in_open')).toMatchObject({
      status: 'paid',
      metadata: { sourceUpdatedAt: '2025-03-12T09:00:00.000Z' },
    });
    const before = tables(storage);

    // Stripe retried the finalization event after the payment: it shows the invoice as it was then.
    const late = await deliver('evt_finalized', 'invoice.finalized', finalizedAt, {
      ...open,
      status_transitions: { finalized_at: finalizedAt, paid_at: null, marked_uncollectible_at: null, voided_at: null },
    });
    expect(late.written).toBe(false);
    expect(late.diff.invoices.stale).toEqual([
      { id: 'in_open', status: 'open', at: '2025-03-01T16:00:00.000Z', storedStatus: 'paid', storedAt: '2025-03-12T09:00:00.000Z' },
    ]);
    expect(late.diff.invoices.changed).toEqual([]);
    expect(tables(storage)).toEqual(before);
    expect((await storage.getInvoice('in_open'))?.status).toBe('paid');
    expect((await storage.listPayments({ invoiceId: 'in_open' })).map((p) => p.amount.amount)).toEqual([120_000]);
  });

  it('ignores an invoice.finalized of the same second as invoice.paid when it arrives second', async () => {
    const storage = createMemoryStorage();
    await importSource({ source: source(), storage, clock });
    const open = stripe.data.invoices.find((i) => i['id'] === 'in_open')!;
    const at = stripeTime('2025-03-12T09:00:00Z');
    const deliver = async (id: string, type: string, object: unknown) => {
      const body = JSON.stringify({ id, object: 'event', type, created: at, data: { object } });
      const records = await source().parseWebhook({
        method: 'POST',
        url: 'https://api.example.com/hooks/stripe',
        headers: { 'stripe-signature': signStripeWebhook(body, at) },
        rawBody: body,
        receivedAt: at * 1000,
      });
      return importRecords(records, { storage, sourceName: 'stripe', partial: true, clock });
    };
    // Charged automatically: finalized and paid within one second.
    await deliver('evt_paid', 'invoice.paid', {
      ...open,
      status: 'paid',
      amount_paid: 120_000,
      amount_remaining: 0,
      status_transitions: { finalized_at: at, paid_at: at, marked_uncollectible_at: null, voided_at: null },
    });
    const late = await deliver('evt_finalized', 'invoice.finalized', {
      ...open,
      status_transitions: { finalized_at: at, paid_at: null, marked_uncollectible_at: null, voided_at: null },
    });
    expect(late.diff.invoices.stale.map((s) => [s.id, s.status, s.storedStatus])).toEqual([['in_open', 'open', 'paid']]);
    expect((await storage.getInvoice('in_open'))?.status).toBe('paid');
  });

  it('still applies a pull: it reads the current state', async () => {
    const storage = createMemoryStorage();
    await importSource({ source: source(), storage, clock });
    const open = stripe.data.invoices.find((i) => i['id'] === 'in_open')!;
    const t = stripeTime('2025-03-12T09:00:00Z');
    // An invoice.updated (a new due date) newer than any status change of the invoice...
    const updated = { ...open, due_date: stripeTime('2025-04-15T15:00:00Z') };
    const body = JSON.stringify({ id: 'evt_updated', object: 'event', type: 'invoice.updated', created: t, data: { object: updated } });
    const records = await source().parseWebhook({
      method: 'POST',
      url: 'https://api.example.com/hooks/stripe',
      headers: { 'stripe-signature': signStripeWebhook(body, t) },
      rawBody: body,
      receivedAt: t * 1000,
    });
    await importRecords(records, { storage, sourceName: 'stripe', partial: true, clock });
    // ...then Stripe has a later change whose event never came: the next pull still brings it.
    Object.assign(open, { due_date: stripeTime('2025-04-30T15:00:00Z') });
    const pulled = await importSource({ source: source(), storage, clock });
    expect(pulled.diff.invoices.stale).toEqual([]);
    expect((await storage.getInvoice('in_open'))?.dueDate).toBe('2025-04-30');
  });
});
