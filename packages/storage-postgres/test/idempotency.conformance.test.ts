import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { runIdempotencyConformance } from '@dueflow/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteDeliveryLog, createPgliteReplayStore, createPostgresDeliveryLog, createPostgresReplayStore } from '../src/index.js';
import { openServerPool, PG_URL, uniqueSchema } from './support.js';

const pglite = new PGlite();
afterAll(() => pglite.close());

const recordedKeys = (rows: () => Promise<Record<string, unknown>[]>) => async () => (await rows()).map((r) => r['key'] as string).sort();

runIdempotencyConformance({
  name: 'pglite',
  create: async () => {
    const schema = uniqueSchema('idem');
    const make = () => ({
      deliveryLog: createPgliteDeliveryLog({ pglite, schema, name: 'email' }),
      replayStore: createPgliteReplayStore({ pglite, schema }),
    });
    return {
      ...make(),
      sibling: async () => make(),
      recordedKeys: recordedKeys(
        async () => (await pglite.query<Record<string, unknown>>(`SELECT key FROM "${schema}".delivery_log`)).rows,
      ),
      cleanup: async () => {
        await pglite.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  },
});

describe('delivery log options', () => {
  it('refuses a log without a valid name, naming the field and the value', () => {
    expect(() => createPgliteDeliveryLog({ pglite, name: 'e mail' })).toThrow(/name.*e mail/s);
    expect(() => createPgliteDeliveryLog({ pglite, name: 'email', schema: 'Bad-Schema' })).toThrow(/schema.*Bad-Schema/s);
    expect(() => createPostgresDeliveryLog({ pool: {} as pg.Pool, name: 'email' })).toThrow(/pool: expected a pg.Pool/);
  });

  it("keeps one channel's records from another channel in the same schema", async () => {
    const schema = uniqueSchema('idem');
    const email = createPgliteDeliveryLog({ pglite, schema, name: 'email' });
    const twilio = createPgliteDeliveryLog({ pglite, schema, name: 'twilio' });
    await email.record({ key: 'acme/inv_1:n:1:1', providerId: '<m@x>', at: 1 });
    expect(await twilio.find('acme/inv_1:n:1:1')).toBeUndefined();
    await pglite.query(`DROP SCHEMA "${schema}" CASCADE`);
  });
});

const server = await openServerPool();
if ('skip' in server) {
  describe('idempotency conformance: postgres (server)', () => it.skip(server.skip, () => {}));
} else {
  const { pool } = server;
  const others: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(others.map((p) => p.end()));
    await pool.end();
  });
  runIdempotencyConformance({
    name: 'postgres (server)',
    create: async () => {
      const schema = uniqueSchema('idem');
      return {
        deliveryLog: createPostgresDeliveryLog({ pool, schema, name: 'email' }),
        replayStore: createPostgresReplayStore({ pool, schema }),
        // A second pool: another set of connections, as a second process would have.
        sibling: async () => {
          const other = new pg.Pool({ connectionString: PG_URL, max: 4 });
          others.push(other);
          return {
            deliveryLog: createPostgresDeliveryLog({ pool: other, schema, name: 'email' }),
            replayStore: createPostgresReplayStore({ pool: other, schema }),
          };
        },
        recordedKeys: recordedKeys(
          async () => (await pool.query(`SELECT key FROM "${schema}".delivery_log`)).rows as Record<string, unknown>[],
        ),
        cleanup: async () => {
          await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        },
      };
    },
  });
}
