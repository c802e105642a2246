/**
 * The lock on an embedded PGlite folder. PGlite is PostgreSQL in one process with no shared
 * memory between processes: two processes opening one folder each believe they own it and
 * overwrite each other's pages, which is how a folder loses rows and gets duplicate keys without
 * any error. A lock file in the folder names the process that holds it; every other process is
 * refused before it opens the folder.
 *
 * Why a lock file of our own rather than `proper-lockfile`: that library (CommonJS, works on
 * Node 20) decides staleness by the lock's modification time, which the holder must refresh on
 * a timer; PGlite runs queries synchronously on the main thread, so a long import can block the
 * timer past the stale limit and let a second process in. Here a lock is stale only when its
 * holder is provably gone: same host, and that process id is not running (or is running but
 * started after the lock was written, or the machine has rebooted since).
 *
 * Acquisition is atomic: the record is written to a private file, then hard-linked to the lock
 * name, which fails if the name exists (where hard links are not supported, `open(O_EXCL)` is
 * used). A stale lock is removed only while holding a short second lock (`<lock>.takeover`) and
 * only if its content is still the stale record that was read, so two processes taking over the
 * same stale lock cannot both win.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DueflowError } from '@dueflow/core';

/** The name of the lock file inside a PGlite folder. */
export const LOCK_FILE_NAME = 'dueflow.lock';

/** Who holds a folder: what the lock file says. */
export interface FolderLockHolder {
  /** Process id of the holder. */
  readonly pid: number;
  /** Host name of the machine it runs on. */
  readonly host: string;
  /** Its command line (credentials in URLs and secret-looking flags are masked). */
  readonly command: string;
  /** When it took the lock, an ISO 8601 instant. */
  readonly startedAt: string;
}

/** What the lock file holds: the holder, and what proves it alive or gone. */
interface LockRecord extends FolderLockHolder {
  /** Unique per acquisition, so a process only ever removes its own lock. */
  readonly token: string;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  readonly bootId?: string;
  /** Linux process start time (clock ticks since boot): tells a reused pid from the holder. */
  readonly processStart?: string;
}

/**
 * The embedded store is in use by another process (or by another PGlite instance in this one):
 * `holder` names it, `lockFile` is the lock. Nothing was opened or written.
 *
 * @example
 * ```ts
 * try { await openPgliteFolder('./dueflow-data'); }
 * catch (e) { if (e instanceof StoreLockedError) console.error(`busy: pid ${e.holder?.pid} (${e.holder?.command})`); }
 * ```
 */
export class StoreLockedError extends DueflowError {
  /** The process holding the folder, when the lock file could be read. */
  readonly holder: FolderLockHolder | undefined;
  /** Absolute path of the lock file. */
  readonly lockFile: string;

