// The API reference documents what each package's `exports` map publishes: every subpath
// (`@dueflow/runtime/ports` as well as `@dueflow/runtime`), read through the `@dueflow/source`
// condition so typedoc reads the TypeScript sources rather than a build.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packagesDir = join(root, 'packages');

/**
 * One entry per published subpath, in package order.
 * `file` is absolute; `specifier` is what users import (`@dueflow/runtime/ports`);
 * `folder` is the package's folder name (`runtime`); `subpath` is `.` or `./ports`.
 */
export function entryPoints() {
  const entries = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifest = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.private) continue;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' && target !== null ? target['@dueflow/source'] : undefined;
      if (typeof source !== 'string' || !/\.[cm]?tsx?$/.test(source)) continue;
      entries.push({
        file: join(packagesDir, folder, source),
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        folder,
        subpath,
      });
    }
  }
  return entries;
}

/** The name typedoc gives an entry point by default: its path from the common folder, without `/index.ts`. */
export function defaultModuleName(file) {
  return relative(packagesDir, file)
    .split('\\')
    .join('/')
    .replace(/(\/index)?(\.d)?\.([cm][tj]s|[tj]sx?)$/, '');
}
