/**
 * One worker process of the crash test: runs the real collector against the shared database,
 * sending through a channel that reports every attempt to the test's recording server. The test
 * kills it with SIGKILL at random moments.
 *
 * @module
 */
import pg from 'pg';
import { compilePolicy } from '@dueflow/core';
import { createCollector } from '@dueflow/runtime';
import type { Channel } from '@dueflow/runtime/ports';
import { createPostgresStorage } from '../src/index.js';
import { CRASH_POLICY } from './fixtures.js';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`crash worker: missing ${name}`);
  return value;
}

const recorder = env('RECORDER_URL');
const workerId = env('WORKER_ID');
const base = Number(env('SIM_NOW'));
const started = Number(env('SIM_STARTED'));

const pool = new pg.Pool({ connectionString: env('DUEFLOW_PG_URL'), max: 3 });
const storage = createPostgresStorage({ pool, schema: env('SCHEMA'), tenantId: 'crash' });

const channel: Channel = {
  name: 'recorder',
  kinds: ['email', 'sms', 'voice', 'letter', 'webhook'],
  capabilities: { idempotent: 'none', concurrency: 16 },
  async send(message) {
    const response = await fetch(`${recorder}/send`, {
      method: 'POST',
      body: JSON.stringify({ key: message.key, memberKeys: message.memberKeys ?? [], worker: workerId }),
    });
    const body = (await response.json()) as { id: string };
    return { status: 'sent', providerMessageId: body.id };
  },
  async lookup(key) {
    const response = await fetch(`${recorder}/lookup?key=${encodeURIComponent(key)}`);
    const body = (await response.json()) as { sent: boolean; id?: string };
    return body.sent ? { status: 'sent', ...(body.id !== undefined ? { providerMessageId: body.id } : {}) } : undefined;
  },
};

// Simulated time runs from SIM_NOW at the wall clock's pace, shared by every worker, so leases
// of killed workers expire while decisions stay those of SIM_NOW.
const collector = createCollector({
  storage,
  channels: [channel],
  policy: compilePolicy(CRASH_POLICY),
  clock: { now: () => base + (Date.now() - started) },
  dispatch: { workerId, leaseMs: 10_000, batchSize: 50 },
});

await storage.init();
process.stdout.write(`ready ${workerId}\n`);
for (;;) {
  const summary = await collector.tick();
  if (summary.decided === 0 && summary.sent === 0) await new Promise((r) => setTimeout(r, 100));
}
