/**
 * Test-only shim (the same as storage-postgres's). The workspace's vitest config passes `--conditions import` to its workers,
 * which makes CommonJS `require()` inside `pg` pick its dependencies' ESM entries (and then
 * fail with "Class extends value [object Module]"). For a CommonJS parent, this maps such an
 * entry back to the package's own `require` entry. Import it before `pg`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

type Resolve = (this: unknown, request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
const PACKAGE_ROOT = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;

loader._resolveFilename = function resolve(request, parent, ...rest) {
  const resolved = original.call(this, request, parent, ...rest);
  const fromCjs = parent?.filename !== undefined && !parent.filename.endsWith('.mjs');
  if (!fromCjs || request.startsWith('.') || !/[\\/]esm[\\/]/.test(resolved)) return resolved;
  const root = PACKAGE_ROOT.exec(resolved)?.[1];
  if (root === undefined) return resolved;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const dot = manifest.exports?.['.'];
  const entry = typeof dot === 'object' && dot !== null ? (dot as Record<string, unknown>)['require'] : undefined;
  return typeof entry === 'string' ? join(root, entry) : resolved;
};
