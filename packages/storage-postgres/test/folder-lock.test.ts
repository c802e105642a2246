import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPgliteStorage, LOCK_FILE_NAME, lockPgliteFolder, openPgliteFolder, pgliteFolderOf, StoreLockedError } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const base = mkdtempSync(join(tmpdir(), 'dueflow-lock-'));
let n = 0;
const children: ChildProcess[] = [];

function folder(): string {
  n += 1;
  return join(base, `f${n}`);
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function worker(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@dueflow/source', join(import.meta.dirname, 'folder-lock-worker.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A process id that no longer runs: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid ?? 999_999;
}

function writeLock(dir: string, record: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, LOCK_FILE_NAME),
    JSON.stringify({ host: hostname(), command: 'dueflow run', startedAt: '2026-01-01T00:00:00.000Z', token: 'old', ...record }),
  );
}

function lockRecord(dir: string): { pid: number; host: string; command: string; startedAt: string } {
  return JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number; host: string; command: string; startedAt: string };
}

describe('lockPgliteFolder', () => {
  it('writes a lock file naming this process, and removes it on release', () => {
    const dir = folder();
    const lock = lockPgliteFolder(dir);
    const record = lockRecord(dir);
    expect(record).toMatchObject({ pid: process.pid, host: hostname() });
    expect(record.command).toContain(process.argv[1] ?? 'node');
    expect(Date.parse(record.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(lock.holder).toEqual({ pid: process.pid, host: hostname(), command: record.command, startedAt: record.startedAt });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lock.release();
    lockPgliteFolder(dir).release();
  });

  it('refuses a second lock in the same process', () => {
    const dir = folder();
    const lock = lockPgliteFolder(dir);
    try {
      expect(() => lockPgliteFolder(dir)).toThrow(StoreLockedError);
      expect(() => lockPgliteFolder(dir)).toThrow(new RegExp(`in use by process ${process.pid} on `));
    } finally {
      lock.release();
    }
  });

  it('refuses while another process holds the folder, naming its pid, host, command and start time', { timeout: 120_000 }, async () => {
    const dir = folder();
    const holder = worker({ MODE: 'hold', DIR: dir });
    await until(() => holder.output().includes('locked'), 'the holder');
    let error: unknown;
    try {
      lockPgliteFolder(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreLockedError);
    const locked = error as StoreLockedError;
    expect(locked.code).toBe('STORE_LOCKED');
    expect(locked.holder).toMatchObject({ pid: holder.child.pid, host: hostname() });
    expect(locked.holder?.command).toContain('folder-lock-worker.ts');
    expect(locked.message).toContain(`process ${String(holder.child.pid)} on ${hostname()}`);
    expect(locked.message).toContain('folder-lock-worker.ts');
    expect(locked.lockFile).toBe(join(dir, LOCK_FILE_NAME));
    // A process stopped by a debugger or SIGSTOP still holds it.
    holder.child.kill('SIGSTOP');
    expect(() => lockPgliteFolder(dir)).toThrow(StoreLockedError);
    holder.child.kill('SIGCONT');
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = folder();
    const pid = await deadPid();
    writeLock(dir, { pid });
    const lock = lockPgliteFolder(dir);
    expect(lockRecord(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock from before a reboot, or whose pid now belongs to a later process', () => {
    const dir = folder();
    writeLock(dir, { pid: process.ppid, bootId: 'an-earlier-boot' });
    const first = lockPgliteFolder(dir);
    const ownBoot = (JSON.parse(readFileSync(first.lockFile, 'utf8')) as { bootId?: string }).bootId;
    first.release();
    if (ownBoot === undefined) return; // Not Linux: no boot id or process start times to compare.
    writeLock(dir, { pid: process.ppid, bootId: ownBoot, processStart: '1' });
    lockPgliteFolder(dir).release();
  });

  it('takes over a lock naming this very pid that this process does not hold (a restarted container)', () => {
    const dir = folder();
    writeLock(dir, { pid: process.pid });
    lockPgliteFolder(dir).release();
  });

  it('removes lock records left by a process killed while writing one, once they are old', () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    const old = join(dir, `${LOCK_FILE_NAME}.4242.0badf00d.tmp`);
    const fresh = join(dir, `${LOCK_FILE_NAME}.4343.0badf00d.tmp`);
    writeFileSync(old, '{}');
    writeFileSync(fresh, '{}');
    utimesSync(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const lock = lockPgliteFolder(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE_NAME, `${LOCK_FILE_NAME}.4343.0badf00d.tmp`]);
    lock.release();
  });

  it('never takes over a lock held on another host', () => {
    const dir = folder();
    writeLock(dir, { pid: 1, host: 'some-other-host' });
    expect(() => lockPgliteFolder(dir)).toThrow(/in use by process 1 on some-other-host \("dueflow run", since 2026-01-01T00:00:00.000Z\)/);
    expect(() => lockPgliteFolder(dir)).toThrow(`if that process no longer runs on some-other-host, delete ${join(dir, LOCK_FILE_NAME)}`);
  });

  it('lets exactly one of several processes take over the same stale lock', async () => {
    const dir = folder();
    writeLock(dir, { pid: await deadPid() });
    const go = join(base, `go-${n}`);
    const racers = Array.from({ length: 5 }, () => worker({ MODE: 'race', DIR: dir, GO: go, HOLD_MS: '3000' }));
    await until(() => racers.every((r) => r.output().includes('ready')), 'every racer at the barrier', 90_000);
    writeFileSync(go, '');
    const exits = await Promise.all(racers.map((r) => r.exited));
    expect(exits.every((e) => e.code === 0)).toBe(true);
    const outputs = racers.map((r) => r.output().trim().split('\n').at(-1) ?? '');
    expect(outputs.filter((o) => o === 'won')).toHaveLength(1);
    expect(outputs.filter((o) => o.startsWith('refused '))).toHaveLength(4);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('is released when the holder exits without releasing, and when it dies of SIGTERM', async () => {
    const dir = folder();
    const exiting = worker({ MODE: 'exit', DIR: dir });
    expect(await exiting.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

    const holder = worker({ MODE: 'hold', DIR: dir });
    await until(() => holder.output().includes('locked'), 'the holder');
    holder.child.kill('SIGTERM');
    expect(await holder.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

    // SIGKILL leaves the file; the next process finds it stale.
    const killed = worker({ MODE: 'hold', DIR: dir });
    await until(() => killed.output().includes('locked'), 'the holder');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(lockRecord(dir).pid).toBe(killed.child.pid);
    lockPgliteFolder(dir).release();
  }, 120_000);
});

describe('openPgliteFolder and createPgliteStorage', () => {
  it('opens a locked folder, shares it with the storage, and unlocks on close', { timeout: 120_000 }, async () => {
    const dir = folder();
    const opened = await openPgliteFolder(dir);
    expect(pgliteFolderOf(opened.pglite)).toBe(opened.dataDir);
    const storage = createPgliteStorage({ pglite: opened.pglite, tenantId: 'a' });
    const other = createPgliteStorage({ pglite: opened.pglite, tenantId: 'b' });
    await storage.init();
    expect(await storage.listInvoices({ limit: 1 })).toEqual([]);
    await expect(openPgliteFolder(dir)).rejects.toThrow(/this process already holds it/);
    await storage.close();
    await other.close();
    expect(existsSync(opened.lockFile)).toBe(true);
    await opened.close();
    expect(existsSync(opened.lockFile)).toBe(false);
    expect(opened.pglite.closed).toBe(true);
    const again = await openPgliteFolder(dir);
    await again.close();
  });

  it('refuses, opening nothing, when another process holds the folder', { timeout: 120_000 }, async () => {
    const dir = folder();
    const holder = worker({ MODE: 'hold', DIR: dir });
    await until(() => holder.output().includes('locked'), 'the holder');
    await expect(openPgliteFolder(dir)).rejects.toMatchObject({ code: 'STORE_LOCKED', holder: { pid: holder.child.pid } });
    // PGlite never ran there: no database files beside the lock.
    expect(readdirSync(dir)).toEqual([LOCK_FILE_NAME]);
  });

  it('locks a folder itself when given a PGlite instance on it, and refuses a second instance or process', async () => {
    const dir = folder();
    const pglite = new PGlite(dir);
    const storage = createPgliteStorage({ pglite });
    expect(lockRecord(dir).pid).toBe(process.pid);
    // Refused before it is used, so it need not be opened (opening it would be the damage).
    const second = {
      dataDir: dir,
      query: () => Promise.reject(new Error('unused')),
      transaction: () => Promise.reject(new Error('unused')),
    } as unknown as PGlite;
    expect(() => createPgliteStorage({ pglite: second })).toThrow(/another PGlite instance of this process/);
    await storage.init();
    await storage.close();
    // PGlite is still open: it writes while closing, so the folder stays locked until it is closed.
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
    await pglite.close();
    const reopened = new PGlite(dir);
    const storage2 = createPgliteStorage({ pglite: reopened });
    await storage2.init();
    await reopened.close();
    await storage2.close();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  }, 120_000);

  it('does not lock in-memory instances', () => {
    expect(pgliteFolderOf(new PGlite())).toBeUndefined();
    expect(pgliteFolderOf({ dataDir: 'memory://x' })).toBeUndefined();
    expect(pgliteFolderOf({ dataDir: 'idb://x' })).toBeUndefined();
    expect(pgliteFolderOf({ dataDir: 'file:///srv/data' })).toBe('/srv/data');
  });
});
