/**
 * Opening an embedded PGlite folder safely: one process at a time.
 *
 * `createPgliteStorage` takes its PGlite instance by injection, but the lock must be taken
 * before PGlite opens the folder: opening it runs PostgreSQL's startup (recovery, checkpoints),
 * which already writes. So {@link openPgliteFolder} locks, then opens; `createPgliteStorage`
 * also checks the lock of the instance it is given, as a second line for code that creates
 * PGlite itself (it then refuses before Dueflow writes anything, but cannot undo what opening
 * the folder did).
 *
 * @module
 */
import { resolve } from 'node:path';
import type { OpenedPglite, PgliteOpenOptions } from './clients.js';
import { acquireFolderLock, heldFolderLock, StoreLockedError, type FolderLockHolder } from './folder-lock.js';
import { importOptionalPeer } from './optional-peer.js';

/** A PGlite folder locked by this process. */
export interface PgliteFolderLock {
  /** Absolute, resolved path of the folder. */
  readonly dataDir: string;
  /** Absolute path of the lock file in it (`dueflow.lock`). */
  readonly lockFile: string;
  /** This process, as the lock file names it. */
  readonly holder: FolderLockHolder;
  /** Removes the lock; later calls do nothing. Call it after closing PGlite. */
  release(): void;
}

/** A PGlite instance open on a locked folder. */
export interface PgliteFolder {
  /** The PGlite instance: pass it to `createPgliteStorage`. */
  readonly pglite: OpenedPglite;
  /** Absolute, resolved path of the folder. */
  readonly dataDir: string;
  /** Absolute path of the lock file. */
  readonly lockFile: string;
  /** Closes PGlite, then releases the lock; later calls do nothing. */
  close(): Promise<void>;
}

interface FolderUse {
  pglite: object | undefined;
  storages: number;
  /** Taken by a storage (released when the last storage closes), not by the caller. */
  readonly ownedByStorage: boolean;
  readonly release: () => void;
}

// Which PGlite instance of this process uses each locked folder, by lock file.
const uses = new Map<string, FolderUse>();

/**
 * Locks a PGlite folder (created if missing) for this process, or throws a
 * `StoreLockedError` (code `STORE_LOCKED`) naming the process that holds it. A lock left by a
 * process that is no longer running on this host is taken over. Take it before `new PGlite(dir)`
 * and release it after `pglite.close()`; it is also released when the process exits.
 * {@link openPgliteFolder} does both for you.
 *
 * @example
 * ```ts
 * const lock = lockPgliteFolder('./dueflow-data');
 * const pglite = new PGlite(lock.dataDir);
 * const storage = createPgliteStorage({ pglite });
 * // ... on shutdown
 * await storage.close();
 * await pglite.close();
 * lock.release();
 * ```
 */
export function lockPgliteFolder(dataDir: string): PgliteFolderLock {
  const existing = heldFolderLock(dataDir);
  if (existing !== undefined) {
    throw new StoreLockedError(
      resolve(dataDir),
      existing.lockFile,
      existing.holder,
      'this process already holds it: open the folder once and share that PGlite instance',
    );
  }
  const lock = acquireFolderLock(dataDir);
  const use: FolderUse = { pglite: undefined, storages: 0, ownedByStorage: false, release: lock.release };
  uses.set(lock.lockFile, use);
  return {
    dataDir: lock.dataDir,
    lockFile: lock.lockFile,
    holder: lock.holder,
    release() {
      if (uses.get(lock.lockFile) === use) uses.delete(lock.lockFile);
      lock.release();
    },
  };
}

