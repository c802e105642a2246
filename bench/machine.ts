/**
 * What a benchmark ran on, for the report.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The machine and the code a run measured. */
export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** Short commit hash of the checkout, with `+dirty` when files differ from it. */
  readonly commit: string | undefined;
}

function git(root: string, args: readonly string[]): string | undefined {
  const out = spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

/**
 * Describes this machine and the checkout at `root` (read-only git queries).
 *
 * @example
 * ```ts
 * describeMachine('/work/main').cores; // 2
 * ```
 */
export function describeMachine(root: string): Machine {
  const cpus = os.cpus();
  const head = git(root, ['rev-parse', '--short', 'HEAD']);
  const dirty = head !== undefined && (git(root, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  return {
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    commit: head === undefined ? undefined : `${head}${dirty ? '+dirty' : ''}`,
  };
}
