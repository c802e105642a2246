/**
 * The driver over a node-postgres pool.
 *
 * @module
 */
import type { Pool, PoolClient, QueryResult } from 'pg';
import { adapterError, type SqlDriver, type SqlExecutor, type SqlResult } from './driver.js';

function toResult(result: QueryResult): SqlResult {
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? result.rows.length };
}

async function run(client: Pool | PoolClient, sql: string, params: readonly unknown[] | undefined): Promise<SqlResult> {
  try {
    return toResult(await client.query(sql, params === undefined ? undefined : [...params]));
  } catch (cause) {
    throw adapterError(cause);
  }
}

/**
 * Wraps a `pg.Pool` (owned by the caller: never ended here).
 *
 * @example
 * ```ts
 * const driver = createPgDriver(new pg.Pool({ connectionString }));
 * await driver.transaction((tx) => tx.query('select 1'));
 * ```
 */
export function createPgDriver(pool: Pool): SqlDriver {
  return {
    kind: 'node-postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (cause) {
        throw adapterError(cause);
      }
      let broken: Error | undefined;
      // One connection runs one query at a time; callers may still issue several at once.
      let tail: Promise<unknown> = Promise.resolve();
      try {
        await run(client, 'BEGIN', undefined);
        const tx: SqlExecutor = {
          query: (sql, params) => {
            const next = tail.then(async () => {
              try {
                return await run(client, sql, params);
              } catch (error) {
                if (error instanceof Error && isConnectionError(error)) broken = error;
                throw error;
              }
            });
            tail = next.catch(() => undefined);
            return next;
          },
        };
        const value = await fn(tx);
        await run(client, 'COMMIT', undefined);
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot roll back must not go back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

function isConnectionError(error: Error): boolean {
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  // Class 08 is "connection exception"; 57P is "operator intervention" (server shutdown).
  return code.startsWith('08') || code.startsWith('57P');
}
