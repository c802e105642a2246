/**
 * Bundles a worker script once per test run, so the many processes a fault test starts and
 * kills load in a fraction of the time a TypeScript loader takes for every start.
 *
 * The workspace packages are bundled from source (the `@dueflow/source` condition); every other
 * package stays external, imported by its absolute path as esbuild resolved it, so packages that
 * read their own files at run time (pdfkit's fonts) keep working.
 *
 * @module
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@dueflow/') || args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      const resolved = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0 || resolved.external) return undefined;
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

/**
 * Bundles `entry` into a single ESM file in a fresh temporary folder and returns its path.
 *
 * @example
 * ```ts
 * const script = await bundleWorker(join(import.meta.dirname, 'storm-worker.ts'));
 * spawn(process.execPath, [script]);
 * ```
 */
export async function bundleWorker(entry: string): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'dueflow-fault-')), 'worker.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@dueflow/source'],
    mainFields: ['module', 'main'],
    plugins: [externalDependencies],
    logLevel: 'error',
    sourcemap: 'inline',
  });
  return outfile;
}
