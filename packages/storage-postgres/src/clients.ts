/**
 * The clients the storage runs on, described by the members it uses.
 *
 * `pg` and `@electric-sql/pglite` are optional peer dependencies: a server installs only `pg`,
 * an embedded store only PGlite. These interfaces are what the storage's public types name, so
 * they compile whichever of the two is installed (and with neither): a `pg.Pool` and a PGlite
 * instance fit them as they are, and so does any client with the same members (a pool of a
 * `pg`-compatible driver, a test double).
 *
 * @module
 */

/** A query's result as node-postgres returns it. */
export interface PgQueryResultLike {
  readonly rows: readonly unknown[];
  /** Rows the statement inserted, updated, deleted or returned; `null` for some commands. */
  readonly rowCount: number | null;
}

/** A connection checked out of a {@link PgPoolLike}: `pg.PoolClient`. */
export interface PgPoolClientLike {
  query(sql: string, params?: unknown[]): Promise<PgQueryResultLike>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  /** Returns the connection to the pool, or destroys it when given an error. */
  release(error?: Error | boolean): void;
}

/**
 * A node-postgres pool: a `pg.Pool` fits, or any pool with the same members. It stays the
 * caller's: the storage never ends it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool: PgPoolLike = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PgPoolLike {
  query(sql: string, params?: unknown[]): Promise<PgQueryResultLike>;
  /** Checks a connection out, calling back once it is ready (the callback form of `pg.Pool`). */
  connect(callback: (error: Error | undefined, client: PgPoolClientLike | undefined) => void): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** A query's result as PGlite returns it. */
export interface PgliteResultsLike<T = unknown> {
  readonly rows: readonly T[];
  readonly rowCount?: number;
  readonly affectedRows?: number;
}

/** The transaction PGlite hands to a `transaction` callback. */
export interface PgliteTransactionLike {
  query(sql: string, params?: unknown[]): Promise<PgliteResultsLike>;
}

/**
 * A PGlite instance: `new PGlite()`, `PGlite.create()` or `openPgliteFolder(...).pglite` fit,
 * or any client with the same members. It stays the caller's: the storage never closes it.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const pglite: PgliteLike = new PGlite('./dueflow-data');
 * ```
 */
export interface PgliteLike {
  query(sql: string, params?: unknown[]): Promise<PgliteResultsLike>;
  transaction<T>(fn: (tx: PgliteTransactionLike) => Promise<T>): Promise<T>;
  /** The data directory PGlite was opened on (`undefined` in memory): the folder lock reads it. */
  readonly dataDir?: string | undefined;
  /** Whether PGlite has been closed: the folder lock reads it. */
  readonly closed?: boolean;
}

/**
 * The PGlite instance {@link openPgliteFolder} opened: a `PGlite` of `@electric-sql/pglite`,
 * typed by its everyday members so that this package's types do not depend on PGlite's (cast it
 * to `PGlite` to reach the rest).
 */
export interface OpenedPglite extends PgliteLike {
  /** One statement with `$1`-style parameters; `T` is the row type. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<PgliteResultsLike<T>>;
  /** Several statements without parameters, one result each. */
  exec(sql: string): Promise<readonly PgliteResultsLike<Record<string, unknown>>[]>;
  readonly closed: boolean;
  close(): Promise<void>;
}

/**
 * Options handed to `PGlite.create` by {@link openPgliteFolder}, every one but `dataDir`
 * (`relaxedDurability`, `extensions`, `debug`...; see PGlite's documentation). Typed loosely so
 * that this package's types do not depend on PGlite's.
 */
export type PgliteOpenOptions = Readonly<Record<string, unknown>>;
