/**
 * `pnpm bench`: discovers the benchmark suites, builds what they import, and runs them on built
 * code.
 *
 * Usage: `pnpm bench [-- --only engine[,risk]] [--quick] [--runs 9] [--no-build] [--write|--no-write] [--cpu-prof] [--list]`
 * (`--cpu-prof` profiles each case's timed runs into `bench/.out/profiles/<suite>.<case>.cpuprofile`
 * and does not rewrite BENCHMARKS.md, the profiler slowing every case down.)
 *
 * It works in two stages, because running TypeScript through tsx (esbuild with `keepNames`)
 * wraps inner functions in `__name(...)` calls, in our sources and in every `dist` file it loads,
 * which distorts hot loops several times over:
 * 1. Prepare (this file under tsx): find the suites (`bench/suites/*.ts` and `bench/<folder>/suite.ts`),
 *    keep those `--only` names, compile them and this file with tsup (no name keeping, workspace
 *    packages left as imports) into `bench/.out/run-<pid>/`, build the `@dueflow/*` packages
 *    they import (with their workspace dependencies), and start stage 2 with plain `node`.
 * 2. Measure (the compiled file under plain Node, without the `@dueflow/source` condition, so
 *    `@dueflow/*` resolve to `dist`): run each suite, print one JSON line per result on stdout,
 *    and rewrite each suite's section of `BENCHMARKS.md`.
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createContext, MIN_RUNS, type Result, type SuiteModule } from './harness.js';
import { withLock } from './lock.js';
import { describeMachine } from './machine.js';
import { writeReports, type RunInfo, type SuiteReport } from './report.js';

const STAGE_ENV = 'DUEFLOW_BENCH_STAGE';
const PLAN_ENV = 'DUEFLOW_BENCH_PLAN';

/** Command-line options. */
interface Cli {
  readonly only: readonly string[] | undefined;
  readonly quick: boolean;
  readonly runs: number | undefined;
  readonly build: boolean;
  /** Whether to rewrite BENCHMARKS.md; by default full runs do and quick runs do not. */
  readonly write: boolean;
  readonly cpuProf: boolean;
  readonly list: boolean;
}

/** A suite found on disk. */
interface SuiteFile {
  readonly id: string;
  /** Path relative to `bench/`, e.g. `suites/engine.ts` or `risk/suite.ts`. */
  readonly source: string;
}

