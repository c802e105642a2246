import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresStorage } from './postgres-storage.js';

describe('createPostgresStorage and the pool error event', () => {
  it('keeps a lost idle connection from ending the process, with one listener however many tenants share the pool', async () => {
    // Creating a pool connects nothing; the event is emitted by hand as the pool would.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(() => pool.emit('error', new Error('Connection terminated unexpectedly'))).toThrow('Connection terminated unexpectedly');
    const storages = Array.from({ length: 20 }, (_, i) => createPostgresStorage({ pool, tenantId: `t${i}` }));
    expect(pool.listenerCount('error')).toBe(1);
    expect(() => pool.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    for (const storage of storages.slice(1)) await storage.close();
    expect(pool.listenerCount('error')).toBe(1);
    await storages[0]?.close();
    await storages[0]?.close();
    expect(pool.listenerCount('error')).toBe(0);
    await pool.end();
  });
});
