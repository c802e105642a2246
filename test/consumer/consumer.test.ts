/**
 * The packages as an application gets them from npm: every public package is packed (workspace
 * ranges rewritten, as on publish), installed with npm into fresh projects outside the workspace,
 * and used there. One full install (every package, pg and PGlite) runs an ES module and a
 * CommonJS application and compiles the README quickstart, a PostgreSQL example and every entry
 * point's declarations with strict TypeScript (`skipLibCheck: false`) under three module settings;
 * a server-only install must hold no PGlite and a PGlite-only install no pg.
 *
 * Needs built packages: `pnpm test:consumer` builds first. The PostgreSQL example runs against
 * `DUEFLOW_PG_URL` (default postgres://postgres@127.0.0.1:5432/test); without a server it is
 * skipped, except in CI (`CI=true`), where it fails.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const fixtures = join(import.meta.dirname, 'fixtures');
const quickstart = join(root, 'examples/quickstart/quickstart.ts');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const PG_URL = process.env['DUEFLOW_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUICKSTART_SAYS = 'Act: Overdue notice (overdue-notice) by email';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

// The applications run as they would outside this test: without the variables vitest sets.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));

/** Runs a command; resolves with what it printed (stdout then stderr, or stdout only), or rejects with all of it. */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  only: 'stdout' | 'both' = 'both',
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(only === 'stdout' ? stdout : `${stdout}${stderr}`);
    });
  });
}

const node = (args: readonly string[], cwd: string): Promise<string> => run(process.execPath, args, cwd, { DUEFLOW_PG_URL: PG_URL });

/** pnpm as the test was started with (`pnpm test:consumer`), else through npx. */
function pnpm(args: readonly string[], cwd: string): Promise<string> {
  const execPath = process.env['npm_execpath'];
  return execPath !== undefined && /pnpm/.test(execPath)
    ? run(process.execPath, [execPath, ...args], cwd)
    : run('npx', ['-y', 'pnpm@10.34.8', ...args], cwd);
}

