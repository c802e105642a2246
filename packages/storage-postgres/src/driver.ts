/**
 * The tiny driver interface the storage runs on: parameterised queries and transactions. One
 * implementation wraps a node-postgres pool, one a PGlite instance; the SQL is shared.
 *
 * @module
 */
import { DueflowError } from '@dueflow/core';
import { AdapterError } from '@dueflow/runtime';

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

/** Where a database error happened, for {@link adapterError}. */
export interface AdapterErrorContext {
  /**
   * The client underneath, named in the message.
   * @default 'postgres'
   */
  readonly adapter?: 'postgres' | 'pglite';
  /**
   * What was being done.
   * @default 'query'
   */
  readonly operation?: string;
  /** Set when the connection is known to be lost (the client emitted `error`), whatever the cause says. */
  readonly connectionLost?: boolean;
}

/**
 * Wraps an error that came from the database in an `AdapterError` (code `ADAPTER`), keeping it
 * as `cause`, and marks it `retryable` when it is transient: a lost or refused connection, a
 * server shutting down or starting, a serialization failure or a deadlock. Errors thrown by
 * user code inside a transaction are not passed here; a `DueflowError` is returned unchanged.
 *
 * @example
 * ```ts
 * try { await pool.query(sql); } catch (e) { throw adapterError(e); }
 * ```
 */
export function adapterError(cause: unknown, context: AdapterErrorContext = {}): DueflowError {
  if (cause instanceof DueflowError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const adapter = context.adapter ?? 'postgres';
  return new AdapterError({
    adapter,
    kind: 'storage',
    operation: context.operation ?? 'query',
    cause,
    message: `${adapter === 'pglite' ? 'pglite' : 'postgres'}: ${message}`,
    retryable: context.connectionLost === true || isTransientError(cause),
  });
}

// SQLSTATE classes and codes worth retrying: 08 connection exception, 57P01-57P03 admin or
// crash shutdown and "cannot connect now", 40001 serialization failure, 40P01 deadlock, 53300
// too many connections.
const TRANSIENT_SQLSTATE = /^(08...|57P0[1-3]|40001|40P01|53300)$/;
// Node socket errors, and node-postgres's own messages for a connection that is gone.
const TRANSIENT_ERRNO = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGE = /connection terminated|not queryable|timeout exceeded when trying to connect|connection timeout/i;

/**
 * Whether a database error is transient: retrying the same work on a fresh connection may
 * succeed (a lost connection, a restarting server, a serialization failure, a deadlock).
 *
 * @example
 * ```ts
 * isTransientError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })); // true
 * isTransientError(Object.assign(new Error('syntax error'), { code: '42601' })); // false
 * ```
 */
export function isTransientError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AdapterError) return e.retryable;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_ERRNO.has(code))) return true;
    if (e instanceof Error && TRANSIENT_MESSAGE.test(e.message)) return true;
  }
  return false;
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
