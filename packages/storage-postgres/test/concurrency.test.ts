import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStorage, MIGRATIONS, type PostgresStorage } from '../src/index.js';
import { customer, invoice } from './fixtures.js';
import { decideWithEngine, NOW } from './scenario.js';
import { openServerPool, PG_URL, uniqueSchema } from './support.js';

const server = await openServerPool(8);

if ('skip' in server) {
  describe('many workers on one server', () => it.skip(server.skip, () => {}));
} else {
  const { pool } = server;
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  async function seeded(invoices: number): Promise<{ schema: string; make: () => PostgresStorage }> {
    const schema = uniqueSchema('conc');
    schemas.push(schema);
    const make = (): PostgresStorage => createPostgresStorage({ pool, schema, tenantId: 'acme' });
    const storage = make();
    await storage.init();
    await storage.commit({ customers: Array.from({ length: 50 }, (_, i) => customer(`c${i}`)) });
    const days = ['2025-03-10', '2025-03-03', '2025-02-24', '2025-02-10', '2025-01-20', '2025-03-20'];
    await storage.commit({ invoices: Array.from({ length: invoices }, (_, i) => invoice(`i${i}`, `c${i % 50}`, days[i % days.length])) });
    return { schema, make };
  }

  describe('many workers on one server', () => {
    it('concurrent decideDue calls never decide the same invoice twice', async () => {
      const { make } = await seeded(1500);
      const seen = new Map<string, number>();
      const worker = async (): Promise<number> => {
        const storage = make();
        const decide = decideWithEngine(NOW);
        let enqueued = 0;
        for (;;) {
          const r = await storage.decideDue({ now: NOW, limit: 40 }, (snapshot) => {
            seen.set(snapshot.invoice.id, (seen.get(snapshot.invoice.id) ?? 0) + 1);
            return decide(snapshot);
          });
          enqueued += r.enqueued;
          if (r.decided === 0 && !r.more) return enqueued;
        }
      };
      const enqueued = (await Promise.all([worker(), worker(), worker(), worker()])).reduce((a, b) => a + b, 0);
      expect(seen.size).toBe(1500);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      const storage = make();
      expect((await storage.listOutbox({ limit: 10_000 })).length).toBe(enqueued);
      expect(enqueued).toBeGreaterThan(0);
    });

    it('concurrent claims are disjoint, and a stale token can never complete', async () => {
      const { make } = await seeded(300);
      await make().decideDue({ now: NOW, limit: 1000 }, decideWithEngine(NOW));
      const pending = await make().listOutbox({ status: ['pending'], limit: 10_000 });
      const claimAll = async (id: string): Promise<string[]> => {
        const storage = make();
        const keys: string[] = [];
        for (;;) {
          const claims = await storage.claimOutbox({ now: NOW, limit: 7, workerId: id, leaseMs: 60_000 });
          if (claims.length === 0) return keys;
          keys.push(...claims.map((c) => c.entry.key));
        }
      };
      const claimed = (await Promise.all(['w1', 'w2', 'w3', 'w4'].map(claimAll))).flat();
      expect(claimed.length).toBe(pending.length);
      expect(new Set(claimed).size).toBe(claimed.length);

      // Worker A's lease expires; worker B takes the entry over; A's late completion is refused.
      const storage = make();
      const key = pending[0]!.key;
      const later = NOW + 120_000;
      const [a] = await storage.claimOutbox({ now: later, limit: 1, workerId: 'a', leaseMs: 1000 });
      expect(a?.entry.key).toBe(key);
      const [b] = await storage.claimOutbox({ now: later + 1000, limit: 1, workerId: 'b', leaseMs: 60_000 });
      expect(b?.entry.key).toBe(key);
      expect(b!.token).toBeGreaterThan(a!.token);
      expect(await storage.completeOutbox({ key, token: a!.token, now: later + 2000, result: { status: 'sent' }, activities: [] })).toBe(
        false,
      );
      expect(await storage.completeOutbox({ key, token: b!.token, now: later + 2000, result: { status: 'sent' }, activities: [] })).toBe(
        true,
      );
      expect((await storage.listOutbox({ key: key }))[0]?.status).toBe('sent');
    });

    it('several processes migrating at once apply each version exactly once', async () => {
      const schema = uniqueSchema('mig');
      schemas.push(schema);
      const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: PG_URL, max: 1 }));
      try {
        const results = await Promise.all(pools.map((p) => createPostgresStorage({ pool: p, schema }).migrate()));
        const applied = results.flatMap((r) => r.applied).sort();
        expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
        const rows = await pool.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
        expect(rows.rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    });
  });
}
