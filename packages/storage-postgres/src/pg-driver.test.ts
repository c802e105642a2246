import { AdapterError } from '@dueflow/runtime';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openServerPool, PG_URL } from '../test/support.js';
import { createPgDriver } from './pg-driver.js';
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

const server = await openServerPool(1);

describe.skipIf('skip' in server)('createPgDriver and a backend lost as the connection opens', () => {
  it('fails the transaction with a retryable AdapterError instead of an unhandled error event', { timeout: 10_000 }, async () => {
    if (!('pool' in server)) return;
    await server.pool.end();
    /**
     * A real client whose backend reports FATAL in the very packet that completed its start-up:
     * the pool hands it over synchronously, and the error follows before any `await` resumes.
     */
    class TerminatedOnArrival extends pg.Client {
      override connect(): Promise<pg.Client>;
      override connect(callback: (err: Error) => void): void;
      override connect(callback?: (err: Error) => void): Promise<pg.Client> | undefined {
        if (callback === undefined) return super.connect();
        super.connect((err: Error | null) => {
          callback(err as Error);
          if (!err) this.emit('error', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
        });
      }
    }
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1, Client: TerminatedOnArrival });
    try {
      const driver = createPgDriver(pool);
      const failure = await driver.transaction((tx) => tx.query('SELECT 1')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AdapterError);
      expect(failure).toMatchObject({ retryable: true });
    } finally {
      await pool.end();
    }
  });
});
