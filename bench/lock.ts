/**
 * A cross-process lock for the few steps that several benchmark runs on one machine must not
 * interleave: building packages and rewriting `BENCHMARKS.md`.
 *
 * @module
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STALE_MS = 15 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stale(dir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) return true;
    return Date.now() - statSync(dir).mtimeMs > STALE_MS;
  } catch {
    // A lock directory without its pid file is being created or removed right now.
    return false;
  }
}

/**
 * Runs `fn` while holding the lock `name` (a directory in the system temp folder), waiting for
 * other holders; a lock left by a dead process is taken over.
 *
 * @example
 * ```ts
 * await withLock('dueflow-bench-build', () => buildPackages());
 * ```
 */
export async function withLock<T>(name: string, fn: () => T | Promise<T>, onWait?: () => void): Promise<T> {
  const dir = path.join(os.tmpdir(), `${name}.lock`);
  let waited = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (stale(dir)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!waited) onWait?.();
      waited = true;
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
