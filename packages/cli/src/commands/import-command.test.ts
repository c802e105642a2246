import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

let dir = '';
const NOW = '2026-03-04T12:00:00Z';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, now: Date.parse(NOW) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const rows = Array.from({ length: 30 }, (_, i) => {
  const day = String((i % 27) + 1).padStart(2, '0');
  const paid = i % 3 === 0 ? `2026-02-${day}` : '';
  return `INV-${1000 + i},C${i % 6},Customer ${i % 6},2026-01-${day},2026-02-${day},"${(1000 + i * 37.5).toFixed(2)}",${paid}`;
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-import-'));
  writeFileSync(join(dir, 'invoices.csv'), ['Number,Client,Client name,Issued,Due,Total,Paid on', ...rows].join('\n'));
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
        settledDate: 'Paid on',
      },
      dateFormat: 'YYYY-MM-DD',
      currency: 'EUR',
    }),
  );
  writeFileSync(join(dir, 'bad-mapping.json'), JSON.stringify({ columns: { invoiceNumber: 'Number' }, currency: 'EURO' }));
  writeFileSync(join(dir, 'broken.json'), '{ "columns": ');
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('dueflow import', () => {
  it('checks a file without writing on --dry-run, then imports it, then reports on it', async () => {
    const dry = await cli('import', 'invoices.csv', '--mapping', 'mapping.json', '--dry-run', '--json');
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out) as {
      dryRun: boolean;
      written: boolean;
      counts: { rows: number; invoices: { new: number }; customers: { new: number }; payments: { new: number } };
    };
    expect(report.dryRun).toBe(true);
    expect(report.written).toBe(false);
    expect(report.counts.rows).toBe(30);
    expect(report.counts.invoices.new).toBe(30);
    expect(report.counts.customers.new).toBe(6);
    expect(report.counts.payments.new).toBe(10);

    const real = await cli('import', 'invoices.csv', '--mapping', 'mapping.json');
    expect(real.code).toBe(0);
    expect(real.out).toContain('Imported. 30 rows read');

    const again = await cli('import', 'invoices.csv', '--mapping', 'mapping.json', '--json');
    expect((JSON.parse(again.out) as { counts: { invoices: { unchanged: number } } }).counts.invoices.unchanged).toBe(30);

    const metrics = await cli('report', '--json');
    expect(metrics.code).toBe(0);
    expect((JSON.parse(metrics.out) as { metrics: { currency: string } }).metrics.currency).toBe('EUR');
  }, 60_000);

  it('leaves imported data alone: the demo refuses a data folder it did not create', async () => {
    const demo = await cli('demo', '--customers', '5', '--invoices', '20');
    expect(demo.code).toBe(2);
    expect(demo.err).toContain('holds a database the demo did not create');
    expect((await cli('report', '--json')).code).toBe(0);
  }, 60_000);

  it('rejects a missing file, an unreadable mapping and an invalid mapping with exit code 2', async () => {
    const missing = await cli('import', 'nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read "nope.csv"');
    const broken = await cli('import', 'invoices.csv', '--mapping', 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('not valid JSON');
    const invalid = await cli('import', 'invoices.csv', '--mapping', 'bad-mapping.json', '--json');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/currency/);
    expect((JSON.parse(invalid.out) as { error: { code: string } }).error.code).toBe('VALIDATION');
  }, 60_000);
});
