export { createPostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export { createPgliteStorage, type PgliteStorageOptions } from './pglite-storage.js';
export { openPgliteFolder, lockPgliteFolder, pgliteFolderOf, type PgliteFolder, type PgliteFolderLock } from './pglite-folder.js';
export { StoreLockedError, LOCK_FILE_NAME, type FolderLockHolder } from './folder-lock.js';
export type { CommonStorageOptions } from './options.js';
export type { PostgresStorage, ImportOptions, ImportResult } from './sql-storage.js';
export { MIGRATIONS, type Migration, type MigrateResult } from './migrations.js';
export {
  createPostgresDeliveryLog,
  createPgliteDeliveryLog,
  createPostgresReplayStore,
  createPgliteReplayStore,
  type DeliveryLogOptions,
  type ReplayStoreOptions,
  type IdempotencyStateOptions,
} from './idempotency-state.js';
export type {
  PgPoolLike,
  PgPoolClientLike,
  PgQueryResultLike,
  PgliteLike,
  PgliteTransactionLike,
  PgliteResultsLike,
  OpenedPglite,
  PgliteOpenOptions,
} from './clients.js';
