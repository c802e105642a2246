/**
 * The runtime's folders (ports, collector, ingest, memory, channels, timeline) import each other
 * without a cycle, so each can be read, tested and moved on its own: ports import no other
 * folder, and nothing imports the package's `index.ts`. Type-only imports count too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'packages', 'runtime', 'src');

/** The folder a file belongs to, or the file's own name at the root (`index.ts`, `errors.ts`). */
function unit(file: string): string {
  const path = relative(src, file).split('\\').join('/');
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Edges `from -> to` between units, from every relative import inside the package (tests included). */
function unitGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8')).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      if (relative(src, target).startsWith('..')) continue; // another package's source, in a test
      const [from, to] = [unit(file), unit(target)];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every cycle's units, as `a -> b -> a` strings. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const visit = (node: string, path: string[]): void => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next].join(' -> '));
      else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return found;
}

describe('the runtime package layout', () => {
  it('has no import cycle between its folders', () => {
    const graph = unitGraph();
    expect(graph.get('collector')).toBeDefined(); // the check sees the imports at all
    expect(cycles(graph)).toEqual([]);
    expect([...(graph.get('ports') ?? [])].filter((to) => to !== 'errors.ts')).toEqual([]);
    expect([...graph.values()].filter((targets) => targets.has('index.ts'))).toEqual([]);
  });
});