/** What stage 1 hands to stage 2. */
interface Plan {
  readonly root: string;
  readonly suites: readonly { readonly id: string; readonly file: string }[];
  readonly packages: readonly string[];
  readonly cli: Cli;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function parseCli(argv: readonly string[]): Cli {
  // `pnpm bench -- --only x` passes the `--` through; it separates nothing here.
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      'cpu-prof': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help === true) {
    log('Usage: pnpm bench [-- --only engine[,risk]] [--quick] [--runs N] [--no-build] [--write|--no-write] [--cpu-prof] [--list]');
    process.exit(0);
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < MIN_RUNS))
    throw new Error(`--runs must be an integer of at least ${MIN_RUNS}, got ${values.runs}`);
  const quick = values.quick === true;
  return {
    only: values.only
      ?.flatMap((o) => o.split(','))
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    quick,
    runs,
    build: values['no-build'] !== true,
    write: values['no-write'] === true ? false : values.write === true ? true : !quick && values['cpu-prof'] !== true,
    cpuProf: values['cpu-prof'] === true,
    list: values.list === true,
  };
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** `bench/suites/<id>.ts` and `bench/<id>/suite.ts`, sorted by id. */
function discoverSuites(benchDir: string): SuiteFile[] {
  const found: SuiteFile[] = [];
  const suitesDir = path.join(benchDir, 'suites');
  if (existsSync(suitesDir)) {
    for (const file of readdirSync(suitesDir)) {
      if (file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
        found.push({ id: file.slice(0, -3), source: `suites/${file}` });
    }
  }
  for (const entry of readdirSync(benchDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'suites') continue;
    if (existsSync(path.join(benchDir, entry.name, 'suite.ts'))) found.push({ id: entry.name, source: `${entry.name}/suite.ts` });
  }
  const ids = new Set<string>();
  for (const s of found) {
    if (ids.has(s.id)) throw new Error(`two suites are named "${s.id}"; rename one`);
    ids.add(s.id);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

function listJs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(full));
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

/** The `@dueflow/*` packages the compiled files import. */
function importedPackages(outDir: string): string[] {
  const names = new Set<string>();
  const pattern = /(?:from|import)\s*\(?\s*["'](@dueflow\/[a-z0-9-]+)["']/g;
  for (const file of listJs(outDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) names.add(match[1]!);
  }
  return [...names].sort();
}

async function compile(root: string, suites: readonly SuiteFile[], outDir: string): Promise<void> {
  const { build } = await import('tsup');
  const entry: Record<string, string> = { run: path.join(root, 'bench/run.ts') };
  for (const s of suites) entry[s.source.slice(0, -3)] = path.join(root, 'bench', s.source);
  await build({
    entry,
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: true,
    sourcemap: true,
    clean: true,
    dts: false,
    silent: true,
    config: false,
    keepNames: false,
    esbuildOptions(options) {
      // Bare imports stay imports: packages load from node_modules, workspace ones from dist.
      options.packages = 'external';
    },
  });
}

function buildPackages(root: string, packages: readonly string[]): void {
  // --filter-prod: devDependencies (test kits) are not needed to run a package.
  const filters = packages.flatMap((p) => ['--filter-prod', `${p}...`]);
  log(`bench: building ${packages.join(', ')} and their workspace dependencies`);
  const result = spawnSync('pnpm', [...filters, 'run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) {
    throw new Error(
      `building ${packages.join(', ')} failed (pnpm exited with ${result.status ?? result.signal}); fix the build, or pass --no-build to measure the dist already there`,
    );
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Warns when a package's dist is missing or older than its sources (`--no-build`). */
function checkDist(root: string, packages: readonly string[]): void {
  for (const p of packages) {
    const dir = path.join(root, 'packages', p.slice('@dueflow/'.length));
    const dist = path.join(dir, 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error(`${p} has no dist/index.js; run without --no-build`);
    if (existsSync(path.join(dir, 'src')) && newestMtime(path.join(dir, 'src')) > statSync(dist).mtimeMs) {
      log(`bench: warning: ${p}/dist is older than its sources; the run measures the old build`);
    }
  }
}

async function prepare(cli: Cli, argv: readonly string[]): Promise<number> {
  const benchDir = path.dirname(fileURLToPath(import.meta.url));
  const root = findRoot(benchDir);
  const all = discoverSuites(benchDir);
  if (cli.list) {
    for (const s of all) log(`${s.id}\tbench/${s.source}`);
    return 0;
  }
  const unknown = (cli.only ?? []).filter((o) => !all.some((s) => s.id === o));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; suites: ${all.map((s) => s.id).join(', ')}`);
  const selected = cli.only === undefined ? all : all.filter((s) => cli.only!.includes(s.id));
  if (selected.length === 0) throw new Error('no suite to run');

  const outDir = path.join(benchDir, '.out', `run-${process.pid}`);
  log(`bench: compiling ${selected.map((s) => s.id).join(', ')}`);
  await compile(root, selected, outDir);
  const packages = importedPackages(outDir);
  if (packages.length > 0) {
    if (cli.build) {
      await withLock(
        'dueflow-bench-build',
        () => buildPackages(root, packages),
        () => log('bench: waiting for another benchmark build to finish'),
      );
    }
    checkDist(root, packages);
  }

  const plan: Plan = {
    root,
    suites: selected.map((s) => ({ id: s.id, file: path.join(outDir, `${s.source.slice(0, -3)}.js`) })),
    packages,
    cli,
  };
  const nodeArgs = ['--expose-gc'];
  // The source condition must not reach stage 2, whatever started stage 1.
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(/--conditions[= ]\S+/g, '').trim();
  const child = spawn(process.execPath, [...nodeArgs, path.join(outDir, 'run.js'), ...argv], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: nodeOptions, [STAGE_ENV]: 'measure', [PLAN_ENV]: JSON.stringify(plan) },
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal !== null ? 1 : 0))));
  if (cli.cpuProf)
    log(
      `bench: profiles in ${path.join(benchDir, '.out', 'profiles')} (summarise with bench/profile-summary.ts); compiled code kept in ${outDir}`,
    );
  else rmSync(outDir, { recursive: true, force: true });
  return code;
}

function isSuiteModule(value: unknown): value is SuiteModule {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.name === 'string' && typeof m.run === 'function' && (m.description === undefined || typeof m.description === 'string');
}

function line(suite: string, r: Result): string {
  return JSON.stringify({ suite, ...r });
}

async function measureStage(plan: Plan): Promise<number> {
  const { cli } = plan;
  for (const p of plan.packages) {
    const resolved = import.meta.resolve(p);
    if (!resolved.includes('/dist/')) throw new Error(`${p} resolves to ${resolved}, not to its built dist; run through bench/run.ts`);
  }
  const run: RunInfo = { date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), machine: describeMachine(plan.root), quick: cli.quick };
  const m = run.machine;
  log(`bench: ${run.date}, ${m.cores} cores of ${m.cpu}, Node ${m.node}${cli.quick ? ', quick' : ''}`);
  const reports: SuiteReport[] = [];
  let failed = 0;
  for (const s of plan.suites) {
    try {
      const mod: unknown = await import(pathToFileURL(s.file).href);
      if (!isSuiteModule(mod)) throw new Error(`bench/${s.id}: a suite module must export name (string) and run(ctx) (function)`);
      if (mod.name !== s.id) log(`bench: warning: suite file "${s.id}" exports name "${mod.name}"; the report uses "${mod.name}"`);
      const notes: string[] = [];
      const ctx = createContext({
        suite: mod.name,
        quick: cli.quick,
        runs: cli.runs ?? (cli.quick ? MIN_RUNS : 7),
        minRunMs: cli.quick ? 100 : 1_000,
        log,
        notes,
        ...(cli.cpuProf ? { profileDir: path.join(plan.root, 'bench', '.out', 'profiles') } : {}),
      });
      const started = performance.now();
      const results = await mod.run(ctx);
      for (const r of results) process.stdout.write(`${line(mod.name, r)}\n`);
      log(`bench: ${mod.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      reports.push({ suite: mod.name, description: mod.description, results, notes });
    } catch (error) {
      failed++;
      log(`bench: suite ${s.id} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (cli.write && reports.length > 0) {
    const file = path.join(plan.root, 'BENCHMARKS.md');
    await withLock('dueflow-bench-report', () => writeReports(file, run, reports));
    log(`bench: updated ${reports.map((r) => r.suite).join(', ')} in ${file}`);
  }
  return failed > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const cli = parseCli(argv);
  if (process.env[STAGE_ENV] === 'measure') {
    const plan = JSON.parse(process.env[PLAN_ENV] ?? 'null') as Plan | null;
    if (plan === null) throw new Error(`${PLAN_ENV} is not set`);
    return measureStage(plan);
  }
  return prepare(cli, argv);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
