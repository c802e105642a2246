import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { compilePolicy, parseSnapshot, summarizeCustomer, type Customer, type Invoice } from '@dueflow/core';
import { decideInvoice } from '@dueflow/runtime/adapters';
import { deliveryKey, parseDeliveryKey } from '@dueflow/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index.js';
import { CRASH_POLICY, customer, invoice } from './fixtures.js';
import { openServerPool, PG_URL, uniqueSchema } from './support.js';

const INVOICES = 10_000;
const CUSTOMERS = 500;
const WORKERS = 4;
/** Monday 10:00 UTC: inside the default send window. */
const SIM_NOW = Date.parse('2025-03-10T10:00:00Z');
/** Workers are killed during this phase only; then the survivors must finish the work. */
const KILL_PHASE_MS = 60_000;
const DEADLINE_MS = 200_000;
const ROOT = join(import.meta.dirname, '..', '..', '..');

function day(offset: number): string {
  return new Date(SIM_NOW + offset * 86_400_000).toISOString().slice(0, 10);
}

function dataset(): { customers: Customer[]; invoices: Invoice[] } {
  const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
    customer(
      `c${i}`,
      i % 5 === 0
        ? {
            contacts: [
              { id: `c${i}-ap`, role: 'billing', email: `ap${i}@example.com`, postalAddress: ['1 Main St'], optOuts: [], suppressed: [] },
            ],
          }
        : {},
    ),
  );
  // Ids start with the customer, so a customer's entries are claimed in one batch and those at the
  // same step go out as one consolidated message: the crashes hit consolidated dispatches too.
  const invoices = Array.from({ length: INVOICES }, (_, i) => {
    const due = day(-(i % 80) + 10);
    const customerId = `c${i % CUSTOMERS}`;
    return { ...invoice(`${customerId}-inv${String(i).padStart(5, '0')}`, customerId, due), issueDate: day(-(i % 80) - 20) };
  });
  return { customers, invoices };
}

/**
 * The keys the engine must send: what the collector's own decide step yields for each invoice
 * at SIM_NOW, from snapshots built in memory (customer statistics included, as segments use them).
 */
function expectedKeys(customers: readonly Customer[], invoices: readonly Invoice[]): { send: Set<string>; approval: Set<string> } {
  const policy = compilePolicy(CRASH_POLICY);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const invoicesOf = new Map<string, Invoice[]>();
  for (const inv of invoices) invoicesOf.set(inv.customerId, [...(invoicesOf.get(inv.customerId) ?? []), inv]);
  const stats = new Map(
    customers.map((c) => [c.id, summarizeCustomer({ timeZone: c.timeZone, invoices: invoicesOf.get(c.id) ?? [], payments: [] }, SIM_NOW)]),
  );
  const send = new Set<string>();
  const approval = new Set<string>();
  for (const inv of invoices) {
    const snapshot = parseSnapshot({ invoice: inv, customer: byId.get(inv.customerId), customerStats: stats.get(inv.customerId) });
    const out = decideInvoice(snapshot, SIM_NOW, policy);
    for (const e of out.outbox) (e.status === 'pending' ? send : approval).add(e.key);
  }
  return { send, approval };
}

/**
 * How many times each outbox key reached the recorder. A consolidated message (entries of one
 * customer claimed together, for the same step and window) goes out once under a `group:` key
 * and delivers each member it carries (`memberKeys`).
 */
function deliveredKeys(recorder: Recorder): Map<string, number> {
  const delivered = new Map<string, number>();
  // Messages go out under delivery keys (`crash/<outbox key>`).
  for (const [member, n] of recorder.deliveries) delivered.set(parseDeliveryKey(member)?.key ?? member, n);
  return delivered;
}

/**
 * The distinct message keys under which each outbox key reached the recorder: more than one means
 * an invoice went out again in a differently composed message, which no provider can recognise.
 */
function keysPerMember(recorder: Recorder): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [member, keys] of recorder.carried) out.set(parseDeliveryKey(member)?.key ?? member, keys);
  return out;
}

/** The members a `group:` key names (for messages sent without `memberKeys`), as delivery keys. */
function namedMembers(sent: string): string[] {
  const scoped = parseDeliveryKey(sent);
  if (scoped === undefined || !scoped.key.startsWith('group:')) return [sent];
  return scoped.key
    .slice('group:'.length)
    .split('|')
    .map((k) => deliveryKey(scoped.tenantId, k));
}

