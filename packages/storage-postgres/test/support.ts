/**
 * Test support: the PostgreSQL server used by the real-server suites, fresh schemas, and the
 * back door the conformance kit reads through (plain SQL, bypassing the adapter).
 *
 * @module
 */
import pg from 'pg';
import type { StorageBackdoor } from '@dueflow/testing/conformance';

/** Connection string of the test server. */
export const PG_URL = process.env['DUEFLOW_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement and returns its rows. */
export type RawQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * A pool on the test server, or `undefined` with a reason when it is unreachable. In CI
 * (`CI=true`) an unreachable server throws: the suite must fail there, never skip.
 */
export async function openServerPool(max = 4): Promise<{ pool: pg.Pool } | { skip: string }> {
  const pool = new pg.Pool({ connectionString: PG_URL, max, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('SELECT 1');
    return { pool };
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = `PostgreSQL at ${PG_URL} is unreachable (${error instanceof Error ? error.message : String(error)})`;
    if (process.env['CI'] === 'true') throw new Error(`${reason}; the real-server suite must run in CI`);
    return { skip: `${reason}; skipping the real-server suite (set DUEFLOW_PG_URL or start PostgreSQL)` };
  }
}

let counter = 0;

/** A schema name no other test uses. */
export function uniqueSchema(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** Reads an adapter's rows directly with SQL. */
export function sqlBackdoor(query: RawQuery, schema: string, tenantId: string): StorageBackdoor {
  const s = `"${schema}"`;
  return {
    outboxKeys: async () =>
      (await query(`SELECT key FROM ${s}.outbox WHERE tenant_id = $1 ORDER BY key`, [tenantId])).map((r) => r['key'] as string),
    outboxRow: async (key) => {
      const row = (await query(`SELECT status, attempts FROM ${s}.outbox WHERE tenant_id = $1 AND key = $2`, [tenantId, key]))[0];
      return row === undefined ? undefined : { status: row['status'] as string, attempts: Number(row['attempts']) };
    },
    activityIds: async () =>
      (await query(`SELECT id FROM ${s}.activities WHERE tenant_id = $1 ORDER BY seq`, [tenantId])).map((r) => r['id'] as string),
    invoiceRow: async (id) => {
      const row = (await query(`SELECT id, customer_id, status FROM ${s}.invoices WHERE tenant_id = $1 AND id = $2`, [tenantId, id]))[0];
      return row === undefined
        ? undefined
        : { id: row['id'] as string, customerId: row['customer_id'] as string, status: row['status'] as string };
    },
    customerIds: async () =>
      (await query(`SELECT id FROM ${s}.customers WHERE tenant_id = $1 ORDER BY id`, [tenantId])).map((r) => r['id'] as string),
    paymentIds: async () =>
      (await query(`SELECT id FROM ${s}.payments WHERE tenant_id = $1 ORDER BY id`, [tenantId])).map((r) => r['id'] as string),
    nextCheckAt: async (invoiceId) => {
      const row = (await query(`SELECT next_check_at FROM ${s}.invoices WHERE tenant_id = $1 AND id = $2`, [tenantId, invoiceId]))[0];
      if (row === undefined) return undefined;
      const v = row['next_check_at'];
      if (v === null) return null;
      const n = Number(v);
      return n <= Number.MIN_SAFE_INTEGER ? -Infinity : n;
    },
  };
}

/** A raw query function over a node-postgres pool. */
export function poolQuery(pool: pg.Pool): RawQuery {
  return async (sql, params) => (await pool.query(sql, params)).rows as Record<string, unknown>[];
}
