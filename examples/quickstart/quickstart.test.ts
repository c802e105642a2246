import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the README quickstart', () => {
  it('runs and prints the overdue notice decision', () => {
    const script = fileURLToPath(new URL('./quickstart.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@dueflow/source', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    });
    expect(out).toContain('Act: Overdue notice (overdue-notice) by email');
    expect(out).toContain('$4,200.00 is outstanding.');
  });
});
