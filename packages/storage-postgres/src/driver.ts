/**
 * The tiny driver interface the storage runs on: parameterised queries and transactions. One
 * implementation wraps a node-postgres pool, one a PGlite instance; the SQL is shared.
 *
 * @module
 */
import { DueflowError } from '@dueflow/core';

/** Rows returned by a query, as the client parsed them. */
export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows the statement inserted, updated, deleted or returned. */
  readonly rowCount: number;
}

/** Runs one parameterised statement. */
export interface SqlExecutor {
  query(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
}

/** What the storage needs from a PostgreSQL client: queries and transactions. */
export interface SqlDriver extends SqlExecutor {
  /** Which client is underneath, for diagnostics. */
  readonly kind: 'node-postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * Wraps an error that came from the database in a `DueflowError` with code `ADAPTER`, keeping
 * it as `cause` (errors thrown by user code inside a transaction are not passed here).
 *
 * @example
 * ```ts
 * try { await pool.query(sql); } catch (e) { throw adapterError(e); }
 * ```
 */
export function adapterError(cause: unknown): DueflowError {
  if (cause instanceof DueflowError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new DueflowError('ADAPTER', `postgres: ${message}`, { cause });
}

/**
 * Reads a count or an epoch-ms column whatever the client returned (number, string or bigint).
 *
 * @example
 * ```ts
 * toNumber('1741600800000'); // 1741600800000
 * ```
 */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new DueflowError('ADAPTER', `postgres: expected a number, got ${typeof value}`);
}

/**
 * Like {@link toNumber}, keeping SQL `NULL` as `null`.
 *
 * @example
 * ```ts
 * toNullableNumber(null); // null
 * ```
 */
export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}
