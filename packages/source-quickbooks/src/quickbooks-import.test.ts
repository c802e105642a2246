import { pauseInvoice } from '@dueflow/core';
import { createMemoryStorage, importRecords, importSource, type MemoryStorage } from '@dueflow/runtime';
import { manualClock } from '@dueflow/runtime/ports';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_REALM_ID,
  FAKE_QUICKBOOKS_VERIFIER_TOKEN,
  quickBooksCompany,
  quickBooksNotification,
  quickBooksPayment,
  signQuickBooksWebhook,
  startFakeQuickBooks,
  type FakeQuickBooks,
} from '@dueflow/testing/providers';
import { createQuickBooksSource } from './quickbooks-source.js';

// The runtime's importSource and importRecords over the QuickBooks source and a local server
// speaking the QuickBooks Online API: what a user runs to keep Dueflow in step with QuickBooks.
const clock = manualClock(Date.parse('2025-03-12T08:00:00Z'));
let qbo: FakeQuickBooks;

beforeEach(async () => {
  qbo = await startFakeQuickBooks();
  Object.assign(qbo.data, quickBooksCompany());
});
afterEach(() => qbo.close());

function source() {
  return createQuickBooksSource({
    realmId: FAKE_QUICKBOOKS_REALM_ID,
    accessToken: FAKE_QUICKBOOKS_ACCESS_TOKEN,
    apiBase: qbo.url,
    webhookVerifierToken: FAKE_QUICKBOOKS_VERIFIER_TOKEN,
    timeZone: 'America/Los_Angeles',
    retryDelayMs: () => 0,
  });
}

function tables(storage: MemoryStorage): unknown {
  return structuredClone(storage.store.tables(storage.tenantId));
}

describe('importing from QuickBooks', () => {
  it('imports customers, invoices and payments, then writes nothing on the same company', async () => {
    const storage = createMemoryStorage();
    const report = await importSource({ source: source(), storage, clock });
    expect(report.issues.count).toBe(0);
    expect(report.diff.customers.new.map((c) => c.id).sort()).toEqual(['58', '59', '60']);
    expect(report.diff.invoices.new.map((i) => [i.id, i.status]).sort()).toEqual([
      ['130', 'open'],
      ['131', 'paid'],
      ['132', 'open'],
      ['133', 'void'],
    ]);
    expect(report.diff.payments.new.map((p) => [p.id, p.amount.amount]).sort()).toEqual([
      ['payment-201', 45_000],
      ['payment-202', 25_000],
    ]);
    expect((await storage.getInvoice('130'))?.metadata).toMatchObject({ importSource: 'quickbooks' });
    expect((await storage.getCustomer('58'))?.timeZone).toBe('America/Los_Angeles');

    const before = tables(storage);
    const again = await importSource({ source: source(), storage, clock });
    expect(again.written).toBe(false);
    expect(tables(storage)).toEqual(before);
  });

  it('applies a webhook to the invoice it names, keeping what was decided in Dueflow', async () => {
    const storage = createMemoryStorage();
    await importSource({ source: source(), storage, clock });
    // A person paused collection on the open invoice in Dueflow.
    const open = (await storage.getInvoice('130'))!;
    const paused = pauseInvoice(open, { reason: 'customer asked for a week' }, { at: '2025-03-12T08:00:00Z', idPrefix: 'pause-1' });
    await storage.commit({ invoices: [paused.invoice] });

    // The customer paid invoice 130 in full in QuickBooks.
    const invoice = qbo.data.Invoice.find((i) => i.Id === '130')!;
    invoice.Balance = 0;
    invoice.MetaData = { CreateTime: '2025-03-01T09:00:00-08:00', LastUpdatedTime: '2025-03-12T01:00:00-07:00' };
    qbo.data.Payment.push(quickBooksPayment('203', [['130', 362.07]], { TotalAmt: 362.07, TxnDate: '2025-03-12' }));
    const body = quickBooksNotification([
      ['Invoice', '130', 'Update'],
      ['Payment', '203', 'Create'],
    ]);
    const records = await source().parseWebhook({
      method: 'POST',
      url: 'https://api.example.com/hooks/quickbooks',
      headers: { 'intuit-signature': signQuickBooksWebhook(body) },
      rawBody: body,
      receivedAt: Date.parse('2025-03-12T09:00:00Z'),
    });
    const report = await importRecords(records, { storage, sourceName: 'quickbooks', partial: true, clock });

    expect(report.diff.invoices.changed.map((c) => [c.id, c.changes.map((x) => x.path).sort()])).toEqual([
      ['130', ['metadata.quickbooksBalance', 'status']],
    ]);
    expect(report.diff.invoices.missing).toEqual([]);
    expect(report.diff.payments.new.map((p) => [p.id, p.allocations])).toEqual([['payment-203', [{ invoiceId: '130', amount: 36_207 }]]]);
    expect(await storage.getInvoice('130')).toMatchObject({ status: 'paid', pause: { reason: 'customer asked for a week' } });
    // The other invoices were neither read as missing nor touched.
    expect((await storage.getInvoice('132'))?.status).toBe('open');
  });
});
