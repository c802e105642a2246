import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStorage } from '../src/index.js';
import { note } from './fixtures.js';
import { seedScenario } from './scenario.js';
import { uniqueSchema } from './support.js';

const pglite = new PGlite();
afterAll(() => pglite.close());

describe('the timeline is append-only', () => {
  it('a trigger rejects UPDATE, DELETE and TRUNCATE on activities', async () => {
    const schema = uniqueSchema('ao');
    const storage = createPgliteStorage({ pglite, schema, tenantId: 't' });
    await storage.init();
    await seedScenario(storage, 't');
    const s = `"${schema}"`;
    await expect(pglite.query(`UPDATE ${s}.activities SET type = 'note'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(pglite.query(`DELETE FROM ${s}.activities WHERE id = 'n1'`)).rejects.toThrow(/append-only: DELETE/);
    await expect(pglite.query(`TRUNCATE ${s}.activities`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await pglite.query(`SELECT id FROM ${s}.activities`)).rows).toEqual([{ id: 'n1' }]);
  });

  it('re-appending an id is a no-op that keeps the first version', async () => {
    const schema = uniqueSchema('ao');
    const storage = createPgliteStorage({ pglite, schema, tenantId: 't' });
    await storage.init();
    await storage.commit({ activities: [note('n1', 'c1', 'i1', '2025-03-02T10:00:00Z')] });
    await storage.commit({ activities: [note('n1', 'c1', 'i1', '2025-03-03T10:00:00Z', 'changed')] });
    const rows = (await pglite.query<{ doc: { text: string } }>(`SELECT doc FROM "${schema}".activities`)).rows;
    expect(rows.map((r) => r.doc.text)).toEqual(['note n1']);
  });

  it('no statement in the adapter updates or deletes activities', () => {
    const dir = join(import.meta.dirname, '..', 'src');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/UPDATE\s+\$\{s\}\.activities/i);
      expect(text, file).not.toMatch(/DELETE\s+FROM\s+\$\{s\}\.activities/i);
    }
  });
});
