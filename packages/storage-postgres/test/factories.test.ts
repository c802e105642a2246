import { PGlite } from '@electric-sql/pglite';
import { ConfigError, ValidationError } from '@dueflow/core';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, createPostgresStorage, MIGRATIONS } from '../src/index.js';
import { customer, invoice } from './fixtures.js';
import { uniqueSchema } from './support.js';

const pglite = new PGlite();
afterAll(() => pglite.close());

describe('factories', () => {
  it('reject bad options with typed errors naming the field', () => {
    expect(() => createPgliteStorage({ pglite, tenantId: '' })).toThrow(ValidationError);
    expect(() => createPgliteStorage({ pglite, schema: 'Robert"; DROP TABLE x' })).toThrow(/schema/);
    expect(() => createPgliteStorage({ pglite, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createPostgresStorage({ pool: {} as pg.Pool })).toThrow(ConfigError);
    expect(() => createPgliteStorage({ pglite: null as unknown as PGlite })).toThrow(ConfigError);
  });

  it('declare their capabilities', () => {
    expect(createPgliteStorage({ pglite }).capabilities).toEqual({ concurrentWorkers: true });
    expect(createPgliteStorage({ pglite }).tenantId).toBe('default');
  });

  it('close() leaves the injected client open', async () => {
    const storage = createPgliteStorage({ pglite, schema: uniqueSchema('own') });
    await storage.init();
    await storage.close();
    expect(pglite.closed).toBe(false);
    expect((await pglite.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('migrations', () => {
  it('apply once, record their versions, and are idempotent', async () => {
    const schema = uniqueSchema('mig');
    const storage = createPgliteStorage({ pglite, schema });
    const first = await storage.migrate();
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    const again = await storage.migrate();
    expect(again).toEqual({ applied: [], version: MIGRATIONS.at(-1)?.version });
    const rows = (await pglite.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`)).rows;
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('atomic writes', () => {
  it('a batch with one invalid invoice writes nothing and names the field', async () => {
    const schema = uniqueSchema('atomic');
    const storage = createPgliteStorage({ pglite, schema });
    await storage.init();
    const bad = { ...invoice('i2', 'c1'), total: { amount: 1.5, currency: 'USD' } };
    const error = await storage.commit({ invoices: [invoice('i1', 'c1'), bad] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/invoices\[1\]: total\.amount/);
    expect(await storage.listInvoices()).toEqual([]);
  });

  it('a database failure half-way through a batch rolls the whole batch back', async () => {
    const schema = uniqueSchema('atomic');
    const storage = createPgliteStorage({ pglite, schema, batchSize: 1 });
    await storage.init();
    // A constraint the schema does not have, so the second row of the same call fails in SQL.
    await pglite.query(`ALTER TABLE "${schema}".customers ADD CONSTRAINT no_bob CHECK (name <> 'Bob')`);
    await expect(storage.commit({ customers: [customer('c1'), customer('c2', { name: 'Bob' })] })).rejects.toMatchObject({
      code: 'ADAPTER',
    });
    expect(await storage.listCustomers()).toEqual([]);
  });

  it('imports from an async iterable in batches, with upsert semantics', async () => {
    const schema = uniqueSchema('imp');
    const storage = createPgliteStorage({ pglite, schema });
    await storage.init();
    async function* rows() {
      for (let i = 0; i < 25; i++) yield invoice(`i${String(i).padStart(2, '0')}`, 'c1');
    }
    expect(await storage.importInvoices(rows(), { batchSize: 10 })).toEqual({ read: 25, written: 25, batches: 3 });
    expect(await storage.importInvoices(rows(), { batchSize: 10 })).toEqual({ read: 25, written: 0, batches: 3 });
    expect((await storage.listInvoices({ dueBy: 0 })).length).toBe(25);
  });
});
