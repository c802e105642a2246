/**
 * The idempotency ports on PostgreSQL and PGlite: a delivery log per channel and a replay store
 * per receiver, in the storage's schema (created by its migrations), on the pool or PGlite
 * instance the storage uses.
 *
 * @module
 */
import { ConfigError, ValidationError } from '@dueflow/core';
import type { DeliveryLog, DeliveryRecord, ReplayStore } from '@dueflow/runtime/ports';
import type { PgliteLike, PgPoolLike } from './clients.js';
import { toNumber, type SqlDriver } from './driver.js';
import { migrate, quoteSchema } from './migrations.js';
import { resolveCommonOptions } from './options.js';
import { createPgDriver } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';
import { instant } from './rows.js';

/** Options shared by the delivery-log and replay-store factories. */
export interface IdempotencyStateOptions {
  /**
   * PostgreSQL schema of the tables: the storage's schema, so its migrations create them.
   * @default 'dueflow'
   */
  readonly schema?: string;
}

/** Options of {@link createPostgresDeliveryLog} and {@link createPgliteDeliveryLog}. */
export interface DeliveryLogOptions extends IdempotencyStateOptions {
  /**
   * The log's name, one per channel (`email`, `twilio`): a key another channel accepted is not
   * taken for sent by this one.
   */
  readonly name: string;
}

/** Options of {@link createPostgresReplayStore} and {@link createPgliteReplayStore}. */
export interface ReplayStoreOptions extends IdempotencyStateOptions {
  /**
   * The store's name, one per receiver whose ids could collide.
   * @default 'default'
   */
  readonly name?: string;
}

const NAME = /^[A-Za-z0-9._:-]{1,100}$/;

function checkedName(subject: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw new ValidationError(subject, [
      { path: ['name'], field: 'name', message: 'expected 1 to 100 letters, digits, ".", "_", ":" or "-" such as email', value },
    ]);
  }
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(field, [{ path: [field], field, message: 'expected a non-empty string', value }]);
  return value;
}

function poolDriver(subject: string, pool: unknown): SqlDriver {
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof (pool as PgPoolLike).connect !== 'function' ||
    typeof (pool as PgPoolLike).query !== 'function'
  ) {
    throw new ConfigError(`${subject}: pool: expected a pg.Pool (an object with connect() and query())`);
  }
  return createPgDriver(pool as PgPoolLike);
}

function pgliteDriver(subject: string, pglite: unknown): SqlDriver {
  if (typeof pglite !== 'object' || pglite === null || typeof (pglite as PgliteLike).transaction !== 'function') {
    throw new ConfigError(`${subject}: pglite: expected a PGlite instance (an object with query() and transaction())`);
  }
  return createPgliteDriver(pglite as PgliteLike);
}

/** Runs the schema's migrations once per instance, before the first statement. */
function migrated(driver: SqlDriver, schema: string): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= migrate(driver, schema).then(
      () => undefined,
      (error: unknown) => {
        ready = undefined;
        throw error;
      },
    );
    return ready;
  };
}

function sqlDeliveryLog(driver: SqlDriver, subject: string, options: DeliveryLogOptions): DeliveryLog {
  const name = checkedName(subject, options.name);
  const schema = resolveCommonOptions(subject, { schema: options.schema ?? 'dueflow' }).schema;
  const s = quoteSchema(schema);
  const ready = migrated(driver, schema);
  // Keys are inserted in sorted order so two writers of overlapping keys never deadlock.
  const insert = `
    INSERT INTO ${s}.delivery_log (log, key, message_key, provider_id, at)
    SELECT $1, k, $3, $4, $5 FROM (SELECT DISTINCT k FROM unnest($2::text[]) AS u(k)) AS d ORDER BY k
    ON CONFLICT (log, key) DO NOTHING`;
  const select = `SELECT message_key, provider_id, at FROM ${s}.delivery_log WHERE log = $1 AND key = $2`;
  const read = (row: Record<string, unknown> | undefined): DeliveryRecord | undefined =>
    row === undefined
      ? undefined
      : { key: row['message_key'] as string, providerId: row['provider_id'] as string, at: toNumber(row['at']) };

  return {
    async record(input) {
      const key = text(input.key, 'key');
      const providerId = text(input.providerId, 'providerId');
      const at = instant(input.at, 'at');
      const members = (input.memberKeys ?? []).map((m, i) => text(m, `memberKeys[${i}]`));
      await ready();
      await driver.query(insert, [name, [key, ...members], key, providerId, at]);
      const record = read((await driver.query(select, [name, key])).rows[0]);
      // The row cannot vanish: records are never deleted.
      if (record === undefined) throw new ConfigError(`${subject}: the record of ${JSON.stringify(key)} is missing after it was written`);
      return record;
    },
    async find(key) {
      await ready();
      return read((await driver.query(select, [name, key])).rows[0]);
    },
    async findKey(providerId) {
      await ready();
      const r = await driver.query(
        `SELECT message_key FROM ${s}.delivery_log WHERE log = $1 AND provider_id = $2 ORDER BY at, key LIMIT 1`,
        [name, providerId],
      );
      return r.rows[0]?.['message_key'] as string | undefined;
    },
  };
}

