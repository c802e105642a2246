/**
 * Loading an optional peer dependency when a function first needs it.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';

function isMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Only the package itself: a module missing inside it is its own problem, reported as is.
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error instanceof Error && error.message.includes(`'${name}'`);
}

/**
 * Runs `load` (an `import()` of `name`, written out so that bundlers see it) and returns the
 * module; when the package is not installed, throws a `ConfigError` naming it and the function
 * that needs it, with the loader's error as `cause`.
 *
 * @example
 * ```ts
 * const { PGlite } = await importOptionalPeer('@electric-sql/pglite', 'openPgliteFolder', () => import('@electric-sql/pglite'));
 * ```
 */
export async function importOptionalPeer<T>(name: string, usedBy: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    if (!isMissing(cause, name)) throw cause;
    throw new ConfigError(
      `${usedBy} needs ${name}, an optional peer dependency of @dueflow/storage-postgres that is not installed: install it (npm install ${name})`,
      { cause },
    );
  }
}
