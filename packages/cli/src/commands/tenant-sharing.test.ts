import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { runCli } from '../program.js';

// Two tenants import the same file (the same invoice numbers, customers and addresses) into one
// data folder, and both run: they share the folder's outbox.
const NOW = '2026-03-04T10:00:00Z';
let dir = '';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, now: Date.parse(NOW) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dueflow-tenants-'));
  const rows = ['INV-1,C1,Customer 1,ap1@example.com', 'INV-2,C2,Customer 2,ap2@example.com', 'INV-3,C3,Customer 3,ap3@example.com'];
  writeFileSync(
    join(dir, 'invoices.csv'),
    ['Number,Client,Client name,Email,Issued,Due,Total', ...rows.map((r) => `${r},2026-01-26,2026-02-25,1200.00`)].join('\n'),
  );
  writeFileSync(
    join(dir, 'mapping.json'),
    JSON.stringify({
      columns: {
        invoiceNumber: 'Number',
        customerId: 'Client',
        customerName: 'Client name',
        contactEmail: 'Email',
        issueDate: 'Issued',
        dueDate: 'Due',
        amount: 'Total',
      },
      dateFormat: 'YYYY-MM-DD',
      currency: 'USD',
    }),
  );
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('two tenants with the same invoice numbers in one data folder', () => {
  it('each get their reminders: six reminders make six files in the shared outbox', async () => {
    for (const tenant of ['acme', 'globex']) {
      const imported = await cli('import', 'invoices.csv', '--mapping', 'mapping.json', '--tenant', tenant);
      expect(imported.err).toBe('');
      expect(imported.code).toBe(0);
    }
    const sent: number[] = [];
    for (const tenant of ['acme', 'globex']) {
      const run = await cli('run', '--json', '--now', NOW, '--tenant', tenant);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      sent.push((JSON.parse(run.out) as { sent: number }).sent);
    }
    expect(sent).toEqual([3, 3]);
    const files = readdirSync(join(dir, '.dueflow', 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(6);
    expect(files.filter((f) => f.startsWith('acme_'))).toHaveLength(3);
    expect(files.filter((f) => f.startsWith('globex_'))).toHaveLength(3);
  });
});
