/**
 * The driver over a PGlite instance (embedded PostgreSQL in WebAssembly).
 *
 * @module
 */
import type { PgliteLike, PgliteResultsLike, PgliteTransactionLike } from './clients.js';
import { adapterError, type SqlDriver, type SqlExecutor, type SqlResult } from './driver.js';

function toResult(result: PgliteResultsLike): SqlResult {
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}

async function run(client: PgliteLike | PgliteTransactionLike, sql: string, params: readonly unknown[] | undefined): Promise<SqlResult> {
  try {
    return toResult(await client.query(sql, params === undefined ? [] : [...params]));
  } catch (cause) {
    throw adapterError(cause, { adapter: 'pglite' });
  }
}

/**
 * Wraps a PGlite instance (owned by the caller: never closed here). PGlite has one connection;
 * its own mutex serialises transactions.
 *
 * @example
 * ```ts
 * const driver = createPgliteDriver(new PGlite());
 * await driver.transaction((tx) => tx.query('select 1'));
 * ```
 */
export function createPgliteDriver(pglite: PgliteLike): SqlDriver {
  return {
    kind: 'pglite',
    query: (sql, params) => run(pglite, sql, params),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return pglite.transaction((t) => fn({ query: (sql, params) => run(t, sql, params) }));
    },
  };
}
