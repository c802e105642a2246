import { DueflowError } from '@dueflow/core';
import { AdapterError } from '@dueflow/runtime';
import { describe, expect, it } from 'vitest';
import { adapterError, isTransientError } from './driver.js';

const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('adapterError', () => {
  it('marks lost connections, shutdowns, serialization failures and deadlocks retryable', () => {
    for (const cause of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006', 'connection failure'),
      pgError('40001', 'could not serialize access due to concurrent update'),
      pgError('40P01', 'deadlock detected'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
    ]) {
      const error = adapterError(cause, { operation: 'commit' });
      expect(error).toBeInstanceOf(AdapterError);
      expect(error).toMatchObject({ code: 'ADAPTER', adapter: 'postgres', kind: 'storage', operation: 'commit', retryable: true, cause });
      expect(error.message).toBe(`postgres: ${cause.message}`);
    }
  });

  it('leaves other database errors non-retryable and names the client', () => {
    const error = adapterError(pgError('23505', 'duplicate key value violates unique constraint "outbox_pkey"'), { adapter: 'pglite' });
    expect(error).toMatchObject({ retryable: false, adapter: 'pglite', operation: 'query' });
    expect(error.message).toBe('pglite: duplicate key value violates unique constraint "outbox_pkey"');
    expect(isTransientError(pgError('42601', 'syntax error'))).toBe(false);
  });

  it('marks any error retryable once the connection is known lost, and passes DueflowErrors through', () => {
    expect(adapterError(new Error('write after end'), { connectionLost: true })).toMatchObject({ retryable: true });
    const own = new DueflowError('NOT_FOUND', 'invoice "i9" is missing');
    expect(adapterError(own)).toBe(own);
  });
});
