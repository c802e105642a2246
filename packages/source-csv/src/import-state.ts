/**
 * What an import remembers between runs (the header, for schema drift), behind a small
 * interface with an in-memory and a JSON-file implementation.
 *
 * @module
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { InstantSchema, parseWith } from '@dueflow/core';
import { z } from 'zod';

/** What one import leaves for the next. */
export interface ImportState {
  /** The file's header, in order. */
  readonly header: readonly string[];
  /** When the import ran (ISO 8601 instant). */
  readonly importedAt: string;
  /** Data rows read. */
  readonly rows: number;
}

const ImportStateSchema = z.object({
  header: z.array(z.string()),
  importedAt: InstantSchema,
  rows: z.number().int().min(0),
});
const StateFileSchema = z.record(z.string(), ImportStateSchema);

/**
 * Keeps import state by key (one key per recurring import, e.g. `erp-invoices`).
 * Implement it over your own database to keep state next to the data.
 */
export interface ImportStateStore {
  load(key: string): Promise<ImportState | undefined>;
  save(key: string, state: ImportState): Promise<void>;
}

/**
 * An import state store in memory, for tests and one-off scripts.
 *
 * @example
 * ```ts
 * const stateStore = createMemoryImportStateStore();
 * await importCsv({ file, storage, stateStore });
 * ```
 */
export function createMemoryImportStateStore(initial: Readonly<Record<string, ImportState>> = {}): ImportStateStore {
  const states = new Map(Object.entries(initial));
  return {
    load: async (key) => states.get(key),
    save: async (key, state) => {
      states.set(key, { header: [...state.header], importedAt: state.importedAt, rows: state.rows });
    },
  };
}

/**
 * An import state store in one JSON file (`{ "<key>": { header, importedAt, rows } }`). Writes go
 * to a temporary file renamed over the old one, so a crash never leaves half a file. A file
 * that does not exist is an empty store; a file that is not valid state is a `ValidationError`.
 *
 * @example
 * ```ts
 * const stateStore = createJsonFileImportStateStore('.dueflow/import-state.json');
 * ```
 */
export function createJsonFileImportStateStore(path: string): ImportStateStore {
  const readAll = async (): Promise<Record<string, ImportState>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return parseWith(StateFileSchema, `import state file ${path}`, json);
  };
  return {
    load: async (key) => (await readAll())[key],
    save: async (key, state) => {
      const all = await readAll();
      all[key] = parseWith(ImportStateSchema, 'import state', state);
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(all, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    },
  };
}
