import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  FAKE_QUICKBOOKS_REALM_ID,
  quickBooksCompany,
  startFakeQuickBooks,
  startFakeStripe,
  stripeAccount,
  type FakeQuickBooks,
  type FakeStripe,
} from '@dueflow/testing/providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

// One recognisable secret behind every credential the CLI and the adapters accept; everything
// any command prints, on success or failure, is searched for it.
const SECRET = `S3cr3t-${randomBytes(8).toString('hex')}`;
const NOW = '2026-03-04T12:00:00Z';
const CREDENTIALS = {
  STRIPE_SECRET_KEY: `sk_test_${SECRET.replace('-', '')}stripe`,
  QUICKBOOKS_ACCESS_TOKEN: `${SECRET}-quickbooks-access`,
  QUICKBOOKS_CLIENT_SECRET: `${SECRET}-quickbooks-client`,
  QUICKBOOKS_REFRESH_TOKEN: `${SECRET}-quickbooks-refresh`,
  TWILIO_ACCOUNT_SID: `${SECRET}-pasted-as-sid`,
  TWILIO_AUTH_TOKEN: `${SECRET}-twilio`,
  SMTP_PASSWORD: `${SECRET}-smtp`,
  DUEFLOW_WEBHOOK_SECRET: `whsec_${SECRET}`,
  MY_KEY: `${SECRET}-custom-env`,
} as const;
const ALL_SECRETS = [SECRET, SECRET.replace('-', ''), ...Object.values(CREDENTIALS)];

let dir = '';
let refusedPort = 0;
let hangUp: Server;
let hangUpPort = 0;
let stripe: FakeStripe;
let quickbooks: FakeQuickBooks;
const printed: { args: string; text: string }[] = [];

async function cli(env: Readonly<Record<string, string>>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, now: Date.parse(NOW), env: { ...CREDENTIALS, ...env } });
  const code = await runCli(args, io);
  printed.push({ args: args.join(' '), text: `${io.out()}\n${io.err()}` });
  return { code, out: io.out(), err: io.err() };
}

