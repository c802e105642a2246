import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from './io.js';
import { runCli } from './program.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('dueflow --version', () => {
  it('prints the version of its package.json', async () => {
    expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const io = captureIo({ cwd: process.cwd(), now: 0 });
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out()).toBe(`${packageJson.version}\n`);
      expect(io.err()).toBe('');
    }
  });

  // The built command reads the same file from dist/ (checked when the package has been built).
  const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  it.skipIf(!existsSync(bin))('prints it from the built bin too', () => {
    const out = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(out).toBe(`${packageJson.version}\n`);
  });
});