const work = mkdtempSync(join(tmpdir(), 'dueflow-consumer-'));
const tarballs = join(work, 'tarballs');
const publicPackages = readdirSync(join(root, 'packages')).map((dir) => readJson(join(root, 'packages', dir, 'package.json')));
const tarballOf = (name: string): string => {
  const pkg = publicPackages.find((p) => p.name === name);
  if (pkg === undefined) throw new Error(`no package ${name}`);
  return `file:${join(tarballs, `${name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`)}`;
};
// Third-party versions as the workspace pins them.
const storageDev = readJson(join(root, 'packages/storage-postgres/package.json')).devDependencies ?? {};
const rootDev = readJson(join(root, 'package.json')).devDependencies ?? {};
const thirdParty = (name: string): string => {
  const range = storageDev[name] ?? rootDev[name];
  if (range === undefined) throw new Error(`no version of ${name} in the workspace`);
  return range;
};

/** A fresh npm project in `work/<name>` with these dependencies, installed. */
async function install(name: string, dependencies: readonly string[]): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const deps = Object.fromEntries(
    dependencies.map((dep) => [dep, dep === 'dueflow' || dep.startsWith('@dueflow/') ? tarballOf(dep) : thirdParty(dep)]),
  );
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${name}`, private: true, dependencies: deps }, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir);
  return dir;
}

type Variant = 'nodenext' | 'bundler' | 'commonjs';

const COMPILER_OPTIONS: Record<Variant, Record<string, unknown>> = {
  nodenext: { module: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
  commonjs: { module: 'CommonJS' },
};

/** A TypeScript project in `app/ts-<variant>` over the given fixtures; compiles it and returns its output folder. */
async function compile(app: string, variant: Variant, sources: readonly string[]): Promise<string> {
  const dir = join(app, `ts-${variant}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const source of sources) copyFileSync(source, join(dir, 'src', source.split('/').at(-1)!));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: variant === 'commonjs' ? 'commonjs' : 'module' })}\n`);
  const compilerOptions = {
    ...COMPILER_OPTIONS[variant],
    strict: true,
    skipLibCheck: false,
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
    esModuleInterop: true,
    rootDir: 'src',
    outDir: 'out',
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
  return join(dir, 'out');
}

interface LsTree {
  readonly version?: string;
  readonly dependencies?: Record<string, LsTree>;
}

/** Every installed package in an `npm ls --all --json` tree (an optional peer left out is listed without a version). */
function namesIn(tree: LsTree, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    if (child.version !== undefined) into.add(name);
    namesIn(child, into);
  }
  return into;
}

async function installedNames(dir: string): Promise<Set<string>> {
  return namesIn(JSON.parse(await run('npm', ['ls', '--all', '--json'], dir, {}, 'stdout')) as LsTree);
}

let full: string;
let serverOnly: string;
let pgliteOnly: string;
let postgres: { readonly reachable: true } | { readonly reachable: false; readonly reason: string };

beforeAll(async () => {
  await pnpm(['-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs], root);
  const server = ['@dueflow/core', '@dueflow/runtime', '@dueflow/storage-postgres'];
  [full, serverOnly, pgliteOnly] = await Promise.all([
    install('full', [...publicPackages.map((p) => p.name), 'pg', '@types/pg', '@electric-sql/pglite', '@types/node', 'fast-check']),
    install('server-only', [...server, 'pg', '@types/pg', '@types/node']),
    install('pglite-only', [...server, '@electric-sql/pglite', '@types/node']),
  ]);
  try {
    await node(
      [
        '-e',
        "const pg = require('pg'); const c = new pg.Client({ connectionString: process.env.DUEFLOW_PG_URL, connectionTimeoutMillis: 5000 }); c.connect().then(() => c.end())",
      ],
      full,
    );
    postgres = { reachable: true };
  } catch (error) {
    postgres = { reachable: false, reason: `PostgreSQL at ${PG_URL} is unreachable: ${(error as Error).message.split('\n')[0]}` };
  }
});

afterAll(() => {
  if (process.env['DUEFLOW_KEEP_CONSUMER'] === undefined) rmSync(work, { recursive: true, force: true });
  else console.log(`consumer projects kept in ${work}`);
});

/** Skips a test that needs the server, or fails it in CI. */
function needsPostgres(skip: (note?: string) => void): void {
  if (postgres.reachable) return;
  if (process.env['CI'] === 'true') throw new Error(`${postgres.reason}; the PostgreSQL example must run in CI`);
  skip(`${postgres.reason} (set DUEFLOW_PG_URL or start PostgreSQL)`);
}

describe('a full install: every package, pg and PGlite', () => {
  it('runs an ES module application, with @dueflow/testing working without vitest', async () => {
    copyFileSync(join(fixtures, 'esm.mjs'), join(full, 'esm.mjs'));
    const out = await node(['esm.mjs'], full);
    expect(out).toContain(QUICKSTART_SAYS);
    expect(out).toContain('@dueflow/testing works without vitest');
  });

  it('runs a CommonJS application, every adapter sharing its one copy of core and runtime', async () => {
    copyFileSync(join(fixtures, 'cjs.cjs'), join(full, 'cjs.cjs'));
    const out = await node(['cjs.cjs'], full);
    expect(out).toContain(QUICKSTART_SAYS);
    expect(out).toContain('one copy of core and runtime; the collector sends');
  });

  it('runs the dueflow command, on its embedded store', async () => {
    const bin = join(full, 'node_modules/dueflow/dist/bin.js');
    const version = publicPackages.find((p) => p.name === 'dueflow')?.version;
    expect((await node([bin, '--version'], full)).trim()).toBe(version);
    // Opens (and creates) a PGlite folder: @dueflow/storage-postgres loads PGlite through the CLI's dependency.
    expect(await node([bin, 'queue', '--data-dir', join(work, 'cli-data')], full)).toContain('Action queue at');
  });

  describe.each(['nodenext', 'bundler', 'commonjs'] as const)('strict TypeScript, module %s', (variant) => {
    let out: string;

    it('compiles the quickstart, the PostgreSQL example and every entry point, and runs the quickstart', async () => {
      // fast-check's declarations (under @dueflow/testing's) need node16 or bundler resolution.
      const esmOnly = variant === 'commonjs' ? [] : [join(fixtures, 'esm-only-packages.ts')];
      out = await compile(full, variant, [
        quickstart,
        join(fixtures, 'postgres-collector.ts'),
        join(fixtures, 'every-package.ts'),
        ...esmOnly,
      ]);
      expect(await node([join(out, 'quickstart.js')], full)).toContain(QUICKSTART_SAYS);
    });

    it('runs the PostgreSQL example', async ({ skip }) => {
      needsPostgres(skip);
      expect(out, 'the compile step failed').toBeDefined();
      expect(await node([join(out, 'postgres-collector.js')], full)).toContain('decided 1, sent 1');
    });
  });
});

describe('a server-only install: core, runtime, storage-postgres and pg', () => {
  it('holds no PGlite', async () => {
    const names = await installedNames(serverOnly);
    expect(names).toContain('pg');
    expect(names).not.toContain('@electric-sql/pglite');
    expect(existsSync(join(serverOnly, 'node_modules/@electric-sql/pglite'))).toBe(false);
  });

  it('compiles the PostgreSQL example without PGlite types and runs it', async ({ skip }) => {
    const out = await compile(serverOnly, 'nodenext', [join(fixtures, 'postgres-collector.ts')]);
    needsPostgres(skip);
    expect(await node([join(out, 'postgres-collector.js')], serverOnly)).toContain('decided 1, sent 1');
  });

  it('names @electric-sql/pglite when an embedded folder is opened', async () => {
    copyFileSync(join(fixtures, 'missing-pglite.mjs'), join(serverOnly, 'missing-pglite.mjs'));
    expect(await node(['missing-pglite.mjs'], serverOnly)).toContain('openPgliteFolder needs @electric-sql/pglite');
  });
});

describe('a PGlite-only install: core, runtime, storage-postgres and PGlite', () => {
  it('holds no pg', async () => {
    const names = await installedNames(pgliteOnly);
    expect(names).toContain('@electric-sql/pglite');
    expect(names).not.toContain('pg');
    expect(existsSync(join(pgliteOnly, 'node_modules/pg'))).toBe(false);
  });

  it('compiles the embedded example without pg types, the pool option still checked, and runs it', async () => {
    const out = await compile(pgliteOnly, 'nodenext', [join(fixtures, 'embedded-collector.ts')]);
    expect(await node([join(out, 'embedded-collector.js')], pgliteOnly)).toContain('decided 1, sent 1');
  });
});
