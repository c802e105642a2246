/**
 * The driver over a node-postgres pool.
 *
 * @module
 */
import type { PgPoolClientLike, PgPoolLike, PgQueryResultLike } from './clients.js';
import { adapterError, type SqlDriver, type SqlExecutor, type SqlResult } from './driver.js';

function toResult(result: PgQueryResultLike): SqlResult {
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? result.rows.length };
}

async function run(
  client: PgPoolLike | PgPoolClientLike,
  sql: string,
  params: readonly unknown[] | undefined,
  operation: string,
  lost?: () => Error | undefined,
): Promise<SqlResult> {
  try {
    return toResult(await client.query(sql, params === undefined ? undefined : [...params]));
  } catch (cause) {
    const gone = lost?.();
    throw adapterError(cause, { operation, connectionLost: gone !== undefined });
  }
}

/**
 * Checks a client out of the pool with `onError` listening from the moment the pool hands it
 * over. The pool calls back synchronously, while node-postgres may still be reading the packet
 * that completed the connection: a backend terminated right then (its FATAL message in the same
 * packet) is reported before an `await` would resume, and with no listener it would end the
 * process.
 */
function checkout(pool: PgPoolLike, onError: (error: Error) => void): Promise<PgPoolClientLike> {
  return new Promise((resolve, reject) => {
    pool.connect((error: Error | undefined, client: PgPoolClientLike | undefined) => {
      if (error) return reject(error);
      if (client === undefined) return reject(new Error('the pool handed over no client'));
      client.on('error', onError);
      resolve(client);
    });
  });
}

/**
 * Wraps a `pg.Pool` (owned by the caller: never ended here).
 *
 * A connection lost while a transaction holds it (a failover, a restart, an idle timeout,
 * `pg_terminate_backend`) never reaches the process as an unhandled `error` event: the driver
 * listens on the checked-out client, rolls back (or finds the transaction already gone), releases
 * the client destroyed so the pool opens a fresh one, and rejects with an `AdapterError` whose
 * `retryable` is `true`. The pool's own `error` event, for clients lost while idle in the pool,
 * is answered by {@link watchPoolErrors}.
 *
 * @example
 * ```ts
 * const driver = createPgDriver(new pg.Pool({ connectionString }));
 * await driver.transaction((tx) => tx.query('select 1'));
 * ```
 */
export function createPgDriver(pool: PgPoolLike): SqlDriver {
  return {
    kind: 'node-postgres',
    query: (sql, params) => run(pool, sql, params, 'query'),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      // A checked-out client has no listener of the pool's: without this one, a backend that
      // goes away between two statements would be an unhandled 'error' event and end the process.
      let lost: Error | undefined;
      const onError = (error: Error): void => {
        lost ??= error;
      };
      let client: PgPoolClientLike;
      try {
        client = await checkout(pool, onError);
      } catch (cause) {
        throw adapterError(cause, { operation: 'connect' });
      }
      const isLost = (): Error | undefined => lost;
      let broken: Error | undefined;
      // One connection runs one query at a time; callers may still issue several at once.
      let tail: Promise<unknown> = Promise.resolve();
      try {
        await run(client, 'BEGIN', undefined, 'transaction', isLost);
        const tx: SqlExecutor = {
          query: (sql, params) => {
            const next = tail.then(async () => {
              if (lost !== undefined) throw adapterError(lost, { operation: 'transaction', connectionLost: true });
              return run(client, sql, params, 'transaction', isLost);
            });
            tail = next.catch(() => undefined);
            return next;
          },
        };
        const value = await fn(tx);
        if (lost !== undefined) throw adapterError(lost, { operation: 'transaction', connectionLost: true });
        await run(client, 'COMMIT', undefined, 'commit', isLost);
        return value;
      } catch (error) {
        if (lost === undefined) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            // A connection that cannot roll back must not go back to the pool.
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
        }
        // A transaction whose connection ends is rolled back by the server: nothing to undo here.
        throw error;
      } finally {
        broken ??= lost;
        if (broken === undefined) client.off('error', onError);
        // A destroyed client may still report its socket closing; onError stays to absorb it.
        client.release(broken);
      }
    },
  };
}

const watched = new WeakMap<PgPoolLike, { users: number; readonly listener: () => void }>();

/**
 * Keeps an `error` emitted by the pool (a connection lost while idle in the pool, which the pool
 * has already dropped; the next checkout opens a new one) from ending the process when the
 * caller attached no `error` listener of its own. The caller's listeners, if any, still hear
 * every error. Returns a function that removes the listener.
 *
 * @example
 * ```ts
 * const stop = watchPoolErrors(pool);
 * // on close
 * stop();
 * ```
 */
export function watchPoolErrors(pool: PgPoolLike): () => void {
  // One listener per pool however many storages (tenants) share it, or Node warns past ten.
  let watch = watched.get(pool);
  if (watch === undefined) {
    // Nothing to do: the pool has removed the client, and a server that is really gone shows on
    // the next query as a retryable AdapterError.
    watch = { users: 0, listener: () => undefined };
    watched.set(pool, watch);
    pool.on('error', watch.listener);
  }
  watch.users += 1;
  let done = false;
  return () => {
    if (done || watch === undefined) return;
    done = true;
    watch.users -= 1;
    if (watch.users === 0) {
      pool.off('error', watch.listener);
      watched.delete(pool);
    }
  };
}
