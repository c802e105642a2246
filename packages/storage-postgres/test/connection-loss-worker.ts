/**
 * Child process of connection-loss.test.ts: terminates its own backends with
 * `pg_terminate_backend` while a transaction holds them, while a query runs, while they sit
 * idle in the pool, and in the middle of a collector tick, and prints what each call returned as
 * one JSON line. It sets no `uncaughtException` handler: an unhandled `error` event from a lost
 * connection ends it with a non-zero exit code, which the test reports.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdapterError, createCollector, createFileChannel } from '@dueflow/runtime';
import pg from 'pg';
import { createPgDriver } from '../src/pg-driver.js';
import { createPostgresStorage } from '../src/index.js';
import { CRASH_POLICY, customer, invoice } from './fixtures.js';

const url = process.env['DUEFLOW_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = process.env['SCHEMA'] ?? 'conn_loss';
const app = `dueflow-conn-loss-${process.pid}`;
/** Monday 10:00 UTC: inside the default send window. */
const NOW = Date.parse('2025-03-10T10:00:00Z');

interface Outcome {
  readonly adapterError: boolean;
  readonly retryable: boolean | null;
  readonly message: string;
}

function outcome(error: unknown): Outcome {
  return {
    adapterError: error instanceof AdapterError,
    retryable: error instanceof AdapterError ? error.retryable : null,
    message: error instanceof Error ? error.message : String(error),
  };
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const terminate = async (pid: number): Promise<void> => {
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
};
const countRows = async (): Promise<number> => Number((await admin.query(`SELECT count(*)::int AS n FROM "${schema}".t`)).rows[0].n);
await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
await admin.query(`CREATE TABLE IF NOT EXISTS "${schema}".t (x int)`);

const results: Record<string, unknown> = {};

// A careful user: the pool has its own 'error' listener.
const pool = new pg.Pool({ connectionString: url, max: 2, application_name: app });
const poolErrors: string[] = [];
pool.on('error', (e) => poolErrors.push(e.message));
const driver = createPgDriver(pool);

// 1. The backend is terminated while the transaction waits between two statements.
try {
  await driver.transaction(async (tx) => {
    await tx.query(`INSERT INTO "${schema}".t VALUES (1)`);
    const pid = Number((await tx.query('SELECT pg_backend_pid() AS pid')).rows[0]?.['pid']);
    await terminate(pid);
    await sleep(300);
    await tx.query(`INSERT INTO "${schema}".t VALUES (2)`);
  });
  results['betweenStatements'] = 'committed';
} catch (error) {
  results['betweenStatements'] = outcome(error);
}
results['rowsAfterBetweenStatements'] = await countRows();
await driver.transaction((tx) => tx.query(`INSERT INTO "${schema}".t VALUES (3)`));
results['rowsAfterNextTransaction'] = await countRows();

// 2. The backend is terminated while a statement runs.
try {
  await driver.transaction(async (tx) => {
    const pid = Number((await tx.query('SELECT pg_backend_pid() AS pid')).rows[0]?.['pid']);
    setTimeout(() => void terminate(pid), 200);
    await tx.query(`INSERT INTO "${schema}".t SELECT 4 FROM pg_sleep(5)`);
  });
  results['duringStatement'] = 'committed';
} catch (error) {
  results['duringStatement'] = outcome(error);
}
await sleep(200);
results['rowsAfterDuringStatement'] = await countRows();
results['nextQuery'] = (await driver.query('SELECT 1 AS one')).rows[0]?.['one'];

// 3. A user who set no 'error' listener on the pool: connections lost while idle in the pool.
const bare = new pg.Pool({ connectionString: url, max: 3, application_name: `${app}-bare` });
const storage = createPostgresStorage({ pool: bare, schema: `${schema}_store`, tenantId: 't1' });
await storage.init();
await storage.commit({ customers: [customer('c1')] });
await storage.commit({ invoices: [invoice('i1', 'c1', '2025-02-01'), invoice('i2', 'c1', '2025-02-03')] });
const idle = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`${app}-bare`]);
results['idleTerminated'] = idle.rowCount;
await sleep(300);
results['afterIdleLoss'] = (await storage.listInvoices({ limit: 10 })).length;

// 4. A collector tick whose first transaction loses its connection: the tick fails with a
// retryable AdapterError, the next tick does the work on a fresh connection.
const outbox = mkdtempSync(join(tmpdir(), 'dueflow-conn-loss-'));
const collector = createCollector({
  storage,
  channels: [
    createFileChannel({
      directory: outbox,
      kinds: ['email', 'sms', 'voice', 'letter'],
      from: 'AR <ar@example.com>',
      clock: { now: () => NOW },
    }),
  ],
  policy: CRASH_POLICY,
  clock: { now: () => NOW },
});
let armed = true;
bare.on('acquire', (client) => {
  if (!armed) return;
  armed = false;
  const pid = (client as unknown as { processID: number }).processID;
  void terminate(pid);
});
try {
  await collector.tick({ now: NOW });
  results['tickWithLoss'] = 'finished';
} catch (error) {
  results['tickWithLoss'] = outcome(error);
}
const next = await collector.tick({ now: NOW });
results['nextTick'] = { decided: next.decided, enqueued: next.enqueued };
await collector.close();
rmSync(outbox, { recursive: true, force: true });

await pool.end();
await bare.end();
await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
await admin.query(`DROP SCHEMA IF EXISTS "${schema}_store" CASCADE`);
await admin.end();
results['poolErrors'] = poolErrors.length;
process.stdout.write(`${JSON.stringify(results)}\n`);
