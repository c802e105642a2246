/**
 * Every function and class a package exports carries TSDoc with an `@example`, and every public
 * method of an exported class a doc comment: the API reference is generated from these, so an
 * undocumented export is a hole in it. The check reads each package's entry points from its
 * `exports` map and follows re-exports with the TypeScript checker, so it sees exactly what a
 * user can import. Every exported function, method and constructor also takes at most four
 * positional parameters; more inputs travel in a named options object.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entryPoints, entryProgram, exportsOf } from '../scripts/api-report.js';

function hasExample(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
}

function hasDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0;
}

/** The declaration whose doc comment speaks for an exported symbol (a `const f = () => ...` is documented on its statement). */
function documented(decl: ts.Declaration): ts.Node | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return decl;
  if (
    ts.isVariableDeclaration(decl) &&
    decl.initializer !== undefined &&
    (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))
  ) {
    return decl.parent.parent;
  }
  return undefined;
}

/** What is missing, as `package: name (what)` lines. */
function undocumentedExports(): { readonly problems: string[]; readonly checked: number } {
  const entries = entryPoints();
  const program = entryProgram(entries);
  const problems: string[] = [];
  let checked = 0;
  for (const entry of entries) {
    const exported = exportsOf(program, entry.file);
    if (exported === undefined) {
      problems.push(`${entry.specifier}: entry point ${entry.file} not found`);
      continue;
    }
    for (const { name, symbol } of exported) {
      const decl = symbol.declarations?.[0];
      const node = decl === undefined ? undefined : documented(decl);
      if (node === undefined) continue;
      checked++;
      if (!hasDoc(node)) problems.push(`${entry.specifier}: ${name} has no doc comment`);
      else if (!hasExample(node)) problems.push(`${entry.specifier}: ${name} has no @example`);
      if (!ts.isClassDeclaration(node)) continue;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || ts.isPrivateIdentifier(member.name)) continue;
        if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (!hasDoc(member)) problems.push(`${entry.specifier}: ${name}.${member.name.getText()} has no doc comment`);
      }
    }
  }
  return { problems, checked };
}

/** Exported functions, methods and constructors that take more than four positional parameters. */
function longParameterLists(): string[] {
  const entries = entryPoints();
  const program = entryProgram(entries);
  const found = new Set<string>();
  const check = (specifier: string, name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    if (parameters.length > MAX_POSITIONAL) found.add(`${specifier}: ${name} takes ${parameters.length} positional parameters`);
  };
  for (const entry of entries) {
    for (const { name, symbol } of exportsOf(program, entry.file) ?? []) {
      for (const decl of symbol.declarations ?? []) {
        if (ts.isFunctionDeclaration(decl)) check(entry.specifier, name, decl.parameters);
        else if (
          ts.isVariableDeclaration(decl) &&
          decl.initializer !== undefined &&
          (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))
        )
          check(entry.specifier, name, decl.initializer.parameters);
        else if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
          for (const member of decl.members) {
            if (ts.isConstructorDeclaration(member)) check(entry.specifier, `new ${name}`, member.parameters);
            else if ((ts.isMethodDeclaration(member) || ts.isMethodSignature(member)) && !ts.isPrivateIdentifier(member.name))
              check(entry.specifier, `${name}.${member.name.getText()}`, member.parameters);
            else if (ts.isPropertySignature(member) && member.type !== undefined && ts.isFunctionTypeNode(member.type))
              check(entry.specifier, `${name}.${member.name.getText()}`, member.type.parameters);
          }
        }
      }
    }
  }
  return [...found];
}

/** More inputs than this travel in a named options object. */
const MAX_POSITIONAL = 4;

describe('public API documentation', () => {
  it('documents every exported function and class with an example, and every public method', () => {
    const { problems, checked } = undocumentedExports();
    // A package whose entry points resolve to nothing would pass vacuously.
    expect(checked).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });

  it('takes at most four positional parameters in any exported function, method or constructor', () => {
    expect(longParameterLists()).toEqual([]);
  });
});
