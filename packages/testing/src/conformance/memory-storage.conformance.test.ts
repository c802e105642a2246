import { createMemoryStorage, createMemoryStore, type MemoryStore } from '@dueflow/runtime';
import { runStorageConformance } from './storage-conformance.js';
import type { StorageBackdoor } from './storage-types.js';

function memoryBackdoor(store: MemoryStore, tenantId: string): StorageBackdoor {
  const t = () => store.tables(tenantId);
  return {
    outboxKeys: async () => [...t().outbox.keys()].sort(),
    outboxRow: async (key) => {
      const row = t().outbox.get(key);
      return row === undefined ? undefined : { status: row.entry.status, attempts: row.entry.attempts };
    },
    activityIds: async () => t().activities.map((a) => a.id),
    invoiceRow: async (id) => {
      const row = t().invoices.get(id);
      return row === undefined ? undefined : { id: row.id, customerId: row.customerId, status: row.status };
    },
    customerIds: async () => [...t().customers.keys()],
    paymentIds: async () => [...t().payments.keys()],
    nextCheckAt: async (invoiceId) => t().schedules.get(invoiceId)?.nextCheckAt,
  };
}

runStorageConformance({
  name: 'memory',
  create: async (tenantId) => {
    const store = createMemoryStore();
    const storage = createMemoryStorage({ store, ...(tenantId !== undefined ? { tenantId } : {}) });
    return {
      storage,
      backdoor: memoryBackdoor(store, storage.tenantId),
      cleanup: async () => {},
      withTenant: async (other) => ({ storage: createMemoryStorage({ store, tenantId: other }), backdoor: memoryBackdoor(store, other) }),
    };
  },
  modelRuns: 100,
});
