/**
 * The benchmark harness contract: what a suite module exports, what it returns, and the
 * `measure` helper every suite uses so that all numbers are medians of the same kind.
 *
 * A suite is a module that exports `name` and `run(ctx)` (see {@link SuiteModule}). The harness
 * (`bench/run.ts`) compiles it without name-keeping helpers, imports it under plain Node so that
 * `@dueflow/*` resolve to their built `dist`, calls `run`, prints one JSON line per
 * {@link Result} and rewrites the suite's section of `BENCHMARKS.md`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Fewest runs a case is measured over; the reported figure is their median. */
export const MIN_RUNS = 5;

/** A figure a result must reach, and whether it did. */
export interface Target {
  /** What is compared, e.g. `opsPerSec` or `ratio to json-rules-engine`. */
  readonly what: string;
  /** Lowest acceptable value. */
  readonly min: number;
  /** The measured value. */
  readonly actual: number;
  readonly met: boolean;
}

/** One measured case. Every rate is in operations per second. */
export interface Result {
  /** Case name, unique within its suite, e.g. `nextAction`. */
  readonly name: string;
  /** Median over {@link Result.runs} runs. */
  readonly opsPerSec: number;
  /** Median time per operation, in nanoseconds. */
  readonly nsPerOp: number;
  /** Number of timed runs. */
  readonly runs: number;
  /** Slowest run, in operations per second. */
  readonly min: number;
  /** Fastest run, in operations per second. */
  readonly max: number;
  /** `(max - min) / median`: 0.05 means the runs were within 5% of each other. */
  readonly spread: number;
  /**
   * Median over the runs of operations per second of CPU time used by the process (user and
   * system, all threads). On a machine shared with other work the process does not run all the
   * time, so this is closer than `opsPerSec` to what one core does; it slightly understates it,
   * since garbage-collector helper threads are counted too.
   */
  readonly cpuOpsPerSec: number;
  /** Operations timed in one run (the median run). */
  readonly opsPerRun: number;
  /** This case's rate divided by another case's, keyed by that case's name. */
  readonly ratios?: Readonly<Record<string, number>>;
  readonly targets?: readonly Target[];
  /** One short sentence: what exactly was timed, when the name does not say it. */
  readonly note?: string;
}

/** Options of {@link SuiteContext.measure}. */
export interface MeasureOptions {
  /** Operations one call of the body performs (for example the invoices it decides). */
  readonly ops: number;
  /**
   * Timed runs (at least {@link MIN_RUNS}).
   * @default the context's `runs`
   */
  readonly runs?: number;
  /**
   * A run calls the body repeatedly until at least this long has passed, so short bodies are
   * not timed at the clock's resolution.
   * @default the context's `minRunMs`
   */
  readonly minRunMs?: number;
  /** Written into the result's `note`. */
  readonly note?: string;
}

/** What a suite's `run` receives. */
export interface SuiteContext {
  /** Smoke run: small data, short runs; numbers are not meant to be kept. */
  readonly quick: boolean;
  /** Default number of timed runs per case. */
  readonly runs: number;
  /** Default minimum duration of one run, in milliseconds. */
  readonly minRunMs: number;
  /** Times `body` and returns its result; see {@link measure}. */
  measure(name: string, body: () => unknown, options: MeasureOptions): Promise<Result>;
  /** Progress for people, on stderr (stdout carries only result lines). */
  log(message: string): void;
  /** A line printed under the suite's table in `BENCHMARKS.md` (data set, checks, caveats). */
  note(message: string): void;
}

