import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

// A real server when one is reachable (DUEFLOW_TEST_DATABASE_URL, else the local test database); skipped otherwise.
const URL_UNDER_TEST = process.env.DUEFLOW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.connect(Number(port || 5432), hostname);
  });
}

describe('--database-url', () => {
  it('runs commands on a PostgreSQL server through node-postgres', async (ctx) => {
    if (!(await reachable(URL_UNDER_TEST))) {
      console.warn(`postgres-url.test.ts: no server at ${URL_UNDER_TEST}; skipped`);
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'dueflow-pg-'));
    try {
      const tenant = `cli-test-${process.pid}-${Date.now()}`;
      const io = captureIo({ cwd: dir, now: Date.parse('2026-03-04T10:00:00Z') });
      expect(await runCli(['queue', '--json', '--database-url', URL_UNDER_TEST, '--tenant', tenant], io)).toBe(0);
      expect((JSON.parse(io.out()) as { entries: unknown[] }).entries).toEqual([]);
      const unknown = captureIo({ cwd: dir });
      expect(await runCli(['explain', 'inv-1', '--database-url', URL_UNDER_TEST, '--tenant', tenant], unknown)).toBe(2);
      expect(unknown.err()).toContain(`tenant "${tenant}"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports an unreachable server as a failure (exit 1) with a clear message', async () => {
    const io = captureIo({ cwd: tmpdir() });
    expect(await runCli(['queue', '--database-url', 'postgres://nobody@127.0.0.1:1/none'], io)).toBe(1);
    expect(io.err()).toMatch(
      /^dueflow: error: --database-url: cannot use the database at postgres:\/\/nobody@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
    );
  }, 60_000);
});
