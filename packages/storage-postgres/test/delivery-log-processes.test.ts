import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openServerPool, PG_URL, uniqueSchema } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Worker {
  /** Sends one command and resolves its answer. */
  ask(command: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

async function startWorker(schema: string): Promise<Worker> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@dueflow/source', join(import.meta.dirname, 'delivery-log-worker.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', DUEFLOW_PG_URL: PG_URL, SCHEMA: schema },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiting: ((line: string) => void)[] = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`delivery-log worker did not answer: ${stderr}`)), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
  await next(); // ready
  return {
    async ask(command) {
      const answer = next();
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      const reply = await answer;
      if ('error' in reply) throw new Error(String(reply['error']));
      return reply['ok'];
    },
    async stop() {
      child.stdin!.write(`${JSON.stringify({ op: 'exit' })}\n`);
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const server = await openServerPool(1);

if ('skip' in server) {
  describe('delivery log across two processes', () => it.skip(server.skip, () => {}));
} else {
  const { pool } = server;
  const schema = uniqueSchema('twoproc');
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  describe('delivery log across two processes sharing one schema', () => {
    it('finds in one process what the other recorded, and leaves one winner when both record a key at once', {
      timeout: 120_000,
    }, async () => {
      const [a, b] = await Promise.all([startWorker(schema), startWorker(schema)]);
      try {
        const at = Date.parse('2025-03-10T10:00:00Z');
        await a.ask({
          op: 'record',
          key: 'acme/group:acme-1|acme-2',
          memberKeys: ['acme/inv_1:n:1:1', 'acme/inv_2:n:1:1'],
          providerId: '<a@m>',
          at,
        });
        expect(await b.ask({ op: 'find', key: 'acme/inv_2:n:1:1' })).toEqual({ key: 'acme/group:acme-1|acme-2', providerId: '<a@m>', at });
        expect(await b.ask({ op: 'findKey', providerId: '<a@m>' })).toBe('acme/group:acme-1|acme-2');
        expect(await b.ask({ op: 'find', key: 'globex/inv_2:n:1:1' })).toBeNull();

        for (let round = 0; round < 20; round++) {
          const key = `race/${round}`;
          const [fromA, fromB] = await Promise.all([
            a.ask({ op: 'record', key, memberKeys: [`${key}/m`], providerId: `a-${round}`, at: at + round }),
            b.ask({ op: 'record', key, memberKeys: [`${key}/m`], providerId: `b-${round}`, at: at + round }),
          ]);
          expect(fromA).toEqual(fromB);
          expect([`a-${round}`, `b-${round}`]).toContain((fromA as { providerId: string }).providerId);
          const rows = await pool.query(`SELECT DISTINCT provider_id FROM "${schema}".delivery_log WHERE key = ANY($1::text[])`, [
            [key, `${key}/m`],
          ]);
          expect(rows.rows).toEqual([{ provider_id: (fromA as { providerId: string }).providerId }]);
          const remembered = await Promise.all([
            a.ask({ op: 'remember', id: `twilio:${round}`, expiresAt: at + 60_000, now: at }),
            b.ask({ op: 'remember', id: `twilio:${round}`, expiresAt: at + 60_000, now: at }),
          ]);
          expect(remembered.filter(Boolean)).toHaveLength(1);
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  });
}