/** What a suite module exports. */
export interface SuiteModule {
  /** Suite name: the file stem for `bench/suites/<name>.ts`, the folder for `bench/<name>/suite.ts`. */
  readonly name: string;
  /** One sentence for the README and the report. */
  readonly description?: string;
  /** Measures every case and returns the results in the order they should be shown. */
  run(ctx: SuiteContext): Promise<readonly Result[]>;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` significant decimals without turning integers into floats. */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// Written by every measured body call that returns something, so no engine can drop the work.
let blackhole: unknown;

/** The last value a measured body returned; exists so that bodies cannot be optimised away. */
export function consumed(): unknown {
  return blackhole;
}

async function call(body: () => unknown): Promise<void> {
  const out = body();
  blackhole = out instanceof Promise ? await out : out;
}

/**
 * Times `body`: one warm-up run, then `runs` runs, each calling `body` until `minRunMs` has
 * passed. Returns the median rate with the slowest and fastest runs. `body` may be async; a
 * call is awaited before the next one starts.
 *
 * @example
 * ```ts
 * const r = await measure('sum', () => { let s = 0; for (const x of xs) s += x; return s; }, { ops: xs.length }, 7, 200);
 * console.log(r.opsPerSec);
 * ```
 */
export async function measure(
  name: string,
  body: () => unknown,
  options: MeasureOptions,
  defaultRuns: number,
  defaultMinRunMs: number,
  collectBetweenRuns = true,
): Promise<Result> {
  if (!(options.ops > 0)) throw new RangeError(`measure(${name}): ops must be positive, got ${options.ops}`);
  const runs = Math.max(MIN_RUNS, options.runs ?? defaultRuns);
  const minRunMs = options.minRunMs ?? defaultMinRunMs;
  const gc = collectBetweenRuns ? (globalThis as { gc?: () => void }).gc : undefined;

  const timeRun = async (): Promise<{ rate: number; cpuRate: number; ops: number }> => {
    let calls = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    let elapsed = 0;
    do {
      await call(body);
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < minRunMs);
    const used = process.cpuUsage(cpu);
    const cpuMs = Math.max((used.user + used.system) / 1000, 1e-3);
    return { rate: (calls * options.ops * 1000) / elapsed, cpuRate: (calls * options.ops * 1000) / cpuMs, ops: calls * options.ops };
  };

  gc?.();
  await timeRun();
  const samples: { rate: number; cpuRate: number; ops: number }[] = [];
  for (let i = 0; i < runs; i++) {
    // Collect garbage left by the previous run so it is not charged to this one. A full
    // collection also drops much of the JIT's type feedback, so a whole run goes untimed first:
    // otherwise every run would pay for warming up again (measured on the engine suite: nextAction
    // timed at about half its steady speed, more on the 1,000-invoice case, whose body is short).
    if (gc !== undefined) {
      gc();
      await timeRun();
    }
    samples.push(await timeRun());
  }
  const rates = samples.map((s) => s.rate);
  const mid = median(rates);
  const slowest = Math.min(...rates);
  const fastest = Math.max(...rates);
  const closest = samples.reduce((a, b) => (Math.abs(b.rate - mid) < Math.abs(a.rate - mid) ? b : a));
  return {
    name,
    opsPerSec: Math.round(mid),
    nsPerOp: round(1e9 / mid, 1),
    runs,
    min: Math.round(slowest),
    max: Math.round(fastest),
    spread: round((fastest - slowest) / mid, 3),
    cpuOpsPerSec: Math.round(median(samples.map((s) => s.cpuRate))),
    opsPerRun: closest.ops,
    ...(options.note !== undefined ? { note: options.note } : {}),
  };
}

/**
 * `a.opsPerSec / b.opsPerSec`, rounded to two decimals (one when above 100).
 *
 * @example
 * ```ts
 * ratio(nextActionResult, rulesEngineResult); // 212.4
 * ```
 */
export function ratio(a: Result, b: Result): number {
  const r = a.opsPerSec / b.opsPerSec;
  return r >= 100 ? round(r, 1) : round(r, 2);
}

/**
 * A target check: `actual >= min`.
 *
 * @example
 * ```ts
 * target('opsPerSec', 1_000_000, result.opsPerSec);
 * ```
 */
export function target(what: string, min: number, actual: number): Target {
  return { what, min, actual, met: actual >= min };
}

/**
 * Runs `fn` under the V8 CPU profiler and writes the profile to `file` (open it in Chrome
 * DevTools or summarise it with `bench/profile-summary.ts`).
 */
async function profiled<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await fn();
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}

/** Creates the context handed to one suite's `run`. */
export function createContext(options: {
  readonly suite: string;
  readonly quick: boolean;
  readonly runs: number;
  readonly minRunMs: number;
  readonly log: (message: string) => void;
  readonly notes: string[];
  /** When set, each case's timed runs are profiled into `<dir>/<suite>.<case>.cpuprofile`. */
  readonly profileDir?: string;
}): SuiteContext {
  const { profileDir } = options;
  return {
    quick: options.quick,
    runs: options.runs,
    minRunMs: options.minRunMs,
    measure: (name, body, measureOptions) => {
      // Forced collections between runs would show up in a profile as if the case caused them.
      const timed = (): Promise<Result> => measure(name, body, measureOptions, options.runs, options.minRunMs, profileDir === undefined);
      if (profileDir === undefined) return timed();
      const file = path.join(profileDir, `${options.suite}.${name.replace(/[^A-Za-z0-9._-]/g, '_')}.cpuprofile`);
      options.log(`profiling ${options.suite}/${name} into ${file}`);
      return profiled(file, timed);
    },
    log: options.log,
    note: (message) => {
      options.notes.push(message);
    },
  };
}
