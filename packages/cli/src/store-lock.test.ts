import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE_NAME, openPgliteFolder } from '@dueflow/storage-postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Real `dueflow` processes on one embedded data folder, started so that they overlap: the first
// is paused (SIGSTOP) as soon as it holds the folder, the second runs to its end, then the first
// resumes. PGlite is one process per folder: the second must be refused, naming the first, and
// write nothing; the folder must then hold every imported invoice once.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(import.meta.dirname, 'bin.ts');
const NOW = '2026-03-04T12:00:00Z';
const INVOICES = 395;
let dir = '';
let dataDir = '';
let lockFile = '';
const running: ChildProcess[] = [];

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function dueflow(...args: string[]): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@dueflow/source', BIN, '--data-dir', dataDir, '--now', NOW, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

function lockHolder(): number | undefined {
  try {
    return (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** Waits until `run` holds the folder, then pauses it there. */
async function pauseOnceLocked(run: Run): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (lockHolder() !== run.child.pid) {
    if (run.child.exitCode !== null)
      throw new Error(`the first command ended (code ${run.child.exitCode}) without ever locking ${lockFile}`);
    if (Date.now() > deadline) throw new Error(`the first command never locked ${lockFile}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  run.child.kill('SIGSTOP');
}

/** What a check of the folder finds: indexes rebuilt, duplicates and counts. */
async function integrity(): Promise<{
  invoices: number;
  duplicateOutboxKeys: number;
  duplicateActivityIds: number;
  outbox: number;
  activities: number;
}> {
  const folder = await openPgliteFolder(join(dataDir, 'db'));
  try {
    const one = async (sql: string): Promise<number> => Number((await folder.pglite.query<{ n: number }>(sql)).rows[0]?.n);
    // A corrupted index makes REINDEX fail on the duplicates it finds.
    await folder.pglite.exec('REINDEX SCHEMA dueflow');
    return {
      invoices: await one('SELECT count(*)::int AS n FROM dueflow.invoices'),
      duplicateOutboxKeys: await one(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM dueflow.outbox GROUP BY tenant_id, key HAVING count(*) > 1) d',
      ),
      duplicateActivityIds: await one(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM dueflow.activities GROUP BY tenant_id, id HAVING count(*) > 1) d',
      ),
      outbox: await one('SELECT count(*)::int AS n FROM dueflow.outbox'),
      activities: await one('SELECT count(*)::int AS n FROM dueflow.activities'),
    };
  } finally {
    await folder.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-lock-cli-'));
  dataDir = join(dir, 'data');
  lockFile = join(dataDir, 'db', LOCK_FILE_NAME);
  const rows = Array.from({ length: INVOICES }, (_, i) => {
    const day = String((i % 27) + 1).padStart(2, '0');
    return `INV-${10000 + i},C${i % 40},Customer ${i % 40},2026-01-${day},2026-02-${day},${(100 + i).toFixed(2)}`;
  });
  writeFileSync(join(dir, 'invoices.csv'), ['Number,Client,Client name,Issued,Due,Total', ...rows].join('\n'));
  writeFileSync(
    join(dir, 'mapping.json'),
    JSON.stringify({
      columns: {
        invoiceNumber: 'Number',
        customerId: 'Client',
        customerName: 'Client name',
        issueDate: 'Issued',
        dueDate: 'Due',
        amount: 'Total',
      },
      dateFormat: 'YYYY-MM-DD',
      currency: 'USD',
    }),
  );
});

afterEach(() => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('two dueflow commands on one data folder', () => {
  it('import and run at once: run is refused naming the import, which imports every invoice', async () => {
    const importing = dueflow('import', join(dir, 'invoices.csv'), '--mapping', join(dir, 'mapping.json'));
    await pauseOnceLocked(importing);
    const second = await dueflow('run').done;
    importing.child.kill('SIGCONT');
    const first = await importing.done;

    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(
      `dueflow: error: dataDir: the embedded store "${join(dataDir, 'db')}" is in use by process ${String(importing.child.pid)} on ${hostname()}`,
    );
    expect(second.stderr).toMatch(/bin\.ts --data-dir \S+ --now \S+ import /);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    // Refused before anything was written: no outbox folder.
    expect(existsSync(join(dataDir, 'outbox'))).toBe(false);

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Imported. ${INVOICES} rows read`);
    expect(existsSync(lockFile)).toBe(false);
    expect(await integrity()).toMatchObject({ invoices: INVOICES, duplicateOutboxKeys: 0, duplicateActivityIds: 0, outbox: 0 });
  }, 240_000);

  it('run and run at once: the second is refused with --json too; the folder has nothing twice', async () => {
    const running1 = dueflow('run');
    await pauseOnceLocked(running1);
    const second = await dueflow('run', '--json').done;
    running1.child.kill('SIGCONT');
    const first = await running1.done;

    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout)).toEqual({
      error: { code: 'STORE_LOCKED', message: expect.stringContaining(`in use by process ${String(running1.child.pid)}`) as unknown },
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Tick at 2026-03-04T12:00:00.000Z: \d+ invoices decided/);
    const after = await integrity();
    expect(after).toMatchObject({ invoices: INVOICES, duplicateOutboxKeys: 0, duplicateActivityIds: 0 });
    expect(after.outbox).toBeGreaterThan(0);

    // Once the first has finished, the folder is free again: the same run finds nothing new to do.
    const third = await dueflow('run', '--json').done;
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ enqueued: 0 });
    expect(await integrity()).toEqual(after);
  }, 240_000);

  it('two runs started together: each either runs or is refused naming the other, and nothing is duplicated', async () => {
    const runs = [dueflow('run'), dueflow('run')];
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.some((r) => r.code === 0)).toBe(true);
    for (const [i, r] of results.entries()) {
      if (r.code === 0) continue;
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`in use by process ${String(runs[1 - i]?.child.pid)}`);
    }
    expect(await integrity()).toMatchObject({ invoices: INVOICES, duplicateOutboxKeys: 0, duplicateActivityIds: 0 });
  }, 240_000);
});