  constructor(dataDir: string, lockFile: string, holder: FolderLockHolder | undefined, detail?: string) {
    const who =
      holder === undefined
        ? 'an unreadable lock file'
        : `process ${holder.pid} on ${holder.host} (${JSON.stringify(holder.command)}, since ${holder.startedAt})`;
    super(
      'STORE_LOCKED',
      `dataDir: the embedded store ${JSON.stringify(dataDir)} is in use by ${who}; PGlite allows one process per folder, so this one opened nothing${detail === undefined ? '' : `; ${detail}`}`,
    );
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

/** A lock held by this process. */
export interface HeldFolderLock {
  /** Absolute, resolved path of the locked folder. */
  readonly dataDir: string;
  /** Absolute path of the lock file. */
  readonly lockFile: string;
  /** What the lock file says about this process. */
  readonly holder: FolderLockHolder;
  /** Removes the lock file if it is still this lock's; later calls do nothing. */
  release(): void;
}

const TAKEOVER_WAIT_MS = 2_000;
/** A takeover lock or an unreadable lock file older than this is abandoned. */
const ABANDONED_MS = 10_000;

/**
 * Takes the lock on `dataDir` (created if missing) or throws a {@link StoreLockedError} naming
 * the holder. A lock left by a process that is gone is taken over. The lock is released by
 * `release()` and, failing that, when the process exits (`exit`, and `SIGINT`, `SIGTERM` or
 * `SIGHUP` when nothing else handles them).
 *
 * @example
 * ```ts
 * const lock = acquireFolderLock('./dueflow-data');
 * try { /* open PGlite on the folder *\/ } finally { lock.release(); }
 * ```
 */
export function acquireFolderLock(dataDir: string): HeldFolderLock {
  let dir: string;
  try {
    mkdirSync(dataDir, { recursive: true });
    dir = realpathSync(dataDir);
  } catch (error) {
    throw new DueflowError(
      'CONFIG',
      `dataDir: cannot create or read the folder ${JSON.stringify(dataDir)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { cause: error },
    );
  }
  const lockFile = join(dir, LOCK_FILE_NAME);
  const record = ownRecord();
  const content = `${JSON.stringify(record, null, 2)}\n`;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (tryCreate(lockFile, content)) {
      removeAbandonedTemps(dir);
      return track(dir, lockFile, record);
    }
    const seen = readLock(lockFile);
    if (seen === 'missing') continue;
    if (!isStale(seen, lockFile)) {
      const elsewhere = seen.record !== undefined && seen.record.host !== hostname();
      throw new StoreLockedError(
        dir,
        lockFile,
        seen.record,
        elsewhere ? `if that process no longer runs on ${seen.record?.host ?? ''}, delete ${lockFile}` : undefined,
      );
    }
    removeIfUnchanged(dir, lockFile, seen);
  }
  const last = readLock(lockFile);
  throw new StoreLockedError(dir, lockFile, last === 'missing' ? undefined : last.record, 'other processes kept taking the lock');
}

interface SeenLock {
  readonly raw: string;
  readonly record: LockRecord | undefined;
  readonly modifiedAt: number;
}

function readLock(lockFile: string): SeenLock | 'missing' {
  try {
    const raw = readFileSync(lockFile, 'utf8');
    const modifiedAt = statSync(lockFile).mtimeMs;
    return { raw, record: parseRecord(raw), modifiedAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function parseRecord(raw: string): LockRecord | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockRecord> | null;
    if (v === null || typeof v !== 'object' || !Number.isSafeInteger(v.pid) || typeof v.host !== 'string' || typeof v.token !== 'string')
      return undefined;
    return {
      pid: v.pid as number,
      host: v.host,
      command: typeof v.command === 'string' ? v.command : '',
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : '',
      token: v.token,
      ...(typeof v.bootId === 'string' ? { bootId: v.bootId } : {}),
      ...(typeof v.processStart === 'string' ? { processStart: v.processStart } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Creates the lock file with its full content, or returns false when it exists. */
function tryCreate(lockFile: string, content: string): boolean {
  const temp = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, content, { flag: 'wx' });
  try {
    linkSync(temp, lockFile);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: an exclusive create (a reader may briefly see it empty).
    return createExclusive(lockFile, content);
  } finally {
    unlinkQuietly(temp);
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function isStale(seen: SeenLock, lockFile: string): boolean {
  const record = seen.record;
  // Unreadable: being written by a process without hard links, or damaged; old means damaged.
  if (record === undefined) return Date.now() - seen.modifiedAt > ABANDONED_MS;
  if (record.host !== hostname()) return false;
  const boot = bootId();
  if (record.bootId !== undefined && boot !== undefined && record.bootId !== boot) return true;
  // Our own pid but not our lock: left by an earlier process that had the same pid (a container's pid 1).
  if (record.pid === process.pid) return !heldLocks().has(lockFile);
  if (!processExists(record.pid)) return true;
  const started = processStartOf(record.pid);
  return record.processStart !== undefined && started !== undefined && started !== record.processStart;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes a stale lock unless another process replaced it since it was read. */
function removeIfUnchanged(dir: string, lockFile: string, seen: SeenLock): void {
  const takeover = `${lockFile}.takeover`;
  const content = JSON.stringify({ pid: process.pid, host: hostname() });
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    if (createExclusive(takeover, content)) break;
    const other = readLock(takeover);
    // A takeover takes microseconds: one still there after ABANDONED_MS belongs to a process that died in it.
    if (other !== 'missing' && Date.now() - other.modifiedAt > ABANDONED_MS) unlinkQuietly(takeover);
    if (Date.now() > deadline)
      throw new StoreLockedError(dir, lockFile, seen.record, `another process is taking over the stale lock (${takeover})`);
    sleepSync(10);
  }
  try {
    const now = readLock(lockFile);
    if (now !== 'missing' && now.raw === seen.raw) unlinkSync(lockFile);
  } finally {
    unlinkQuietly(takeover);
  }
}

/** Removes lock records a process wrote and was killed before linking (they live microseconds). */
function removeAbandonedTemps(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(`${LOCK_FILE_NAME}.`) || !name.endsWith('.tmp')) continue;
      const path = join(dir, name);
      if (Date.now() - statSync(path).mtimeMs > ABANDONED_MS) unlinkQuietly(path);
    }
  } catch {
    // Only tidying: a file that vanished or cannot be read is left alone.
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ownRecord(): LockRecord {
  const boot = bootId();
  const started = processStartOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    command: maskCommand(process.argv),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
    ...(boot !== undefined ? { bootId: boot } : {}),
    ...(started !== undefined ? { processStart: started } : {}),
  };
}

const SECRET_FLAG = /(pass|secret|token|key|auth|credential)/i;

/**
 * The command line for the lock file, which other users can read and errors print: passwords
 * in URLs and the values of secret-looking flags are masked.
 */
function maskCommand(argv: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = (argv[i] ?? '').replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
    const eq = /^(--?[\w-]+)=/.exec(arg);
    if (eq !== null && SECRET_FLAG.test(eq[1] ?? '')) out.push(`${eq[1] ?? ''}=***`);
    else out.push(arg);
    if (eq === null && /^--?[\w-]+$/.test(arg) && SECRET_FLAG.test(arg) && i + 1 < argv.length) {
      out.push('***');
      i++;
    }
  }
  const text = out.join(' ');
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

let cachedBootId: string | null | undefined;

function bootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}

/** Start time of a process in clock ticks since boot (Linux), or undefined elsewhere. */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

// Locks this process holds, by lock file. Kept on globalThis so that two copies of this module
// in one process (an ESM and a CommonJS build) see each other's locks.
const REGISTRY = Symbol.for('dueflow.storage-postgres.folder-locks');

interface Registry {
  readonly locks: Map<string, { readonly token: string; readonly holder: FolderLockHolder; readonly release: () => void }>;
  hooked: boolean;
}

function registry(): Registry {
  const g = globalThis as { [REGISTRY]?: Registry };
  g[REGISTRY] ??= { locks: new Map(), hooked: false };
  return g[REGISTRY];
}

function heldLocks(): Registry['locks'] {
  return registry().locks;
}

function track(dir: string, lockFile: string, record: LockRecord): HeldFolderLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldLocks().delete(lockFile);
    const now = readLock(lockFile);
    if (now !== 'missing' && now.record?.token === record.token) unlinkQuietly(lockFile);
  };
  const holder: FolderLockHolder = { pid: record.pid, host: record.host, command: record.command, startedAt: record.startedAt };
  heldLocks().set(lockFile, { token: record.token, holder, release });
  hookExit();
  return { dataDir: dir, lockFile, holder, release };
}

function releaseAll(): void {
  for (const lock of [...heldLocks().values()]) {
    try {
      lock.release();
    } catch {
      // Exiting: a lock that cannot be removed is found stale by the next process.
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function hookExit(): void {
  const reg = registry();
  if (reg.hooked) return;
  reg.hooked = true;
  process.on('exit', releaseAll);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      // When the application handles the signal itself, it closes the store (or exits) in its
      // own time; the 'exit' hook still releases. Otherwise the default is to die right away:
      // release, then die of the same signal.
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** A lock this process holds, as {@link heldFolderLock} reports it. */
export interface OwnFolderLock {
  /** Absolute path of the lock file. */
  readonly lockFile: string;
  /** This process, as the lock file names it. */
  readonly holder: FolderLockHolder;
  /** Releases it. */
  readonly release: () => void;
}

/**
 * The lock this process holds on `dataDir`, if any.
 *
 * @example
 * ```ts
 * if (heldFolderLock('/srv/ar/.dueflow/db') === undefined) acquireFolderLock('/srv/ar/.dueflow/db');
 * ```
 */
export function heldFolderLock(dataDir: string): OwnFolderLock | undefined {
  let dir: string;
  try {
    dir = realpathSync(dataDir);
  } catch {
    return undefined;
  }
  const lockFile = join(dir, LOCK_FILE_NAME);
  const held = heldLocks().get(lockFile);
  return held === undefined ? undefined : { lockFile, holder: held.holder, release: held.release };
}
