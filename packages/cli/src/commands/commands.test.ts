import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

// One small demo in a temp folder; every command then runs in-process against its PGlite store.
const NOW = '2026-03-04T12:00:00Z';
const QUEUE_AT = '2026-03-04T10:00:00Z';
let dir = '';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, now: Date.parse(NOW) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface DemoJson {
  schemaVersion: number;
  simulation: boolean;
  period: { start: string; end: string; days: number };
  portfolio: { customers: number; invoices: number; timeZones: string[] };
  activity: { ticks: number; messages: Record<string, number>; payments: number; approvals: number };
  metrics: Record<
    'before' | 'after' | 'control',
    { dso: number | null; cei: number | null; averageDaysDelinquent: number | null; receivables: number }
  >;
  effect: { collectedWith: number; collectedWithout: number; collectedDifference: number };
  queue: { at: string; ranking: string; top: { rank: number; invoiceId: string; reasons: string[] }[] };
  files: { outbox: string; htmlReport: string };
}
let demo: DemoJson;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-cli-'));
  const { code, out, err } = await cli(
    'demo',
    '--customers',
    '16',
    '--invoices',
    '110',
    '--days',
    '30',
    '--seed',
    '5',
    '--json',
    '--now',
    NOW,
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  demo = JSON.parse(out) as DemoJson;
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('dueflow demo', () => {
  it('prints a JSON summary labelled as a simulation', () => {
    expect(demo.schemaVersion).toBe(1);
    expect(demo.simulation).toBe(true);
    expect(demo.period).toEqual({ start: '2026-02-02', end: '2026-03-03', days: 30 });
    expect(demo.portfolio.customers).toBe(16);
    expect(demo.portfolio.timeZones.length).toBeGreaterThan(1);
    expect(demo.activity.ticks).toBeGreaterThan(0);
    expect(demo.activity.payments).toBeGreaterThan(0);
    for (const m of [demo.metrics.before, demo.metrics.after, demo.metrics.control]) {
      expect(m).toHaveProperty('dso');
      expect(m).toHaveProperty('cei');
      expect(m).toHaveProperty('averageDaysDelinquent');
    }
    expect(demo.effect.collectedDifference).toBe(demo.effect.collectedWith - demo.effect.collectedWithout);
    // Reminders only ever bring payments forward in the model.
    expect(demo.effect.collectedWith).toBeGreaterThanOrEqual(demo.effect.collectedWithout);
    expect(demo.queue.ranking).toMatch(/buildActionQueue/);
    expect(demo.queue.top.length).toBeLessThanOrEqual(10);
  });

  it('writes the messages to the outbox folder and an HTML report', () => {
    const files = readdirSync(demo.files.outbox).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBe(Object.values(demo.activity.messages).reduce((a, b) => a + b, 0));
    expect(readFileSync(join(demo.files.outbox, files[0]!), 'utf8')).toMatch(/X-Dueflow-Key: /);
    expect(readFileSync(demo.files.htmlReport, 'utf8')).toContain('id="dso-chart"');
  });
});

describe('commands on the stored data', () => {
  it('queue --json gives the core queue shape', async () => {
    const { code, out } = await cli('queue', '--json', '--now', QUEUE_AT, '--limit', '3');
    expect(code).toBe(0);
    const queue = JSON.parse(out) as {
      schemaVersion: number;
      generatedAt: string;
      entries: { rank: number; reasons: string[]; risk: { band: string } }[];
      counts: Record<string, number>;
      total: number;
    };
    expect(queue.schemaVersion).toBe(1);
    expect(queue.generatedAt).toBe('2026-03-04T10:00:00.000Z');
    expect(queue.entries.length).toBeLessThanOrEqual(3);
    expect(queue.counts).toHaveProperty('wait');
    for (const e of queue.entries) expect(e.reasons.length).toBeGreaterThan(0);
  });

  it('queue prints a readable list', async () => {
    const { code, out } = await cli('queue', '--now', QUEUE_AT);
    expect(code).toBe(0);
    expect(out).toContain('Action queue at 2026-03-04T10:00:00.000Z');
  });

  it('explain shows the segment rules and the decision, by id or by number', async () => {
    const { out: list } = await cli('timeline', 'inv-00001', '--json');
    const number = (JSON.parse(list) as { invoice: { number: string } }).invoice.number;
    const { code, out } = await cli('explain', number);
    expect(code).toBe(0);
    expect(out).toContain('Segment:');
    expect(out).toContain('Standard (standard)');
    const json = await cli('explain', 'inv-00001', '--json');
    const parsed = JSON.parse(json.out) as {
      invoice: { id: string };
      explanation: { decision: { kind: string }; text: string };
      segments: { rules: unknown[] };
    };
    expect(parsed.invoice.id).toBe('inv-00001');
    expect(['act', 'wait', 'done']).toContain(parsed.explanation.decision.kind);
    expect(parsed.segments.rules).toHaveLength(4);
  });

  it('plan lists the communications to come', async () => {
    const openId = demo.queue.top[0]?.invoiceId ?? 'inv-00001';
    const { code, out } = await cli('plan', openId, '--json', '--days', '60');
    expect(code).toBe(0);
    const plan = JSON.parse(out) as {
      invoiceId: string;
      actions: { at: string; decision: { step: { id: string } } }[];
      last: { kind: string };
    };
    expect(plan.invoiceId).toBe(openId);
    expect(Array.isArray(plan.actions)).toBe(true);
    const text = await cli('plan', openId);
    expect(text.out).toContain('Upcoming communications');
  });

  it('timeline exports Markdown and JSON', async () => {
    const md = await cli('timeline', 'inv-00001', '--markdown');
    expect(md.code).toBe(0);
    expect(md.out.startsWith('#')).toBe(true);
    const json = await cli('timeline', 'inv-00001', '--json');
    expect((JSON.parse(json.out) as { schema: string }).schema).toBe('dueflow.timeline');
    const text = await cli('timeline', 'inv-00001');
    expect(text.out).toContain('Timeline of');
  });

  it('report prints the metrics and writes the HTML report', async () => {
    const { code, out } = await cli('report', '--json', '--html', 'report.html');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      metrics: { dso: number | null; cei: number | null };
      aging: { buckets: unknown[] };
      dso: unknown[];
      html: string;
    };
    expect(report.aging.buckets).toHaveLength(5);
    expect(report.dso.length).toBeGreaterThan(2);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const text = await cli('report');
    expect(text.out).toContain('DSO (days)');
    expect(text.out).toContain('Current');
  });

  it('run ticks once and keeps the data between runs', async () => {
    const first = await cli('run', '--json', '--now', '2026-03-04T10:00:00Z');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as { decided: number; sent: number; at: string };
    expect(summary.at).toBe('2026-03-04T10:00:00.000Z');
    // A second tick at the same instant finds nothing new: what the first did is stored.
    const second = JSON.parse((await cli('run', '--json', '--now', '2026-03-04T10:00:00Z')).out) as { enqueued: number };
    expect(second.enqueued).toBe(0);
  });
});

