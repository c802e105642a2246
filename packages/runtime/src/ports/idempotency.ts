/**
 * # The idempotency-state ports: how to write a delivery log or a replay store
 *
 * Two tiny ports keep what makes sending and receiving happen once when several processes share
 * the work. Both are written for a database (or Redis) that all workers reach; the in-memory
 * implementations (`createMemoryDeliveryLog`, `createMemoryReplayStore` in `@dueflow/runtime`)
 * only cover one process, and `@dueflow/storage-postgres` ships PostgreSQL and PGlite ones
 * (`createPostgresDeliveryLog`, `createPgliteDeliveryLog`, `createPostgresReplayStore`,
 * `createPgliteReplayStore`).
 *
 * - {@link DeliveryLog}: what a provider accepted, by delivery key. A channel whose provider has
 *   no idempotency key of its own (SMTP, Twilio) checks it before sending and records each
 *   acceptance, so a key is not sent twice and `lookup(key)` answers after a crash, in any
 *   process. Records are permanent: a bounce may arrive weeks later.
 * - {@link ReplayStore}: ids of inbound deliveries seen recently, each until an expiry. A webhook
 *   receiver remembers an id before processing and forgets it when processing failed, so the
 *   provider's retry is processed. Ids expire; nothing else is kept.
 *
 * They are two ports because their records live differently: a delivery record must never be
 * forgotten or expire (that would reopen the door to a second send), while a replay id must.
 *
 * ```ts
 * import type { DeliveryLog, DeliveryRecord } from '@dueflow/runtime/ports';
 *
 * export function createRedisDeliveryLog(redis: Redis, name: string): DeliveryLog {
 *   const k = (key: string) => `dueflow:${name}:sent:${key}`;
 *   return {
 *     async record({ key, memberKeys = [], providerId, at }) {
 *       const record: DeliveryRecord = { key, providerId, at };
 *       for (const each of [key, ...memberKeys]) await redis.set(k(each), JSON.stringify(record), 'NX');
 *       await redis.set(`dueflow:${name}:provider:${providerId}`, key, 'NX');
 *       return JSON.parse((await redis.get(k(key)))!) as DeliveryRecord;
 *     },
 *     find: async (key) => { const v = await redis.get(k(key)); return v === null ? undefined : (JSON.parse(v) as DeliveryRecord); },
 *     findKey: async (providerId) => (await redis.get(`dueflow:${name}:provider:${providerId}`)) ?? undefined,
 *   };
 * }
 * ```
 *
 * ## Rules (`runIdempotencyConformance` in `@dueflow/testing` checks them)
 *
 * 1. **First writer wins, atomically.** `record` and `remember` are insert-if-absent operations
 *    of the store itself (a unique key, `SET NX`), never a read followed by a write: two
 *    processes recording the same key at once leave one record, and both learn which.
 * 2. **Keys are opaque and already scoped.** The runtime hands channels tenant-scoped delivery
 *    keys (`deliveryKey(tenantId, key)`), so one log may serve every tenant. Store them as they
 *    are (case-sensitive, any characters, up to 1,000 of them); never trim or lower-case them.
 * 3. **A delivery record is permanent.** Nothing expires or deletes it; a member key recorded
 *    with a consolidated message answers `find` with that message's key and provider id.
 * 4. **A replay id is remembered until its expiry, and no longer.** `remember` of an id whose
 *    expiry has passed at `now` succeeds again; `forget` removes it at once.
 * 5. **Time comes from the caller**, as epoch milliseconds.
 * 6. **Errors surface.** A store that cannot answer throws (the runtime retries the entry);
 *    it never answers "not found" when it does not know.
 *
 * @module
 */

/** What a provider accepted under one key. */
export interface DeliveryRecord {
  /** The key the message was sent under (for a member key: its consolidated message's key). */
  readonly key: string;
  /** The provider's id of the accepted message (a Message-ID, a Twilio SID). */
  readonly providerId: string;
  /** When the provider accepted it (epoch ms). */
  readonly at: number;
}

/** The durable record of what providers accepted, shared by every process sending through one channel. */
export interface DeliveryLog {
  /**
   * Records that the provider accepted a message under `key` (and, for a consolidated message,
   * under each of `memberKeys`, the keys of the entries it carried). A key recorded before keeps
   * its first record. Resolves the record `key` holds afterwards: this one, or the earlier one
   * when another writer was first.
   */
  record(input: {
    readonly key: string;
    readonly memberKeys?: readonly string[];
    readonly providerId: string;
    readonly at: number;
  }): Promise<DeliveryRecord>;
  /** The record of a message key or a member key, or `undefined` when nothing was accepted under it. */
  find(key: string): Promise<DeliveryRecord | undefined>;
  /** The message key the provider knows by `providerId` (routes bounces and delivery reports back). */
  findKey(providerId: string): Promise<string | undefined>;
}

/**
 * Remembers ids of inbound deliveries already accepted, each until an expiry instant, so a
 * repeated or replayed delivery is recognised by every process receiving webhooks.
 */
export interface ReplayStore {
  /**
   * Atomically records `id` until `expiresAt` (epoch ms). Resolves `true` when the id was new
   * (or its earlier expiry had passed at `now`), `false` when it is still remembered.
   */
  remember(id: string, expiresAt: number, now: number): Promise<boolean>;
  /** Forgets `id`, so a delivery whose processing failed can be retried by the provider. */
  forget(id: string): Promise<void>;
}
