/**
 * Opening the store the commands work on: PGlite in a local folder by default, or a PostgreSQL
 * server through node-postgres when a URL is given.
 *
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { createPgliteStorage, createPostgresStorage, openPgliteFolder, type PostgresStorage } from '@dueflow/storage-postgres';
import { DueflowError } from '@dueflow/core';
import { redactUrl } from '@dueflow/runtime/adapters';
import { UsageError } from './cli-error.js';

/** Where the data lives. */
export interface StorageOptions {
  /**
   * Folder of the embedded database and the outbox, relative to `cwd`.
   * @default '.dueflow'
   */
  readonly dataDir?: string;
  /** `postgres://user:pass@host:5432/db`: use this server instead of the embedded database. */
  readonly databaseUrl?: string;
  /**
   * Tenant the commands read and write.
   * @default 'default'
   */
  readonly tenantId?: string;
  /** Directory relative paths resolve against. */
  readonly cwd: string;
}

/** An open store, with what the commands need next to it. */
export interface OpenedStorage {
  readonly storage: PostgresStorage;
  /** `pglite` (embedded, in `dataDir`) or `postgres` (a server). */
  readonly kind: 'pglite' | 'postgres';
  /** Absolute path of the data folder (the outbox lives in it, whichever database is used). */
  readonly dataDir: string;
  /** Where the database is, for messages: a folder, or the URL without its password. */
  readonly location: string;
  /** Closes the storage and the database connection. */
  close(): Promise<void>;
}

/**
 * Checks a `postgres://` URL and returns it with the password hidden, for messages. Throws a
 * {@link UsageError} naming the option and what is wrong when it is not a PostgreSQL URL; the
 * value is shown with its password hidden, whether it parses or not.
 *
 * @example
 * ```ts
 * checkDatabaseUrl('postgres://app:secret@db:5432/ar'); // 'postgres://app:***@db:5432/ar'
 * ```
 */
export function checkDatabaseUrl(url: string): string {
  const field = '--database-url (or DUEFLOW_DATABASE_URL)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `${field}: ${JSON.stringify(redactUrl(url))} is not a URL (a bad port, host or character?); expected postgres://user:password@host:5432/database`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`${field}: expected a postgres:// or postgresql:// URL, got the scheme "${parsed.protocol.replace(/:$/, '')}"`);
  }
  try {
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    throw new UsageError(
      `${field}: the user or password has a "%" not followed by two hex digits; percent-encode special characters (% as %25, @ as %40)`,
    );
  }
  if (parsed.password !== '') parsed.password = '***';
  if (parsed.hostname === '') throw new UsageError(`${field}: ${JSON.stringify(parsed.toString())} names no host`);
  return parsed.toString();
}

/**
 * Resolves the data folder against `cwd`.
 *
 * @example
 * ```ts
 * dataDirOf({ cwd: '/srv/ar' }); // '/srv/ar/.dueflow'
 * ```
 */
export function dataDirOf(options: Pick<StorageOptions, 'dataDir' | 'cwd'>): string {
  const dir = options.dataDir ?? '.dueflow';
  return isAbsolute(dir) ? dir : resolve(options.cwd, dir);
}

/**
 * Opens (and migrates) the store: PGlite in `<dataDir>/db` unless `databaseUrl` is given.
 * The data persists between runs in both cases. The embedded folder is locked for this process
 * until `close()` (or exit); while another process holds it this throws a `StoreLockedError`
 * (code `STORE_LOCKED`) naming that process.
 *
 * @example
 * ```ts
 * const opened = await openStorage({ cwd: process.cwd() });
 * try { console.log((await opened.storage.listInvoices({ limit: 5 })).length); }
 * finally { await opened.close(); }
 * ```
 */
export async function openStorage(options: StorageOptions): Promise<OpenedStorage> {
  const dataDir = dataDirOf(options);
  const tenantId = options.tenantId ?? 'default';
  if (options.databaseUrl !== undefined) {
    const location = checkDatabaseUrl(options.databaseUrl);
    // Loaded only when a server is used, so the embedded default never pays for it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    // An unreachable server surfaces on the first query; an idle-client error must not crash the process.
    pool.on('error', () => undefined);
    const storage = createPostgresStorage({ pool, tenantId });
    try {
      await storage.init();
    } catch (error) {
      await pool.end().catch(() => undefined);
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new DueflowError('ADAPTER', `--database-url: cannot use the database at ${location}: ${reason}`, { cause: error });
    }
    return {
      storage,
      kind: 'postgres',
      dataDir,
      location,
      close: async () => {
        await storage.close();
        await pool.end();
      },
    };
  }
  const dbDir = join(dataDir, 'db');
  try {
    await mkdir(dbDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--data-dir: cannot create ${dbDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  // Locked before PGlite opens it: a second process is refused (STORE_LOCKED, naming the
  // holder) with nothing opened or written.
  const folder = await openPgliteFolder(dbDir);
  let storage: PostgresStorage;
  try {
    storage = createPgliteStorage({ pglite: folder.pglite, tenantId });
    await storage.init();
  } catch (error) {
    await folder.close().catch(() => undefined);
    throw error;
  }
  return {
    storage,
    kind: 'pglite',
    dataDir,
    location: dbDir,
    close: async () => {
      try {
        await storage.close();
      } finally {
        await folder.close();
      }
    },
  };
}
