/**
 * The API report: every name each public entry point exports, with its kind, one per line, in
 * `api/<package folder>/<entry>.api.md`. The entry points are read from each package's `exports`
 * map through the `@dueflow/source` condition, and the TypeScript checker follows re-exports, so
 * the report lists exactly what a user can import, without a build.
 *
 * `pnpm api:update` rewrites the reports; `test/public-api-report.test.ts` fails when the source
 * and the checked-in reports differ, so every addition or removal of a public name is deliberate.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the checked-in reports live. */
export const reportsDir = join(root, 'api');

interface PackageJson {
  readonly name: string;
  readonly exports?: Record<string, string | Record<string, unknown>>;
}

/** One public subpath of a package: what users import, and the source file behind it. */
export interface EntryPoint {
  /** The import specifier, `@dueflow/core/scoring`. */
  readonly specifier: string;
  /** The package's folder under `packages/`, `core`. */
  readonly folder: string;
  /** The subpath without `./`, `index` for the root. */
  readonly entry: string;
  /** The absolute path of the source entry file. */
  readonly file: string;
}

/** The source entry point behind every public subpath of every package, in package order. */
export function entryPoints(): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const folder of readdirSync(join(root, 'packages')).sort()) {
    const manifest = join(root, 'packages', folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' ? target['@dueflow/source'] : undefined;
      if (typeof source !== 'string') continue;
      out.push({
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        folder,
        entry: subpath === '.' ? 'index' : subpath.slice(2),
        file: join(root, 'packages', folder, source),
      });
    }
  }
  return out;
}

/** One program over every entry point, resolving workspace packages to their sources. */
export function entryProgram(entries: readonly EntryPoint[]): ts.Program {
  return ts.createProgram(
    entries.map((e) => e.file),
    {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['@dueflow/source'],
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
}

/** An exported name as a user sees it, with the symbol it stands for. */
export interface ExportedSymbol {
  readonly name: string;
  /** The alias resolved: the declaration's own symbol. */
  readonly symbol: ts.Symbol;
  /** True when the export is `export type { ... }` or `export type *`: only a type for users. */
  readonly typeOnly: boolean;
}

/** Every name an entry point exports, following re-exports; undefined when the file is missing. */
export function exportsOf(program: ts.Program, file: string): ExportedSymbol[] | undefined {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) return undefined;
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, symbol, typeOnly: isTypeOnlyExport(checker, exported) };
  });
}

function isTypeOnlyExport(checker: ts.TypeChecker, exported: ts.Symbol): boolean {
  // The checker knows about `export type` anywhere along a chain of re-exports (an internal method
  // of TypeScript's checker; without it, such names are reported with their declaration's kind).
  const withTypeOnly = checker as ts.TypeChecker & { getTypeOnlyAliasDeclaration?: (s: ts.Symbol) => ts.Declaration | undefined };
  if (!(exported.flags & ts.SymbolFlags.Alias)) return false;
  return withTypeOnly.getTypeOnlyAliasDeclaration?.(exported) !== undefined;
}

/** The kind a report line names: `class`, `function`, `const`, `type`, `enum`, `namespace`, or several joined by `+`. */
export function kindOf(exported: ExportedSymbol): string {
  const { symbol } = exported;
  const kinds = new Set<string>();
  if (symbol.flags & ts.SymbolFlags.Class) kinds.add('class');
  if (symbol.flags & ts.SymbolFlags.Function) kinds.add('function');
  if (symbol.flags & ts.SymbolFlags.Enum) kinds.add('enum');
  if (symbol.flags & ts.SymbolFlags.Variable) {
    const functionValued = (symbol.declarations ?? []).some(
      (d) =>
        ts.isVariableDeclaration(d) &&
        d.initializer !== undefined &&
        (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)),
    );
    kinds.add(functionValued ? 'function' : 'const');
  }
  if (symbol.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) kinds.add('namespace');
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) kinds.add('type');
  if (exported.typeOnly) return 'type';
  return kinds.size === 0 ? 'unknown' : [...kinds].join('+');
}

/** The report of one entry point: `kind name` lines, sorted by name. */
export interface EntryReport {
  readonly entry: EntryPoint;
  readonly lines: readonly string[];
}

/** Reports for every entry point, from the sources. */
export function currentReports(): EntryReport[] {
  const entries = entryPoints();
  const program = entryProgram(entries);
  return entries.map((entry) => {
    const exported = exportsOf(program, entry.file);
    if (exported === undefined) throw new Error(`${entry.specifier}: entry point ${relative(root, entry.file)} not found`);
    const lines = exported
      .map((e) => ({ name: e.name, line: `${kindOf(e)} ${e.name}` }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((e) => e.line);
    return { entry, lines };
  });
}

/** The checked-in file of an entry point's report. */
export function reportPath(entry: EntryPoint): string {
  return join(reportsDir, entry.folder, `${entry.entry.replaceAll('/', '.')}.api.md`);
}

const LINE = /^- `(.+)`$/;

/** The file's text: a heading, where it comes from, and one list item per name. */
export function renderReport(report: EntryReport): string {
  const { entry, lines } = report;
  return [
    `# ${entry.specifier}`,
    '',
    `${lines.length} exports of \`${relative(root, entry.file).split('\\').join('/')}\`. Generated by \`pnpm api:update\`; do not edit.`,
    '',
    ...lines.map((line) => `- \`${line}\``),
    '',
  ].join('\n');
}

/** The `kind name` lines of a checked-in report, or undefined when there is none. */
export function readReport(entry: EntryPoint): string[] | undefined {
  const path = reportPath(entry);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => LINE.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);
}

/** Every checked-in report file, relative to `api/`. */
export function reportFiles(): string[] {
  if (!existsSync(reportsDir)) return [];
  return readdirSync(reportsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.api.md'))
    .map((file) => file.split('\\').join('/'))
    .sort();
}

/** Rewrites `api/` from the sources: one file per entry point, stale files removed. */
export function updateReports(): EntryReport[] {
  const reports = currentReports();
  rmSync(reportsDir, { recursive: true, force: true });
  for (const report of reports) {
    const path = reportPath(report.entry);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(report));
  }
  writeFileSync(
    join(reportsDir, 'README.md'),
    [
      '# API reports',
      '',
      'Every name each public entry point exports, with its kind, one file per entry point.',
      'Generated from the sources by `pnpm api:update`; `test/public-api-report.test.ts` fails when',
      'an export is added or removed without updating them, so a change of the public surface shows',
      'in review.',
      '',
    ].join('\n'),
  );
  return reports;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const reports = updateReports();
  for (const { entry, lines } of reports) console.log(`${entry.specifier}: ${lines.length}`);
}
