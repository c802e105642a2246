/**
 * What a command reads from and writes to: output streams, the working directory and the clock.
 * Tests pass their own to run commands in-process.
 *
 * @module
 */
import type { Clock } from '@dueflow/runtime/ports';

/** A writable text stream, as `process.stdout` is. */
export interface TextOut {
  write(text: string): unknown;
  /** Whether the stream is a terminal (progress bars and colours only then). */
  readonly isTTY?: boolean;
}

/** The outside world of a command. */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  /** Directory relative paths (`.dueflow/`, files) resolve against. */
  readonly cwd: string;
  /** The clock commands read "now" from, unless `--now` is given. */
  readonly clock: Clock;
  /** Environment variables (`DUEFLOW_DATABASE_URL`, `NO_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The process's own streams, directory, clock and environment.
 *
 * @example
 * ```ts
 * const code = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    clock: { now: () => Date.now() },
    env: process.env,
  };
}

/** Output captured in memory, for tests and programmatic use. */
export interface CapturedIo extends CliIo {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/**
 * An in-memory {@link CliIo}: output is collected as text.
 *
 * @example
 * ```ts
 * const io = captureIo({ cwd: dir, now: Date.parse('2026-03-02T12:00:00Z') });
 * await runCli(['queue', '--json'], io);
 * JSON.parse(io.out());
 * ```
 */
export function captureIo(options: {
  readonly cwd: string;
  readonly now?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}): CapturedIo {
  let out = '';
  let err = '';
  const fixed = options.now;
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    cwd: options.cwd,
    clock: { now: () => fixed ?? Date.now() },
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
