/**
 * PostgreSQL storage benchmarks: bulk import against the database's own `COPY` of the same rows
 * (the practical limit), and one full tick (deciding every open invoice) on a real server at
 * 1,000,000 invoices and on PGlite at 100,000.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { compilePolicy } from '@dueflow/core';
import { decideInvoice } from '@dueflow/runtime/adapters';
import { createPgliteStorage, createPostgresStorage, type PostgresStorage } from '@dueflow/storage-postgres';
import pg from 'pg';
import type { Result, SuiteContext } from '../harness.js';
import { CSV_COLUMNS, customerBatches, customerCount, invoiceCsvChunks, invoiceStream, NOW } from './dataset.js';

/** Suite name (the folder). */
export const name = 'postgres';
/** One sentence for the report. */
export const description = 'Bulk import vs COPY, and one full tick, on a PostgreSQL server (node-postgres) and on PGlite.';

const PG_URL = process.env['DUEFLOW_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Wall and process CPU time of one run. */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

async function timed<T>(body: () => Promise<T>): Promise<{ value: T } & Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await body();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * A one-shot timing as a harness result (a 1M-row import is not repeated five times). The CPU
 * rate counts this process only: the database server's own work is in the wall time.
 */
function oneShot(caseName: string, ops: number, t: Timing, note: string, extra: Partial<Result> = {}): Result {
  const opsPerSec = Math.round((ops / t.ms) * 1000);
  const result: Result = {
    name: caseName,
    opsPerSec,
    nsPerOp: Math.round((t.ms * 1e6) / ops),
    runs: 1,
    min: opsPerSec,
    max: opsPerSec,
    spread: 0,
    cpuOpsPerSec: t.cpuMs > 0 ? Math.round((ops / t.cpuMs) * 1000) : opsPerSec,
    opsPerRun: ops,
    note,
    ...extra,
  };
  progress?.(`${caseName}: ${ops} in ${(t.ms / 1000).toFixed(1)} s (${opsPerSec}/s)`);
  return result;
}

let progress: ((message: string) => void) | undefined;

async function seedCustomers(storage: PostgresStorage, invoices: number): Promise<void> {
  for (const batch of customerBatches(customerCount(invoices), 5000)) await storage.commit({ customers: batch });
}

/** Decides every due invoice with `workers` concurrent loops; returns decided, enqueued and ms. */
async function fullTick(storages: readonly PostgresStorage[], limit: number): Promise<{ decided: number; enqueued: number }> {
  const policy = compilePolicy();
  const counts = await Promise.all(
    storages.map(async (storage) => {
      let decided = 0;
      let enqueued = 0;
      for (;;) {
        const r = await storage.decideDue({ now: NOW, limit }, (snapshot) => decideInvoice(snapshot, NOW, policy));
        decided += r.decided;
        enqueued += r.enqueued;
        if (r.decided === 0) return { decided, enqueued };
      }
    }),
  );
  return { decided: counts.reduce((a, c) => a + c.decided, 0), enqueued: counts.reduce((a, c) => a + c.enqueued, 0) };
}

function psql(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-q', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${String(code)}: ${err}`))));
  });
}

