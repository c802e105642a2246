import { runSourceConformance } from '@dueflow/testing/conformance';
import {
  stripeAccount,
  stripeCustomer,
  stripeInvoice,
  stripeTime,
  FAKE_STRIPE_API_KEY,
  FAKE_STRIPE_WEBHOOK_SECRET,
  signStripeWebhook,
  startFakeStripe,
} from '@dueflow/testing/providers';
import { createStripeSource } from './stripe-source.js';

runSourceConformance({
  name: 'stripe',
  create: async () => {
    const good = await startFakeStripe();
    Object.assign(good.data, stripeAccount());
    // A bad invoice (unknown currency) listed before a good one.
    const bad = await startFakeStripe();
    bad.data.customers = [stripeCustomer('cus_acme', { name: 'Acme' })];
    bad.data.invoices = [stripeInvoice('in_bad', { created: 200, currency: 'xyz' }), stripeInvoice('in_good', { created: 100 })];

    const options = { apiKey: FAKE_STRIPE_API_KEY, pageSize: 2, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, retryDelayMs: () => 0 };
    const t = stripeTime('2025-03-12T09:00:00Z');
    const body = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type: 'invoice.paid',
      created: t,
      data: { object: stripeInvoice('in_1', { status: 'paid', amount_paid: 120_000 }) },
    });
    const unsigned = { method: 'POST', url: 'https://api.example.com/hooks/stripe', headers: {}, rawBody: body, receivedAt: t * 1000 };
    return {
      source: createStripeSource({ ...options, apiBase: good.url, name: 'conformance' }),
      withBadRows: createStripeSource({ ...options, apiBase: bad.url }),
      webhook: { unsigned, signed: { ...unsigned, headers: { 'stripe-signature': signStripeWebhook(body, t) } } },
      cleanup: async () => {
        await good.close();
        await bad.close();
      },
    };
  },
});
