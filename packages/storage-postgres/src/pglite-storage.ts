/**
 * `createPgliteStorage`: the storage over PGlite, PostgreSQL embedded in the process.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';
import type { PgliteLike } from './clients.js';
import { resolveCommonOptions, type CommonStorageOptions } from './options.js';
import { createPgliteDriver } from './pglite-driver.js';
import { useFolderForStorage, type openPgliteFolder } from './pglite-folder.js';
import { createSqlStorage, type PostgresStorage } from './sql-storage.js';

/** Options of {@link createPgliteStorage}. */
export interface PgliteStorageOptions extends CommonStorageOptions {
  /** A PGlite instance, owned by the caller: `close()` never closes it. */
  readonly pglite: PgliteLike;
}

/**
 * Creates a storage on PGlite: the embedded default, one process, no server. Durable when the
 * PGlite instance has a `dataDir`; in memory otherwise.
 *
 * A folder is for one process at a time: open it with {@link openPgliteFolder}, which locks it
 * before PGlite touches it. Given a PGlite instance on a folder this process has not locked,
 * this function locks it itself (released once both the storage and PGlite are closed, or when
 * the process exits). Either way it throws a `StoreLockedError` (code `STORE_LOCKED`, naming the
 * holder) when another process, or another open PGlite instance of this one, has the folder.
 *
 * @example
 * ```ts
 * import { createPgliteStorage, openPgliteFolder } from '@dueflow/storage-postgres';
 *
 * const folder = await openPgliteFolder('./dueflow-data');
 * const storage = createPgliteStorage({ pglite: folder.pglite });
 * await storage.init();
 * // ... on shutdown
 * await storage.close();
 * await folder.close();
 * ```
 */
export function createPgliteStorage(options: PgliteStorageOptions): PostgresStorage {
  const pglite: unknown = options.pglite;
  if (typeof pglite !== 'object' || pglite === null || typeof (pglite as PgliteLike).transaction !== 'function') {
    throw new ConfigError('pglite: expected a PGlite instance (an object with query() and transaction())');
  }
  const common = resolveCommonOptions('pglite storage options', options);
  // Before anything is read or written: a folder has one process at a time.
  const leave = useFolderForStorage(options.pglite);
  return createSqlStorage(createPgliteDriver(options.pglite), {
    ...common,
    capabilities: { concurrentWorkers: true },
    onClose: async () => leave(),
  });
}
