/**
 * In-memory delivery log and replay store: the reference implementations of the idempotency
 * ports, for one process (tests, scripts, a single worker).
 *
 * @module
 */
import type { DeliveryLog, DeliveryRecord, ReplayStore } from '../ports/idempotency.js';

/**
 * An in-memory {@link DeliveryLog}. It forgets everything when the process ends, so it only
 * keeps one process from sending a key twice; give channels a database-backed log
 * (`createPostgresDeliveryLog`) when several processes send.
 *
 * @example
 * ```ts
 * const log = createMemoryDeliveryLog();
 * await log.record({ key: 'acme/inv_1:overdue-14:1:1', providerId: '<a1@mail.acme.example>', at: Date.now() });
 * await log.find('acme/inv_1:overdue-14:1:1'); // { key, providerId, at }
 * ```
 */
export function createMemoryDeliveryLog(): DeliveryLog {
  const byKey = new Map<string, DeliveryRecord>();
  const byProviderId = new Map<string, string>();
  return {
    async record(input) {
      const record: DeliveryRecord = { key: input.key, providerId: input.providerId, at: input.at };
      let inserted = false;
      for (const key of [input.key, ...(input.memberKeys ?? [])]) {
        if (byKey.has(key)) continue;
        byKey.set(key, record);
        inserted = true;
      }
      if (inserted && !byProviderId.has(input.providerId)) byProviderId.set(input.providerId, input.key);
      return { ...byKey.get(input.key)! };
    },
    async find(key) {
      const record = byKey.get(key);
      return record === undefined ? undefined : { ...record };
    },
    async findKey(providerId) {
      return byProviderId.get(providerId);
    },
  };
}

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /**
   * Most ids kept at once; the entries closest to expiry are dropped first when it is reached.
   * @default 100_000
   */
  readonly maxEntries?: number;
}

/**
 * An in-memory {@link ReplayStore} with per-id expiry, for one process. Give receivers a shared
 * store (`createPostgresReplayStore`) when several processes receive webhooks.
 *
 * @example
 * ```ts
 * const replayStore = createMemoryReplayStore();
 * await replayStore.remember('msg_1', now + 600_000, now); // true
 * await replayStore.remember('msg_1', now + 600_000, now); // false: seen before
 * ```
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, number>();

  const sweep = (now: number): void => {
    for (const [id, expiresAt] of entries) if (expiresAt <= now) entries.delete(id);
    if (entries.size < maxEntries) return;
    const soonest = [...entries].sort((a, b) => a[1] - b[1]);
    for (const [id] of soonest.slice(0, entries.size - maxEntries + 1)) entries.delete(id);
  };

  return {
    async remember(id, expiresAt, now) {
      const known = entries.get(id);
      if (known !== undefined && known > now) return false;
      if (entries.size >= maxEntries) sweep(now);
      entries.set(id, expiresAt);
      return true;
    },
    async forget(id) {
      entries.delete(id);
    },
  };
}
