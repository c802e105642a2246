import { ConfigError } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { importOptionalPeer } from './optional-peer.js';

describe('importOptionalPeer', () => {
  it('returns the module when the package is installed', async () => {
    const { PGlite } = await importOptionalPeer('@electric-sql/pglite', 'openPgliteFolder', () => import('@electric-sql/pglite'));
    expect(typeof PGlite.create).toBe('function');
  });

  it('names the missing package, what needs it and how to install it', async () => {
    const missing = '@dueflow/not-installed';
    const error = await importOptionalPeer(missing, 'openPgliteFolder', () => import(/* @vite-ignore */ missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG' });
    expect((error as Error).message).toBe(
      'openPgliteFolder needs @dueflow/not-installed, an optional peer dependency of @dueflow/storage-postgres that is not installed: install it (npm install @dueflow/not-installed)',
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('passes on any other failure as it is', async () => {
    const failure = new Error('boom');
    await expect(importOptionalPeer('@electric-sql/pglite', 'openPgliteFolder', () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
