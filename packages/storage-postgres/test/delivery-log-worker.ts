/**
 * One process of the two-process delivery-log test: reads one JSON command per line on stdin
 * (`record`, `find`, `findKey`, `remember`), runs it on the shared PostgreSQL schema and answers
 * one JSON line on stdout.
 *
 * @module
 */
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createPostgresDeliveryLog, createPostgresReplayStore } from '../src/index.js';

const url = process.env['DUEFLOW_PG_URL'];
const schema = process.env['SCHEMA'];
if (url === undefined || schema === undefined) throw new Error('delivery-log worker: DUEFLOW_PG_URL and SCHEMA are required');

const pool = new pg.Pool({ connectionString: url, max: 2 });
const log = createPostgresDeliveryLog({ pool, schema, name: 'email' });
const replays = createPostgresReplayStore({ pool, schema });

type Command =
  | { readonly op: 'record'; readonly key: string; readonly memberKeys?: string[]; readonly providerId: string; readonly at: number }
  | { readonly op: 'find'; readonly key: string }
  | { readonly op: 'findKey'; readonly providerId: string }
  | { readonly op: 'remember'; readonly id: string; readonly expiresAt: number; readonly now: number }
  | { readonly op: 'exit' };

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'record':
      return log.record(command);
    case 'find':
      return (await log.find(command.key)) ?? null;
    case 'findKey':
      return (await log.findKey(command.providerId)) ?? null;
    case 'remember':
      return replays.remember(command.id, command.expiresAt, command.now);
    case 'exit':
      await pool.end();
      process.exit(0);
  }
}

process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  try {
    process.stdout.write(`${JSON.stringify({ ok: await run(JSON.parse(line) as Command) })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
