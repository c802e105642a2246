import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerPool, PG_URL, uniqueSchema } from './support.js';

// The scenarios run in a child process (connection-loss-worker.ts): a lost connection that
// escapes as an unhandled 'error' event ends that process, and the exit code shows it.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const server = await openServerPool(1);
afterAll(async () => {
  if ('pool' in server) await server.pool.end();
});

interface Outcome {
  adapterError: boolean;
  retryable: boolean | null;
  message: string;
}

interface Results {
  betweenStatements: Outcome | 'committed';
  rowsAfterBetweenStatements: number;
  rowsAfterNextTransaction: number;
  duringStatement: Outcome | 'committed';
  rowsAfterDuringStatement: number;
  nextQuery: number;
  idleTerminated: number;
  afterIdleLoss: number;
  tickWithLoss: Outcome | 'finished';
  nextTick: { decided: number; enqueued: number };
}

function runWorker(schema: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@dueflow/source', join(import.meta.dirname, 'connection-loss-worker.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '', DUEFLOW_PG_URL: PG_URL, SCHEMA: schema },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe.skipIf('skip' in server)(`a lost PostgreSQL connection (${'skip' in server ? server.skip : PG_URL})`, () => {
  let run: Awaited<ReturnType<typeof runWorker>>;
  let results: Results;

  beforeAll(async () => {
    run = await runWorker(uniqueSchema('conn_loss'));
    results = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Results;
  }, 90_000);

  it('never ends the process', () => {
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('fails a transaction whose backend is terminated between statements with a retryable AdapterError, rolled back', () => {
    expect(results.betweenStatements).toEqual({
      adapterError: true,
      retryable: true,
      message: expect.stringMatching(/^postgres: /) as unknown,
    });
    expect(results.rowsAfterBetweenStatements).toBe(0);
    expect(results.rowsAfterNextTransaction).toBe(1);
  });

  it('fails a transaction whose backend is terminated during a statement with a retryable AdapterError; the next query runs', () => {
    expect(results.duringStatement).toEqual({
      adapterError: true,
      retryable: true,
      message: expect.stringMatching(/^postgres: /) as unknown,
    });
    expect(results.rowsAfterDuringStatement).toBe(1);
    expect(results.nextQuery).toBe(1);
  });

  it('survives connections lost while idle in a pool that has no error listener of its own', () => {
    expect(results.idleTerminated).toBeGreaterThan(0);
    expect(results.afterIdleLoss).toBe(2);
  });

  it('fails only the collector tick that lost its connection; the next tick does the work', () => {
    expect(results.tickWithLoss).toEqual({ adapterError: true, retryable: true, message: expect.any(String) as unknown });
    expect(results.nextTick).toMatchObject({ decided: 2, enqueued: 2 });
  });
});