async function serverCases(ctx: SuiteContext, n: number): Promise<Result[]> {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    ctx.note(`PostgreSQL server cases skipped: ${PG_URL} unreachable (${String(error)})`);
    await pool.end();
    return [];
  }
  const schema = `bench_pg_${process.pid}`;
  const copySchema = `bench_copy_${process.pid}`;
  const file = join(tmpdir(), `dueflow-bench-${process.pid}.csv`);
  const results: Result[] = [];
  try {
    const storage = createPostgresStorage({ pool, schema, tenantId: 'bench', batchSize: 5000 });
    await storage.init();
    await seedCustomers(storage, n);

    ctx.log(`server: importing ${n} invoices`);
    const imp = await timed(() => storage.importInvoices(invoiceStream(n), { batchSize: 5000 }));
    const imported = imp.value;

    // The limit: the server's own COPY of the same rows into the same table and indexes.
    await createPostgresStorage({ pool, schema: copySchema, tenantId: 'bench' }).init();
    const out = createWriteStream(file);
    for (const chunk of invoiceCsvChunks(n, 'bench', 10_000)) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    ctx.log(`server: COPY of the same ${n} rows`);
    const copy = await timed(() => psql(['-c', `\\copy "${copySchema}".invoices ${CSV_COLUMNS} FROM '${file}' WITH (FORMAT csv)`]));

    results.push(
      oneShot(
        'server importInvoices',
        imported.read,
        imp,
        'validate with zod, then multi-row upsert from a JSON batch (jsonb_array_elements), 5,000 per transaction',
        {
          ratios: { 'server COPY (psql \\copy)': imported.read / imp.ms / (n / copy.ms) },
          targets: n >= 1_000_000 ? [{ what: 'seconds for 1M (max 60)', min: 0, actual: imp.ms / 1000, met: imp.ms < 60_000 }] : [],
        },
      ),
      oneShot('server COPY (psql \\copy)', n, copy, 'the database loading the same rows itself (psql \\copy, CSV): the practical limit'),
    );

    await pool.query(`ANALYZE "${schema}".invoices`);
    const plan = await pool.query(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
       SELECT i.id, i.customer_id, i.doc FROM "${schema}".invoices AS i
        WHERE i.tenant_id = 'bench' AND i.next_check_at IS NOT NULL AND i.next_check_at <= ${NOW}
          AND (SELECT true FROM "${schema}".customers AS c WHERE c.tenant_id = i.tenant_id AND c.id = i.customer_id LIMIT 1)
        ORDER BY i.next_check_at, i.id LIMIT 2001 FOR UPDATE OF i SKIP LOCKED`,
    );
    const planText = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    ctx.log(`due query plan on ${n} rows:\n${planText}`);
    ctx.note(`Due-query plan on ${n} invoices: ${planText.replaceAll('\n', ' | ')}`);

    ctx.log(`server: one full tick over ${n} invoices`);
    const workers = [storage, createPostgresStorage({ pool, schema, tenantId: 'bench' })];
    const tick = await timed(() => fullTick(workers, 2000));
    results.push(
      oneShot(
        'server full tick',
        tick.value.decided,
        tick,
        `decideDue(limit 2000) with the collector's decideInvoice until nothing is due, 2 workers in one process; ${tick.value.enqueued} actions enqueued`,
        {
          targets: n >= 1_000_000 ? [{ what: 'seconds for 1M (max 120)', min: 0, actual: tick.ms / 1000, met: tick.ms < 120_000 }] : [],
        },
      ),
    );
  } finally {
    await rm(file, { force: true });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${copySchema}" CASCADE`);
    await pool.end();
  }
  return results;
}

async function pgliteCases(ctx: SuiteContext, n: number): Promise<Result[]> {
  const pglite = new PGlite();
  const results: Result[] = [];
  try {
    const storage = createPgliteStorage({ pglite, tenantId: 'bench', batchSize: 5000 });
    await storage.init();
    await seedCustomers(storage, n);
    ctx.log(`pglite: importing ${n} invoices`);
    const imp = await timed(() => storage.importInvoices(invoiceStream(n), { batchSize: 5000 }));

    await createPgliteStorage({ pglite, schema: 'copy_limit', tenantId: 'bench' }).init();
    const chunks = [...invoiceCsvChunks(n, 'bench', n)];
    const copy = await timed(() =>
      pglite.query(`COPY copy_limit.invoices ${CSV_COLUMNS} FROM '/dev/blob' (FORMAT csv)`, [], { blob: new Blob(chunks) }),
    );
    results.push(
      oneShot('pglite importInvoices', imp.value.read, imp, 'same path as the server, on PGlite', {
        ratios: { 'pglite COPY': imp.value.read / imp.ms / (n / copy.ms) },
      }),
      oneShot('pglite COPY', n, copy, "COPY FROM '/dev/blob' of the same rows: PGlite's practical limit"),
    );
    ctx.log(`pglite: one full tick over ${n} invoices`);
    const tick = await timed(() => fullTick([storage], 2000));
    results.push(
      oneShot(
        'pglite full tick',
        tick.value.decided,
        tick,
        `decideDue(limit 2000) with the collector's decideInvoice until nothing is due; ${tick.value.enqueued} actions enqueued`,
      ),
    );
  } finally {
    await pglite.close();
  }
  return results;
}

/**
 * Runs the suite: 1,000,000 invoices on the server and 100,000 on PGlite (20,000 and 5,000
 * with `quick`). `only` runs one side (the standalone runner's `--only server|pglite`), so a
 * server measurement can be repeated without waiting for PGlite and the other way round.
 *
 * @example
 * ```ts
 * const results = await run(ctx); // via `pnpm bench -- --only postgres`
 * ```
 */
export async function run(ctx: SuiteContext, only?: 'server' | 'pglite'): Promise<readonly Result[]> {
  progress = (message) => ctx.log(message);
  const serverRows = ctx.quick ? 20_000 : 1_000_000;
  const pgliteRows = ctx.quick ? 5_000 : 100_000;
  const server = only === 'pglite' ? [] : await serverCases(ctx, serverRows);
  const embedded = only === 'server' ? [] : await pgliteCases(ctx, pgliteRows);
  return [...server, ...embedded];
}
