import { PGlite } from '@electric-sql/pglite';
import { runStorageConformance } from '@dueflow/testing/conformance';
import { afterAll } from 'vitest';
import { createPgliteStorage } from '../src/index.js';
import { sqlBackdoor, uniqueSchema, type RawQuery } from './support.js';

// One in-memory PGlite for the file (starting one takes seconds); every test gets a fresh schema.
const pglite = new PGlite();
const query: RawQuery = async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params ?? [])).rows;
afterAll(() => pglite.close());

runStorageConformance({
  name: 'pglite',
  create: async (tenantId) => {
    const schema = uniqueSchema('conf');
    const storage = createPgliteStorage({ pglite, schema, ...(tenantId !== undefined ? { tenantId } : {}) });
    return {
      storage,
      backdoor: sqlBackdoor(query, schema, storage.tenantId),
      cleanup: async () => {
        await pglite.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
      withTenant: async (other) => ({
        storage: createPgliteStorage({ pglite, schema, tenantId: other }),
        backdoor: sqlBackdoor(query, schema, other),
      }),
    };
  },
});