/**
 * Locks a folder, then opens PGlite on it: the way to open the embedded store. Throws a
 * `StoreLockedError` (code `STORE_LOCKED`, the holder's pid, host, command line and start time
 * in the message) without opening anything when another process has the folder open, and a
 * `ConfigError` naming `@electric-sql/pglite` when that optional peer dependency is not installed.
 * `options` go to `PGlite.create`.
 *
 * @example
 * ```ts
 * import { createPgliteStorage, openPgliteFolder } from '@dueflow/storage-postgres';
 *
 * const folder = await openPgliteFolder('./dueflow-data');
 * const storage = createPgliteStorage({ pglite: folder.pglite });
 * await storage.init();
 * // ... on shutdown
 * await storage.close();
 * await folder.close();
 * ```
 */
export async function openPgliteFolder(dataDir: string, options: PgliteOpenOptions = {}): Promise<PgliteFolder> {
  const lock = lockPgliteFolder(dataDir);
  let pglite: OpenedPglite;
  try {
    // Loaded here so that code using only a PostgreSQL server never loads (nor installs) PGlite.
    const { PGlite } = await importOptionalPeer('@electric-sql/pglite', 'openPgliteFolder', () => import('@electric-sql/pglite'));
    pglite = await PGlite.create(lock.dataDir, options);
  } catch (error) {
    lock.release();
    throw error;
  }
  const use = uses.get(lock.lockFile);
  if (use !== undefined) use.pglite = pglite;
  let closing: Promise<void> | undefined;
  return {
    pglite,
    dataDir: lock.dataDir,
    lockFile: lock.lockFile,
    close() {
      closing ??= (async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          lock.release();
        }
      })();
      return closing;
    },
  };
}

/**
 * The folder a PGlite instance keeps its data in on this machine's file system, or `undefined`
 * for an in-memory or browser instance.
 *
 * @example
 * ```ts
 * pgliteFolderOf(new PGlite('./data')); // '/srv/app/data'
 * pgliteFolderOf(new PGlite());         // undefined
 * ```
 */
export function pgliteFolderOf(pglite: object): string | undefined {
  const dataDir = (pglite as { dataDir?: unknown }).dataDir;
  if (typeof dataDir !== 'string' || dataDir === '') return undefined;
  if (dataDir.startsWith('file://')) return dataDir.length > 7 ? resolve(dataDir.slice(7)) : undefined;
  // idb://, opfs-ahp://, memory:// and the like are not folders of this machine.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) return undefined;
  return resolve(dataDir);
}

/**
 * Makes sure the folder of `pglite` (if it has one) is locked by this process for a storage on
 * it, taking the lock if nobody in this process has; returns the function the storage calls on
 * close. Throws `StoreLockedError` when another process, or another open PGlite instance of this
 * process, has the folder. A lock taken here is released when the storage closes after PGlite
 * has been closed, else when the process exits: PGlite still writes while it closes.
 *
 * @example
 * ```ts
 * const done = useFolderForStorage(pglite);
 * // ... on storage.close()
 * done();
 * ```
 */
export function useFolderForStorage(pglite: object): () => void {
  const dir = pgliteFolderOf(pglite);
  if (dir === undefined) return () => undefined;
  const held = heldFolderLock(dir);
  let use: FolderUse;
  if (held !== undefined) {
    use = uses.get(held.lockFile) ?? { pglite, storages: 0, ownedByStorage: false, release: held.release };
    if (use.pglite !== undefined && use.pglite !== pglite && !isClosed(use.pglite)) {
      throw new StoreLockedError(
        dir,
        held.lockFile,
        held.holder,
        'another PGlite instance of this process has it open: share that instance',
      );
    }
    use.pglite = pglite;
    uses.set(held.lockFile, use);
  } else {
    const lock = acquireFolderLock(dir);
    use = { pglite, storages: 0, ownedByStorage: true, release: lock.release };
    uses.set(lock.lockFile, use);
  }
  use.storages += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    use.storages -= 1;
    if (use.ownedByStorage && use.storages === 0 && isClosed(pglite)) {
      for (const [file, u] of uses) if (u === use) uses.delete(file);
      use.release();
    }
  };
}

function isClosed(pglite: object): boolean {
  return (pglite as { closed?: unknown }).closed === true;
}
