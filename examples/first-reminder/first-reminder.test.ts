import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the getting-started first reminder', () => {
  it('runs one tick and sends the overdue notice through the console channel', () => {
    const script = fileURLToPath(new URL('./first-reminder.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@dueflow/source', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    });
    expect(out).toContain('── email · acme/inv-1042:overdue-notice:1');
    expect(out).toContain('Subject:  Did invoice INV-1042 slip through?');
    expect(out).toContain('Amount due: $4,200.00');
    expect(out).toContain('sent inv-1042:overdue-notice:1 by email');
    expect(out).toContain('decided 1, sent 1');
  });
});
