/**
 * One worker process of the crash storm: a collector per tenant on the shared PostgreSQL schema,
 * all sending through the same real channels (SMTP, a Twilio-speaking server, a webhook
 * receiver, the letter folder) with delivery logs in the database. The test kills it with
 * SIGKILL at random moments and terminates its database connections; it must never die of
 * anything else.
 *
 * @module
 */
import { createEmailChannel } from '@dueflow/channel-email';
import { createLetterChannel } from '@dueflow/channel-letter';
import { createTwilioChannel } from '@dueflow/channel-twilio';
import { createWebhookChannel } from '@dueflow/channel-webhook';
import { compilePolicy, type PolicyInput } from '@dueflow/core';
import { createCollector } from '@dueflow/runtime';
import type { Channel } from '@dueflow/runtime/ports';
import { createPostgresDeliveryLog, createPostgresStorage } from '@dueflow/storage-postgres';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { stormRenderer, TWILIO, WEBHOOK_SECRET } from './receivers.js';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`storm worker: missing ${name}`);
  return value;
}

const workerId = env('WORKER_ID');
const schema = env('SCHEMA');
const base = Number(env('SIM_NOW'));
const started = Number(env('SIM_STARTED'));
const tenants = env('TENANTS').split(',');
const policy = compilePolicy(JSON.parse(env('POLICY')) as PolicyInput);

// The pool's own clients lose their backend when the test terminates it: that is an event to
// log, not a reason to die (the storage's transactions handle the clients they hold).
const pool = new pg.Pool({ connectionString: env('DUEFLOW_PG_URL'), max: 4, application_name: `dueflow-storm-${workerId}` });
pool.on('error', (error) => process.stderr.write(`[${workerId}] idle client lost: ${error.message}\n`));

const channels: Channel[] = [
  createEmailChannel({
    transport: nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(env('SMTP_PORT')),
      secure: false,
      ignoreTLS: true,
      pool: false,
    }),
    from: { name: 'Storm AR', address: 'ar@storm.example' },
    domain: 'storm.example',
    deliveryLog: createPostgresDeliveryLog({ pool, schema, name: 'email' }),
  }),
  createTwilioChannel({
    ...TWILIO,
    from: '+14155550000',
    baseUrl: env('TWILIO_URL'),
    statusCallbackUrl: 'http://127.0.0.1:9/twilio/status',
    deliveryLog: createPostgresDeliveryLog({ pool, schema, name: 'twilio' }),
  }),
  createWebhookChannel({ url: env('WEBHOOK_URL'), secret: WEBHOOK_SECRET, retries: 0 }),
  createLetterChannel({
    output: { directory: env('LETTER_DIR') },
    sender: { name: 'Storm AR', addressLines: ['1 Storm Street'] },
    compress: false,
  }),
];

const collectors = tenants.map((tenantId) =>
  createCollector({
    storage: createPostgresStorage({ pool, schema, tenantId }),
    channels,
    policy,
    renderer: stormRenderer,
    // Simulated time runs from SIM_NOW at the wall clock's pace, shared by every worker, so
    // leases of killed workers expire while decisions stay those of SIM_NOW's day.
    clock: { now: () => base + (Date.now() - started) },
    // Short leases and backoff keep the storm within minutes; attempts are many because every
    // kill and every terminated backend costs the entries in flight one.
    dispatch: {
      workerId: `${workerId}-${tenantId}`,
      leaseMs: 3_000,
      batchSize: 25,
      maxAttempts: 50,
      backoff: { baseMs: 1_000, maxMs: 5_000 },
    },
  }),
);

process.stdout.write(`ready ${workerId}\n`);
for (;;) {
  let busy = false;
  for (const collector of collectors) {
    try {
      const summary = await collector.tick();
      busy ||= summary.decided > 0 || summary.sent > 0;
    } catch (error) {
      // A tick that fails on a lost connection is retried by the next one.
      process.stderr.write(`[${workerId}] tick failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    }
  }
  if (!busy) await new Promise((r) => setTimeout(r, 100));
}
