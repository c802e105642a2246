/**
 * `@dueflow/testing`, `@dueflow/testing/arbitraries` and `@dueflow/testing/providers` load
 * without vitest: property tests under another runner (or none) import them. Only
 * `@dueflow/testing/conformance` registers vitest suites. Every module each entry point reaches,
 * type imports included, is read by the TypeScript compiler and none may be vitest's.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = import.meta.dirname;

/** Workspace modules reached from `entry` that import vitest, with what they import. */
function vitestImports(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@dueflow/source'],
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const found: string[] = [];
  for (const file of program.getSourceFiles()) {
    if (/[\\/](vitest|@vitest)[\\/]/.test(file.fileName)) found.push(file.fileName);
    if (file.fileName.includes('node_modules')) continue;
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier !== undefined &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (specifier !== undefined && /^(vitest|@vitest\/)/.test(specifier)) found.push(`${file.fileName} imports ${specifier}`);
    }
  }
  return found;
}

describe('entry points without vitest', () => {
  for (const entry of ['index.ts', 'arbitraries/index.ts', 'providers/index.ts']) {
    it(`${entry} reaches no vitest module`, () => {
      expect(vitestImports(join(src, entry))).toEqual([]);
    });
  }

  it('conformance/index.ts does (the check sees an import of vitest)', () => {
    expect(vitestImports(join(src, 'conformance/index.ts')).length).toBeGreaterThan(0);
  });
});
