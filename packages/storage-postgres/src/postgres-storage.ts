/**
 * `createPostgresStorage`: the storage over a node-postgres pool, for servers and many workers.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import type { Pool } from 'pg';
import { resolveCommonOptions, type CommonStorageOptions } from './options.js';
import { createPgDriver } from './pg-driver.js';
import { createSqlStorage, type PostgresStorage } from './sql-storage.js';

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions extends CommonStorageOptions {
  /** A node-postgres pool, owned by the caller: `close()` never ends it. */
  readonly pool: Pool;
}

/**
 * Creates a storage on a PostgreSQL server through a node-postgres pool. Many processes may run
 * the collection cycle against the same database at once (`capabilities.concurrentWorkers`).
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
  if (typeof pool !== 'object' || pool === null || typeof (pool as Pool).connect !== 'function' || typeof (pool as Pool).query !== 'function') {
    throw new ConfigError('pool: expected a pg.Pool (an object with connect() and query())');
  }
  const common = resolveCommonOptions('postgres storage options', options);
  return createSqlStorage(createPgDriver(options.pool), {
    ...common,
    capabilities: { concurrentWorkers: true, durable: true },
  });
}
