/**
 * `createPgliteStorage`: the storage over PGlite, PostgreSQL embedded in the process.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import type { PGliteInterface } from '@electric-sql/pglite';
import { resolveCommonOptions, type CommonStorageOptions } from './options.js';
import { createPgliteDriver } from './pglite-driver.js';
import { createSqlStorage, type PostgresStorage } from './sql-storage.js';

/** Options of {@link createPgliteStorage}. */
export interface PgliteStorageOptions extends CommonStorageOptions {
  /** A PGlite instance, owned by the caller: `close()` never closes it. */
  readonly pglite: PGliteInterface;
}

/**
 * Creates a storage on PGlite: the embedded default, one process, no server. Durable when the
 * PGlite instance has a `dataDir`; in memory otherwise.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPgliteStorage } from '@dueflow/storage-postgres';
 *
 * const storage = createPgliteStorage({ pglite: new PGlite('./dueflow-data') });
 * await storage.init();
 * ```
 */
export function createPgliteStorage(options: PgliteStorageOptions): PostgresStorage {
  const pglite: unknown = options.pglite;
  if (typeof pglite !== 'object' || pglite === null || typeof (pglite as PGliteInterface).transaction !== 'function') {
    throw new ConfigError('pglite: expected a PGlite instance (an object with query() and transaction())');
  }
  const common = resolveCommonOptions('pglite storage options', options);
  const dataDir = (options.pglite as { dataDir?: unknown }).dataDir;
  return createSqlStorage(createPgliteDriver(options.pglite), {
    ...common,
    capabilities: { concurrentWorkers: false, durable: typeof dataDir === 'string' && !dataDir.startsWith('memory://') },
  });
}
