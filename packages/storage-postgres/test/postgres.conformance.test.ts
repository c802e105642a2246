import { runStorageConformance } from '@dueflow/testing/conformance';
import { afterAll, describe, it } from 'vitest';
import { createPostgresStorage } from '../src/index.js';
import { openServerPool, poolQuery, sqlBackdoor, uniqueSchema } from './support.js';

const server = await openServerPool();

if ('skip' in server) {
  describe('storage conformance: postgres (server)', () => {
    it.skip(server.skip, () => {});
  });
} else {
  const { pool } = server;
  const query = poolQuery(pool);
  afterAll(() => pool.end());
  runStorageConformance({
    name: 'postgres (server)',
    create: async (tenantId) => {
      const schema = uniqueSchema('conf');
      const storage = createPostgresStorage({ pool, schema, ...(tenantId !== undefined ? { tenantId } : {}) });
      return {
        storage,
        backdoor: sqlBackdoor(query, schema, storage.tenantId),
        cleanup: async () => {
          await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        },
        withTenant: async (other) => ({
          storage: createPostgresStorage({ pool, schema, tenantId: other }),
          backdoor: sqlBackdoor(query, schema, other),
        }),
      };
    },
  });
}
