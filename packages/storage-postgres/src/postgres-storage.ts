/**
 * `createPostgresStorage`: the storage over a node-postgres pool, for servers and many workers.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import type { PgPoolLike } from './clients.js';
import { resolveCommonOptions, type CommonStorageOptions } from './options.js';
import { createPgDriver, watchPoolErrors } from './pg-driver.js';
import { createSqlStorage, type PostgresStorage } from './sql-storage.js';

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions extends CommonStorageOptions {
  /** A node-postgres pool (`pg.Pool`), owned by the caller: `close()` never ends it. */
  readonly pool: PgPoolLike;
}

/**
 * Creates a storage on a PostgreSQL server through a node-postgres pool. Many processes may run
 * the collection cycle against the same database at once (`capabilities.concurrentWorkers`).
 *
 * A lost connection (a failover, a restart, `pg_terminate_backend`) fails only the call that was
 * using it, with an `AdapterError` whose `retryable` is `true`; the next call gets a fresh
 * connection. Until `close()`, the storage keeps a no-op `error` listener on the pool so that a
 * connection lost while idle in the pool cannot end the process; add your own to log them.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStorage } from '@dueflow/storage-postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const storage = createPostgresStorage({ pool, tenantId: 'acme' });
 * await storage.init(); // runs pending migrations
 * ```
 */
export function createPostgresStorage(options: PostgresStorageOptions): PostgresStorage {
  const pool: unknown = options.pool;
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof (pool as PgPoolLike).connect !== 'function' ||
    typeof (pool as PgPoolLike).query !== 'function'
  ) {
    throw new ConfigError('pool: expected a pg.Pool (an object with connect() and query())');
  }
  const common = resolveCommonOptions('postgres storage options', options);
  // An idle pooled connection that is lost must not end the process (see watchPoolErrors).
  const unwatch = watchPoolErrors(options.pool);
  return createSqlStorage(createPgDriver(options.pool), {
    ...common,
    capabilities: { concurrentWorkers: true },
    onClose: async () => unwatch(),
  });
}
