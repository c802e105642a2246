import { runSourceConformance } from '@dueflow/testing/conformance';
import {
  quickBooksCompany,
  quickBooksCustomer,
  quickBooksInvoice,
  quickBooksNotification,
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_REALM_ID,
  FAKE_QUICKBOOKS_VERIFIER_TOKEN,
  signQuickBooksWebhook,
  startFakeQuickBooks,
} from '@dueflow/testing/providers';
import { createQuickBooksSource } from './quickbooks-source.js';

runSourceConformance({
  name: 'quickbooks',
  create: async () => {
    const good = await startFakeQuickBooks();
    Object.assign(good.data, quickBooksCompany());
    // A bad invoice (an amount finer than a cent) listed before a good one.
    const bad = await startFakeQuickBooks();
    bad.data.Customer = [quickBooksCustomer('58', { DisplayName: 'Acme' })];
    bad.data.Invoice = [quickBooksInvoice('1', { TotalAmt: 10.005, Balance: 10.005 }), quickBooksInvoice('2')];

    const options = {
      realmId: FAKE_QUICKBOOKS_REALM_ID,
      accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
      pageSize: 2,
      webhookVerifierToken: FAKE_QUICKBOOKS_VERIFIER_TOKEN,
      retryDelayMs: () => 0,
    };
    const body = quickBooksNotification([['Invoice', '131', 'Update']]);
    const unsigned = {
      method: 'POST',
      url: 'https://api.example.com/hooks/quickbooks',
      headers: {},
      rawBody: body,
      receivedAt: Date.parse('2025-03-12T09:00:00Z'),
    };
    return {
      source: createQuickBooksSource({ ...options, apiBase: good.url, name: 'conformance' }),
      withBadRows: createQuickBooksSource({ ...options, apiBase: bad.url }),
      webhook: { unsigned, signed: { ...unsigned, headers: { 'intuit-signature': signQuickBooksWebhook(body) } } },
      cleanup: async () => {
        await good.close();
        await bad.close();
      },
    };
  },
});
