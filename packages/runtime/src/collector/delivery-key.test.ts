import { compilePolicy, CustomerSchema, InvoiceSchema } from '@dueflow/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordingChannel } from '../../../testing/src/conformance/recording-channel.js';
import { createMemoryStorage } from '../memory/memory-storage.js';
import { createMemoryStore } from '../memory/memory-store.js';
import { createCollector } from './collector.js';
import { deliveryKey, parseDeliveryKey } from './delivery-key.js';

const PRE_DUE = Date.parse('2025-03-24T10:00:00Z'); // Monday, 7 days before the due date
const KEY = 'inv1:pre-due-reminder:1';

describe('deliveryKey', () => {
  it('is inverted by parseDeliveryKey for any tenant id and key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ minLength: 1, maxLength: 300 }), (tenantId, key) => {
        expect(parseDeliveryKey(deliveryKey(tenantId, key))).toEqual({ tenantId, key });
      }),
    );
  });

  it('never gives two tenants the same key, even when tenant ids and keys hold slashes', () => {
    expect(deliveryKey('a', 'b/c')).not.toBe(deliveryKey('a/b', 'c'));
    expect(deliveryKey('eu/acme', KEY)).toBe(`eu%2Facme/${KEY}`);
    expect(parseDeliveryKey(KEY)).toBeUndefined();
    expect(parseDeliveryKey('/x')).toBeUndefined();
    expect(parseDeliveryKey('%E0%A4%A/x')).toBeUndefined();
  });
});

describe('two tenants sharing one channel', () => {
  async function tenants() {
    const store = createMemoryStore();
    const channel = createRecordingChannel();
    const collectors = new Map<string, ReturnType<typeof createCollector>>();
    const storages = new Map<string, ReturnType<typeof createMemoryStorage>>();
    for (const tenantId of ['acme', 'globex']) {
      const storage = createMemoryStorage({ tenantId, store });
      await storage.commit({
        customers: [CustomerSchema.parse({ id: 'c1', name: 'Same Name', contacts: [{ id: 'k1', email: 'ap@same.example' }] })],
      });
      await storage.commit({
        invoices: [
          InvoiceSchema.parse({
            id: 'inv1',
            number: 'N-1',
            customerId: 'c1',
            issueDate: '2025-03-01',
            dueDate: '2025-03-31',
            total: { amount: 100_000, currency: 'USD' },
          }),
        ],
      });
      const collector = createCollector({ storage, channels: [channel], policy: compilePolicy() });
      await collector.tick({ now: PRE_DUE });
      collectors.set(tenantId, collector);
      storages.set(tenantId, storage);
    }
    return { channel, collectors, storages };
  }

  it('delivers each tenant its own message under its own delivery key', async () => {
    const { channel } = await tenants();
    expect(channel.delivered.map((m) => [m.key, m.tenantId])).toEqual([
      [`acme/${KEY}`, 'acme'],
      [`globex/${KEY}`, 'globex'],
    ]);
    expect(channel.duplicateCalls).toBe(0);
  });

  it('routes an event back to the tenant its key names, and ignores it in every other tenant', async () => {
    const { collectors, storages } = await tenants();
    const bounce = {
      type: 'bounced' as const,
      bounce: 'hard' as const,
      channel: 'email' as const,
      at: PRE_DUE + 60_000,
      key: `acme/${KEY}`,
      address: 'ap@same.example',
      detail: '550 5.1.1',
    };
    const elsewhere = await collectors.get('globex')!.record(bounce);
    expect(elsewhere).toEqual({ matched: false, activities: [] });
    expect((await storages.get('globex')!.getCustomer('c1'))?.contacts[0]?.suppressed).toEqual([]);

    const home = await collectors.get('acme')!.record(bounce);
    expect(home.matched).toBe(true);
    expect(home.activities.find((a) => a.type === 'delivery')).toMatchObject({ invoiceId: 'inv1', actionKey: KEY });
    expect((await storages.get('acme')!.getCustomer('c1'))?.contacts[0]?.suppressed).toEqual(['email']);
  });
});