interface Recorder {
  readonly url: string;
  readonly attempts: Map<string, number>;
  /** Per delivery key of an outbox entry, how many attempts carried it. */
  readonly deliveries: Map<string, number>;
  /** Per delivery key of an outbox entry, the message keys of the attempts that carried it. */
  readonly carried: Map<string, Set<string>>;
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const attempts = new Map<string, number>();
  // What a delivery log keeps: each accepted message, also under its member keys.
  const accepted = new Map<string, string>();
  const carried = new Map<string, Set<string>>();
  const deliveries = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/lookup') {
      const key = url.searchParams.get('key') ?? '';
      const message = accepted.get(key);
      res.end(JSON.stringify(message !== undefined ? { sent: true, id: `msg:${message}` } : { sent: false }));
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { key, memberKeys } = JSON.parse(body) as { key: string; memberKeys: string[] };
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      for (const k of [key, ...memberKeys]) if (!accepted.has(k)) accepted.set(k, key);
      for (const k of memberKeys.length > 0 ? memberKeys : namedMembers(key)) {
        carried.set(k, new Set([...(carried.get(k) ?? []), key]));
        deliveries.set(k, (deliveries.get(k) ?? 0) + 1);
      }
      res.end(JSON.stringify({ id: `msg:${key}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    carried,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const server = await openServerPool(2);

if ('skip' in server) {
  describe('crash safety with four worker processes', () => it.skip(server.skip, () => {}));
} else {
  const { pool } = server;
  const schema = uniqueSchema('crash');
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  describe('crash safety with four worker processes', () => {
    it('sends every due action exactly once while workers are SIGKILLed and restarted', { timeout: 280_000 }, async () => {
      const { customers, invoices } = dataset();
      const expected = expectedKeys(customers, invoices);
      expect(expected.send.size).toBeGreaterThan(INVOICES / 2);

      const storage = createPostgresStorage({ pool, schema, tenantId: 'crash' });
      await storage.init();
      await storage.commit({ customers });
      await storage.commit({ invoices });

      const recorder = await startRecorder();
      const started = Date.now();
      const logs: string[] = [];
      const workers = new Map<string, ChildProcess>();
      let stopping = false;
      const spawnWorker = (id: string): void => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--conditions=@dueflow/source', join(import.meta.dirname, 'crash-worker.ts')],
          {
            cwd: ROOT,
            env: {
              ...process.env,
              NODE_OPTIONS: '',
              DUEFLOW_PG_URL: PG_URL,
              SCHEMA: schema,
              RECORDER_URL: recorder.url,
              WORKER_ID: id,
              SIM_NOW: String(SIM_NOW),
              SIM_STARTED: String(started),
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        child.stderr?.on('data', (d: Buffer) => logs.push(`[${id}] ${d.toString()}`));
        child.on('exit', (code, signal) => {
          if (!stopping && signal !== 'SIGKILL') logs.push(`[${id}] exited unexpectedly: code ${String(code)} signal ${String(signal)}`);
        });
        workers.set(id, child);
      };
      let generation = 0;
      for (let i = 0; i < WORKERS; i++) spawnWorker(`w${i}-g${generation}`);

      const settled = async (): Promise<boolean> => {
        const r = await pool.query(
          `SELECT (SELECT count(*) FROM "${schema}".outbox WHERE status = 'pending')::int AS pending,
                  (SELECT count(*) FROM "${schema}".invoices WHERE next_check_at <= $1)::int AS due`,
          [SIM_NOW + (Date.now() - started)],
        );
        const row = r.rows[0] as { pending: number; due: number };
        return row.pending === 0 && row.due === 0 && deliveredKeys(recorder).size >= expected.send.size;
      };

      let kills = 0;
      try {
        // Kill one worker every 3-5 s and start a fresh one in its place.
        while (Date.now() - started < KILL_PHASE_MS) {
          await new Promise((r) => setTimeout(r, 3000 + Math.floor(Math.random() * 2000)));
          if (await settled()) break;
          const ids = [...workers.keys()];
          const victim = ids[Math.floor(Math.random() * ids.length)]!;
          workers.get(victim)?.kill('SIGKILL');
          workers.delete(victim);
          kills++;
          generation++;
          spawnWorker(`${victim.split('-')[0]}-g${generation}`);
        }
        // Let the workers finish, including what the victims left leased (their leases expire first).
        while (Date.now() - started < DEADLINE_MS && !(await settled())) await new Promise((r) => setTimeout(r, 500));
      } finally {
        stopping = true;
        for (const child of workers.values()) child.kill('SIGKILL');
        await recorder.close();
      }

      const delivered = deliveredKeys(recorder);
      const duplicates = [...delivered].filter(([, n]) => n > 1);
      const regrouped = [...keysPerMember(recorder)].filter(([, keys]) => keys.size > 1);
      const sent = new Set(delivered.keys());
      const lost = [...expected.send].filter((k) => !sent.has(k));
      const unexpected = [...sent].filter((k) => !expected.send.has(k));
      const outbox = await pool.query(`SELECT status, count(*)::int AS n FROM "${schema}".outbox GROUP BY status ORDER BY status`);
      const groups = [...recorder.attempts.keys()].filter((k) => (parseDeliveryKey(k)?.key ?? k).startsWith('group:')).length;
      const summary = {
        kills,
        sent: sent.size,
        expected: expected.send.size,
        consolidatedMessages: groups,
        duplicates: duplicates.length,
        regrouped: regrouped.length,
        lost: lost.length,
        unexpected: unexpected.length,
        outbox: outbox.rows,
        seconds: (Date.now() - started) / 1000,
      };
      console.log('crash test', JSON.stringify(summary));
      if (lost.length > 0 || duplicates.length > 0) console.log(logs.slice(-20).join(''));

      expect(kills).toBeGreaterThanOrEqual(3);
      expect(groups).toBeGreaterThan(0);
      expect(regrouped).toEqual([]);
      expect(duplicates).toEqual([]);
      expect(lost).toEqual([]);
      expect(unexpected).toEqual([]);
      const byStatus = Object.fromEntries(outbox.rows.map((r: { status: string; n: number }) => [r.status, r.n]));
      expect(byStatus).toEqual({
        sent: expected.send.size,
        ...(expected.approval.size > 0 ? { 'awaiting-approval': expected.approval.size } : {}),
      });
    });
  });
}