describe('dueflow approvals, approve and reject', () => {
  // Six weeks on, strategic accounts reach steps that need a person (plan offers, credit holds).
  const LATER = '2026-04-15T14:00:00Z';

  it('lists what awaits a person, and records approvals and rejections on the timeline', async () => {
    const tick = JSON.parse((await cli('run', '--json', '--now', LATER)).out) as { awaitingApproval: number };
    expect(tick.awaitingApproval).toBeGreaterThanOrEqual(2);
    const listed = await cli('approvals', '--json', '--now', LATER);
    expect(listed.code).toBe(0);
    const { total, items } = JSON.parse(listed.out) as {
      total: number;
      items: { key: string; kind: string; invoiceId: string; what: string; explanation: string }[];
    };
    expect(total).toBe(items.length);
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) {
      expect(item.kind).toBe('action');
      expect(item.explanation).toContain(item.key);
    }
    const [first, second] = items as [(typeof items)[0], (typeof items)[0]];

    const text = await cli('approvals', '--now', LATER);
    expect(text.out).toContain(`${first.key}  ${first.what} on ${first.invoiceId}`);

    const approved = await cli('approve', first.key, '--by', 'maria', '--json', '--now', '2026-04-15T14:05:00Z');
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.out)).toEqual({
      key: first.key,
      decision: 'approved',
      by: 'maria',
      at: '2026-04-15T14:05:00.000Z',
      invoiceId: first.invoiceId,
      step: first.what,
    });

    const noReason = await cli('reject', second.key, '--by', 'maria', '--now', '2026-04-15T14:06:00Z');
    expect(noReason.code).toBe(2);
    const rejected = await cli(
      'reject',
      second.key,
      '--by',
      'maria',
      '--reason',
      'expansion deal in flight',
      '--now',
      '2026-04-15T14:06:00Z',
    );
    expect(rejected.code).toBe(0);
    expect(rejected.out).toContain(`Rejected "${second.what}" on ${second.invoiceId}`);

    // Answered items leave the list, and cannot be answered twice.
    const after = JSON.parse((await cli('approvals', '--json', '--now', '2026-04-15T14:07:00Z')).out) as { items: { key: string }[] };
    expect(after.items.map((i) => i.key)).not.toContain(first.key);
    expect(after.items.map((i) => i.key)).not.toContain(second.key);
    const again = await cli('approve', second.key, '--by', 'maria', '--now', '2026-04-15T14:08:00Z');
    expect(again.code).toBe(2);
    expect(again.err).toContain(`no item awaiting approval under "${second.key}"`);

    expect((await cli('timeline', second.invoiceId, '--json')).out).toContain('expansion deal in flight');
    expect((await cli('timeline', first.invoiceId, '--json')).out).toContain('maria');
  });
});

describe('bad input', () => {
  it('an unknown invoice exits with 2 and names it', async () => {
    const { code, err } = await cli('explain', 'inv-nope');
    expect(code).toBe(2);
    expect(err).toContain('no invoice with id or number "inv-nope"');
    expect(err).not.toContain('    at ');
  });

  it('prints a JSON error object with --json', async () => {
    const { code, out } = await cli('plan', 'inv-nope', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('inv-nope') as unknown } });
  });

  it('rejects unknown commands, bad numbers, bad instants and bad URLs with 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('plan', 'inv-00001', '--days', 'many')).code).toBe(2);
    const now = await cli('queue', '--now', 'yesterday');
    expect(now.code).toBe(2);
    expect(now.err).toContain('--now');
    const url = await cli('queue', '--database-url', 'mysql://db/x');
    expect(url.code).toBe(2);
    expect(url.err).toContain('--database-url');
  });

  it('a data folder that cannot be created exits with 2', async () => {
    const { code, err } = await cli('queue', '--data-dir', join(demo.files.htmlReport, 'nested'));
    expect(code).toBe(2);
    expect(err).toContain('--data-dir: cannot create');
  });

  it('help exits with 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['demo', 'import', 'queue', 'explain', 'plan', 'timeline', 'report', 'run']) expect(out).toContain(command);
  });
});
