/**
 * The conformance kit of the idempotency-state ports (`DeliveryLog`, `ReplayStore`): every
 * implementation runs it against itself, on the real store (a database, Redis), never a mock.
 *
 * @module
 */
import { afterEach, describe, expect, it } from './vitest.js';
import type { DeliveryLog, ReplayStore } from '@dueflow/runtime/ports';

/** A fresh delivery log and replay store for one test. */
export interface IdempotencyFixture {
  readonly deliveryLog: DeliveryLog;
  readonly replayStore: ReplayStore;
  /**
   * Another handle on the same store (a second pool, a second client), as a second process
   * would have: what one records, the other finds.
   */
  readonly sibling?: () => Promise<{ readonly deliveryLog: DeliveryLog; readonly replayStore: ReplayStore }>;
  /** Reads the delivery keys recorded, straight from the store (the back door), sorted. */
  readonly recordedKeys?: () => Promise<string[]>;
  /** Drops what the test created. */
  cleanup(): Promise<void>;
}

/** Options of {@link runIdempotencyConformance}. */
export interface IdempotencyConformanceOptions {
  /** Implementation name, shown in test titles. */
  readonly name: string;
  /** Creates an empty log and store for one test. */
  create(): Promise<IdempotencyFixture>;
}

const AT = Date.parse('2025-03-10T10:00:00Z');

/**
 * Runs the idempotency-port rules against an implementation: first writer wins (also when two
 * handles record at once), member keys answer with their message's record, keys are kept
 * byte for byte, replay ids expire and can be forgotten.
 *
 * @example
 * ```ts
 * runIdempotencyConformance({
 *   name: 'redis',
 *   create: async () => ({ deliveryLog: createRedisDeliveryLog(redis, 'email'), replayStore: createRedisReplayStore(redis), cleanup: () => redis.flushdb() }),
 * });
 * ```
 */
export function runIdempotencyConformance(options: IdempotencyConformanceOptions): void {
  describe(`idempotency conformance: ${options.name}`, () => {
    let fixture: IdempotencyFixture | undefined;
    const fresh = async (): Promise<IdempotencyFixture> => {
      fixture = await options.create();
      return fixture;
    };
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    describe('DeliveryLog', () => {
      it('finds nothing before a record, and the record after it, by key and by provider id', async () => {
        const { deliveryLog } = await fresh();
        expect(await deliveryLog.find('acme/inv_1:n:1:1')).toBeUndefined();
        expect(await deliveryLog.findKey('<p1@mail.example>')).toBeUndefined();
        const record = await deliveryLog.record({ key: 'acme/inv_1:n:1:1', providerId: '<p1@mail.example>', at: AT });
        expect(record).toEqual({ key: 'acme/inv_1:n:1:1', providerId: '<p1@mail.example>', at: AT });
        expect(await deliveryLog.find('acme/inv_1:n:1:1')).toEqual(record);
        expect(await deliveryLog.findKey('<p1@mail.example>')).toBe('acme/inv_1:n:1:1');
      });

      it('keeps the first record of a key: a second record resolves the first', async () => {
        const { deliveryLog } = await fresh();
        await deliveryLog.record({ key: 'k', providerId: 'first', at: AT });
        const second = await deliveryLog.record({ key: 'k', providerId: 'second', at: AT + 1000 });
        expect(second).toEqual({ key: 'k', providerId: 'first', at: AT });
        expect(await deliveryLog.find('k')).toEqual({ key: 'k', providerId: 'first', at: AT });
      });

      it('answers a member key of a consolidated message with the message record', async () => {
        const { deliveryLog, recordedKeys } = await fresh();
        const key = 'acme/group:acme-inv_1:n:1:1|acme-inv_2:n:1:1';
        await deliveryLog.record({ key, memberKeys: ['acme/inv_1:n:1:1', 'acme/inv_2:n:1:1'], providerId: 'SM1', at: AT });
        expect(await deliveryLog.find('acme/inv_2:n:1:1')).toEqual({ key, providerId: 'SM1', at: AT });
        expect(await deliveryLog.find('acme/inv_3:n:1:1')).toBeUndefined();
        expect(await deliveryLog.findKey('SM1')).toBe(key);
        if (recordedKeys !== undefined) expect(await recordedKeys()).toEqual([key, 'acme/inv_1:n:1:1', 'acme/inv_2:n:1:1'].sort());
      });

      it('keeps keys byte for byte: case, spaces, slashes and non-ASCII differ', async () => {
        const { deliveryLog } = await fresh();
        const keys = ['a/Inv 1', 'a/inv 1', 'b/inv 1', 'a/inv\u00e9', 'a/inv\u0065\u0301', ` a/x `, 'x'.repeat(1000)];
        for (const [i, key] of keys.entries()) await deliveryLog.record({ key, providerId: `p${i}`, at: AT + i });
        for (const [i, key] of keys.entries()) expect((await deliveryLog.find(key))?.providerId).toBe(`p${i}`);
        expect(await deliveryLog.find('a/x')).toBeUndefined();
      });

      it('leaves one record when many writers record one key at once, and every writer learns which', async () => {
        const { deliveryLog, sibling } = await fresh();
        const other = sibling === undefined ? deliveryLog : (await sibling()).deliveryLog;
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 === 0 ? deliveryLog : other).record({ key: 'race', memberKeys: ['race-member'], providerId: `p${i}`, at: AT + i }),
          ),
        );
        const winner = await deliveryLog.find('race');
        expect(winner).toBeDefined();
        for (const result of results) expect(result).toEqual(winner);
        expect(await other.find('race-member')).toEqual(winner);
      });

      it('is shared: what one handle records, another finds', async () => {
        const { deliveryLog, sibling } = await fresh();
        const other = sibling === undefined ? deliveryLog : (await sibling()).deliveryLog;
        await deliveryLog.record({ key: 'shared', providerId: 'p', at: AT });
        expect(await other.find('shared')).toEqual({ key: 'shared', providerId: 'p', at: AT });
        expect(await other.findKey('p')).toBe('shared');
      });
    });

    describe('ReplayStore', () => {
      it('remembers an id until its expiry, then accepts it again', async () => {
        const { replayStore } = await fresh();
        expect(await replayStore.remember('id-1', AT + 1000, AT)).toBe(true);
        expect(await replayStore.remember('id-1', AT + 5000, AT + 999)).toBe(false);
        expect(await replayStore.remember('id-2', AT + 1000, AT)).toBe(true);
        expect(await replayStore.remember('id-1', AT + 5000, AT + 1000)).toBe(true);
        expect(await replayStore.remember('id-1', AT + 6000, AT + 4000)).toBe(false);
      });

      it('forgets an id at once, so a failed delivery can be processed again', async () => {
        const { replayStore } = await fresh();
        expect(await replayStore.remember('id', AT + 60_000, AT)).toBe(true);
        await replayStore.forget('id');
        expect(await replayStore.remember('id', AT + 60_000, AT)).toBe(true);
        await replayStore.forget('never-seen');
      });

      it('lets exactly one of many concurrent receivers remember an id', async () => {
        const { replayStore, sibling } = await fresh();
        const other = sibling === undefined ? replayStore : (await sibling()).replayStore;
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? replayStore : other).remember('once', AT + 60_000, AT)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