/** Expired ids are swept once every this many `remember` calls of an instance. */
const SWEEP_EVERY = 500;

function sqlReplayStore(driver: SqlDriver, subject: string, options: ReplayStoreOptions): ReplayStore {
  const name = checkedName(subject, options.name ?? 'default');
  const schema = resolveCommonOptions(subject, { schema: options.schema ?? 'dueflow' }).schema;
  const s = quoteSchema(schema);
  const ready = migrated(driver, schema);
  let calls = 0;
  return {
    async remember(id, expiresAt, now) {
      const at = instant(now, 'now');
      await ready();
      if (++calls % SWEEP_EVERY === 0) await driver.query(`DELETE FROM ${s}.replay_ids WHERE store = $1 AND expires_at <= $2`, [name, at]);
      const r = await driver.query(
        `INSERT INTO ${s}.replay_ids AS r (store, id, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (store, id) DO UPDATE SET expires_at = excluded.expires_at WHERE r.expires_at <= $4
         RETURNING id`,
        [name, text(id, 'id'), instant(expiresAt, 'expiresAt'), at],
      );
      return r.rowCount > 0;
    },
    async forget(id) {
      await ready();
      await driver.query(`DELETE FROM ${s}.replay_ids WHERE store = $1 AND id = $2`, [name, id]);
    },
  };
}

/**
 * A {@link DeliveryLog} on a PostgreSQL server, shared by every process sending through the
 * channel it is named after. Pass it to the email or Twilio channel as `deliveryLog`.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const email = createEmailChannel({ transport, from, domain, deliveryLog: createPostgresDeliveryLog({ pool, name: 'email' }) });
 * ```
 */
export function createPostgresDeliveryLog(options: DeliveryLogOptions & { readonly pool: PgPoolLike }): DeliveryLog {
  const subject = 'postgres delivery log options';
  return sqlDeliveryLog(poolDriver(subject, options.pool), subject, options);
}

/**
 * A {@link DeliveryLog} on PGlite (the embedded store's database), for one process that must
 * remember its sends across restarts. Share the storage's PGlite instance, opened with
 * `openPgliteFolder` so the folder is locked against a second process.
 *
 * @example
 * ```ts
 * const folder = await openPgliteFolder('./dueflow-data');
 * const twilio = createTwilioChannel({ ...options, deliveryLog: createPgliteDeliveryLog({ pglite: folder.pglite, name: 'twilio' }) });
 * ```
 */
export function createPgliteDeliveryLog(options: DeliveryLogOptions & { readonly pglite: PgliteLike }): DeliveryLog {
  const subject = 'pglite delivery log options';
  return sqlDeliveryLog(pgliteDriver(subject, options.pglite), subject, options);
}

/**
 * A {@link ReplayStore} on a PostgreSQL server, shared by every process receiving webhooks.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ channels, onEvents, dedupe: createPostgresReplayStore({ pool }) });
 * ```
 */
export function createPostgresReplayStore(options: ReplayStoreOptions & { readonly pool: PgPoolLike }): ReplayStore {
  const subject = 'postgres replay store options';
  return sqlReplayStore(poolDriver(subject, options.pool), subject, options);
}

/**
 * A {@link ReplayStore} on PGlite, for one receiving process that must remember ids across restarts.
 *
 * @example
 * ```ts
 * const folder = await openPgliteFolder('./dueflow-data');
 * const replayStore = createPgliteReplayStore({ pglite: folder.pglite, name: 'crm-callbacks' });
 * ```
 */
export function createPgliteReplayStore(options: ReplayStoreOptions & { readonly pglite: PgliteLike }): ReplayStore {
  const subject = 'pglite replay store options';
  return sqlReplayStore(pgliteDriver(subject, options.pglite), subject, options);
}