function expectNoSecret(outputs: readonly { args: string; text: string }[] = printed): void {
  const leaks = outputs.filter((p) => ALL_SECRETS.some((s) => p.text.includes(s)));
  expect(leaks.map((l) => `dueflow ${l.args}\n${l.text}`)).toEqual([]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const url = (hostPort: string) => `postgres://dueflow:${SECRET}@${hostPort}/ar`;
const COMMANDS: readonly (readonly string[])[] = [
  ['queue'],
  ['approvals'],
  ['approve', 'k1'],
  ['reject', 'k1', '--reason', 'no'],
  ['explain', 'inv-1'],
  ['plan', 'inv-1'],
  ['timeline', 'inv-1'],
  ['report'],
  ['run'],
  ['import', 'invoices.csv'],
  ['sync', 'stripe', '--api-base', 'http://127.0.0.1:1'],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-secrets-'));
  writeFileSync(
    join(dir, 'invoices.csv'),
    'Number,Client,Client name,Issued,Due,Total\nINV-1,C1,Customer 1,2026-01-02,2026-02-02,"100.00"\n',
  );
  writeFileSync(join(dir, 'broken.csv'), 'Number\n"unterminated\n');
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
  refusedPort = await freePort();
  // Accepts the connection, then hangs up: the driver's "connection terminated" path.
  hangUp = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
  hangUpPort = (hangUp.address() as { port: number }).port;
  stripe = await startFakeStripe(CREDENTIALS.STRIPE_SECRET_KEY);
  Object.assign(stripe.data, stripeAccount());
  quickbooks = await startFakeQuickBooks();
  quickbooks.validToken = CREDENTIALS.QUICKBOOKS_ACCESS_TOKEN;
  Object.assign(quickbooks.data, quickBooksCompany());
});

afterAll(async () => {
  await new Promise<void>((resolve) => hangUp.close(() => resolve()));
  await stripe.close();
  await quickbooks.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  printed.length = 0;
});

describe('no secret is ever printed', () => {
  it('by help, version, unknown commands and bad usage, with the database URL in the environment', async () => {
    const env = { DUEFLOW_DATABASE_URL: url(`127.0.0.1:${refusedPort}`) };
    for (const args of [
      ['--help'],
      ['help'],
      ['help', 'sync'],
      ['sync', '--help'],
      ['queue', '--help'],
      ['--version'],
      ['nonsense'],
      ['--bogus'],
      ['queue', '--limit', 'ten'],
      ['reject', 'k1'],
      [],
    ]) {
      await cli(env, ...args);
    }
    const help = await cli(env, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--database-url');
    expect(help.out).toContain('DUEFLOW_DATABASE_URL');
    expectNoSecret();
  });

  it('by every command when the database URL is unparsable, from the flag or the environment', async () => {
    const bad = [
      url('db.example:99999'),
      `postgres://dueflow:${encodeURIComponent(`${SECRET}@%`)}@db.example:99999/ar`,
      url(''),
      url(':5432'),
      `postgres//dueflow:${SECRET}@db.example/ar`,
      `dueflow:${SECRET}@db.example:5432/ar`,
      `mysql://dueflow:${SECRET}@db.example/ar`,
      `postgres://dueflow:${SECRET}%zz@db.example/ar`,
      `postgres://dueflow:${SECRET}@db example/ar`,
    ];
    for (const value of bad) {
      const fromFlag = await cli({}, 'queue', '--database-url', value);
      expect(fromFlag.code, value).toBe(2);
      expect(fromFlag.err).toContain('--database-url');
      const fromEnv = await cli({ DUEFLOW_DATABASE_URL: value }, 'queue', '--json');
      expect(fromEnv.code, value).toBe(2);
      expect(fromEnv.err).toContain('DUEFLOW_DATABASE_URL');
      await cli({ DUEFLOW_DATABASE_URL: value, DUEFLOW_DEBUG: '1' }, 'report');
    }
    for (const args of COMMANDS) await cli({ DUEFLOW_DATABASE_URL: bad[0]! }, ...args);
    expectNoSecret();
  }, 30_000);

  it('by every command when the database refuses or drops the connection', async () => {
    for (const target of [`127.0.0.1:${refusedPort}`, `127.0.0.1:${hangUpPort}`]) {
      for (const args of COMMANDS) {
        const result = await cli({ DUEFLOW_DATABASE_URL: url(target) }, ...args);
        expect(result.code, args.join(' ')).not.toBe(0);
      }
      await cli({}, 'queue', '--json', '--database-url', url(target));
      await cli({ DUEFLOW_DEBUG: '1' }, 'run', '--database-url', url(target));
    }
    const refused = printed.find((p) => p.args === 'queue' && p.text.includes('ECONNREFUSED'));
    expect(refused?.text).toContain(`postgres://dueflow:***@127.0.0.1:${refusedPort}/ar`);
    expectNoSecret();
  }, 60_000);

  it('by every command on the embedded store, and by the sync commands, with good and bad input', async () => {
    // One store for all (creating a PGlite folder takes seconds); sync only compares (--dry-run).
    const store = ['--data-dir', 'store'];
    const made = await cli({}, 'demo', '--customers', '4', '--invoices', '16', '--days', '7', ...store);
    expect(made.code, made.err).toBe(0);
    const { out } = await cli({}, 'queue', '--json', ...store);
    const first = (JSON.parse(out) as { entries: { invoiceId: string }[] }).entries[0]?.invoiceId ?? 'none';
    for (const args of [
      ['approvals'],
      ['explain', first],
      ['plan', first],
      ['timeline', first, '--markdown'],
      ['report'],
      ['run'],
      ['approve', 'no-such-key'],
      ['explain', 'no-such-invoice'],
    ]) {
      await cli({}, ...args, ...store);
    }
    const imported = await cli({}, 'import', 'invoices.csv', '--mapping', 'mapping.json', '--dry-run', ...store);
    expect(imported.code, imported.err).toBe(0);
    expect((await cli({}, 'import', 'broken.csv', ...store)).code).not.toBe(0);
    expect((await cli({}, 'import', 'missing.csv', ...store)).code).not.toBe(0);

    const stripeArgs = ['sync', 'stripe', '--api-base', stripe.url, '--dry-run', ...store];
    const synced = await cli({}, ...stripeArgs);
    expect(synced.code, synced.err).toBe(0);
    expect((await cli({ STRIPE_SECRET_KEY: `sk_live_${SECRET}` }, ...stripeArgs, '--json')).code).not.toBe(0);
    expect((await cli({}, ...stripeArgs, '--key-env', 'MY_KEY')).code).not.toBe(0);
    expect((await cli({}, ...stripeArgs, '--key-env', 'UNSET_KEY')).code).toBe(2);
    expect((await cli({}, 'sync', 'stripe', '--api-base', `http://api:${SECRET}@127.0.0.1:${refusedPort}`, ...store)).code).not.toBe(0);
    const qboArgs = ['sync', 'quickbooks', '--realm-id', FAKE_QUICKBOOKS_REALM_ID, '--api-base', quickbooks.url, '--dry-run', ...store];
    const fromQuickBooks = await cli({}, ...qboArgs);
    expect(fromQuickBooks.code, fromQuickBooks.err).toBe(0);
    expect((await cli({}, ...qboArgs, '--key-env', 'MY_KEY', '--json')).code).not.toBe(0);
    expect((await cli({}, 'sync', 'xero')).code).toBe(2);
    expect((await cli({}, 'sync', 'stripe', '--api-base', `http://api:${SECRET}@bad host`)).code).toBe(2);
    expect(
      (await cli({}, 'sync', 'quickbooks', '--realm-id', FAKE_QUICKBOOKS_REALM_ID, '--api-base', `https://api:${SECRET}@[bad`)).code,
    ).toBe(2);
    expectNoSecret();
  }, 120_000);

  it('by the installed command, whose environment holds the secrets', async () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');
    const tsx = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const run = promisify(execFile);
    const env = { ...process.env, ...CREDENTIALS, DUEFLOW_DATABASE_URL: url(`127.0.0.1:${refusedPort}`), NO_COLOR: '1' };
    const outputs = await Promise.all(
      [['--help'], ['queue']].map(async (args) => {
        const result = await run(tsx, ['--conditions=@dueflow/source', bin, ...args], { cwd: dir, env }).catch(
          (error: { stdout: string; stderr: string }) => error,
        );
        return { args: args.join(' '), text: `${result.stdout}\n${result.stderr}` };
      }),
    );
    expect(outputs[0]?.text).toContain('DUEFLOW_DATABASE_URL');
    expect(outputs[1]?.text).toContain('ECONNREFUSED');
    expectNoSecret(outputs);
  }, 60_000);
});
