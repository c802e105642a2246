import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FAKE_QUICKBOOKS_ACCESS_TOKEN,
  FAKE_QUICKBOOKS_REALM_ID,
  FAKE_STRIPE_API_KEY,
  quickBooksCompany,
  startFakeQuickBooks,
  startFakeStripe,
  stripeAccount,
  type FakeStripe,
} from '@dueflow/testing/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

let dir = '';
let stripe: FakeStripe;
const NOW = '2025-03-12T09:00:00Z';

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, now: Date.parse(NOW), env });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}
const withKey = { STRIPE_SECRET_KEY: FAKE_STRIPE_API_KEY };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-sync-'));
  stripe = await startFakeStripe();
  Object.assign(stripe.data, stripeAccount());
});

afterAll(async () => {
  await stripe.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('dueflow sync stripe', () => {
  it('compares on --dry-run, imports into the embedded store, then has nothing to change', async () => {
    const dry = await cli(withKey, 'sync', 'stripe', '--api-base', stripe.url, '--time-zone', 'America/New_York', '--dry-run', '--json');
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out) as {
      dryRun: boolean;
      written: boolean;
      records: number;
      diff: { invoices: { new: { id: string }[] }; credits: { new: { id: string }[] } };
    };
    expect(report).toMatchObject({ dryRun: true, written: false, records: 10 });
    expect(report.diff.invoices.new.map((i) => i.id).sort()).toEqual(['in_bad', 'in_open', 'in_paid', 'in_partial']);
    expect(report.diff.credits.new.map((c) => c.id)).toEqual(['cn_issued']);

    const synced = await cli(withKey, 'sync', 'stripe', '--api-base', stripe.url, '--time-zone', 'America/New_York');
    expect(synced.code).toBe(0);
    expect(synced.out).toContain('Synced. 10 records read from stripe');
    expect(synced.out).toContain('Invoices: 4 new, 0 changed, 0 unchanged, 0 no longer in stripe');
    expect(synced.out).toContain('Payments: 2 new, 0 changed, 0 unchanged; credit notes: 1 new, 0 changed, 0 unchanged');

    const explained = await cli({}, 'explain', 'in_open');
    expect(explained.code).toBe(0);
    expect(explained.out).toContain('Invoice');

    const again = await cli(withKey, 'sync', 'stripe', '--api-base', stripe.url, '--time-zone', 'America/New_York');
    expect(again.out).toContain('Nothing to change. 10 records read from stripe');
    expect(again.out).toContain('Invoices: 0 new, 0 changed, 4 unchanged');
  });

  it('exits with 2 and says why on bad usage, never echoing the key', async () => {
    const noKey = await cli({}, 'sync', 'stripe', '--api-base', stripe.url);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('--key-env: the environment variable STRIPE_SECRET_KEY is not set (put the Stripe secret key in it)');
    const other = await cli(withKey, 'sync', 'xero', '--api-base', stripe.url);
    expect(other.code).toBe(2);
    expect(other.err).toContain('system: "xero" is not supported (supported: stripe, quickbooks)');
    const missing = await cli(withKey, 'sync', 'stripe', '--api-base', stripe.url, '--on-missing', 'delete');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--on-missing: "delete" is not one of flag-for-review, mark-paid, ignore');
    const wrongKey = await cli({ STRIPE_SECRET_KEY: 'sk_test_wrongwrongwrong1234' }, 'sync', 'stripe', '--api-base', stripe.url);
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.err).toContain('HTTP 401');
    expect(wrongKey.err).not.toContain('sk_test_wrongwrongwrong1234');
  });
});

describe('dueflow sync quickbooks', () => {
  it('imports a QuickBooks company with the token from the environment, then has nothing to change', async () => {
    const qbo = await startFakeQuickBooks();
    Object.assign(qbo.data, quickBooksCompany());
    const env = { QUICKBOOKS_ACCESS_TOKEN: FAKE_QUICKBOOKS_ACCESS_TOKEN };
    const args = ['sync', 'quickbooks', '--realm-id', FAKE_QUICKBOOKS_REALM_ID, '--api-base', qbo.url, '--data-dir', 'qbo-store'];
    try {
      const first = await cli(env, ...args, '--json');
      expect(first.err).toBe('');
      const report = JSON.parse(first.out) as {
        written: boolean;
        records: number;
        issues: { count: number };
        diff: { invoices: { new: unknown[] }; payments: { new: unknown[] } };
      };
      expect(report).toMatchObject({ written: true, issues: { count: 0 } });
      expect(report.diff.invoices.new.length).toBeGreaterThan(0);
      expect(report.diff.payments.new.length).toBeGreaterThan(0);
      const again = await cli(env, ...args);
      expect(again.out).toContain(`Nothing to change. ${report.records} records read from quickbooks`);
      expect(qbo.requests.every((r) => r.headers.authorization === `Bearer ${FAKE_QUICKBOOKS_ACCESS_TOKEN}`)).toBe(true);

      const noRealm = await cli(env, 'sync', 'quickbooks', '--api-base', qbo.url);
      expect(noRealm.code).toBe(2);
      expect(noRealm.err).toContain('--realm-id: required for quickbooks');
      const noToken = await cli({}, ...args);
      expect(noToken.code).toBe(2);
      expect(noToken.err).toContain(
        '--key-env: the environment variable QUICKBOOKS_ACCESS_TOKEN is not set (put the QuickBooks access token in it)',
      );
    } finally {
      await qbo.close();
    }
  });
});
