/**
 * Replay stores: remember delivery ids for a while so a repeated delivery is recognised.
 *
 * @module
 */

/**
 * Remembers ids of deliveries already accepted, each until an expiry instant. Used by
 * {@link verifyWebhook} (a replayed `webhook-id` is refused) and by the inbound webhook handler
 * (a repeated provider delivery is acknowledged without being processed twice).
 *
 * Back it with Redis (`SET id 1 NX PXAT expiresAt`) or a database unique key when several
 * processes receive webhooks; the in-memory store only protects one process.
 */
export interface ReplayStore {
  /**
   * Atomically records `id` until `expiresAt` (epoch ms). Resolves `true` when the id was new,
   * `false` when it was already recorded and has not expired at `now`.
   */
  remember(id: string, expiresAt: number, now: number): Promise<boolean>;
  /** Forgets `id`, so a delivery whose processing failed can be retried by the provider. */
  forget(id: string): Promise<void>;
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
 * An in-memory {@link ReplayStore} with per-id expiry, for one process.
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
