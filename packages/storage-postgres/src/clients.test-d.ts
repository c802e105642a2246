import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { expectTypeOf, test } from 'vitest';
import type { OpenedPglite, PgliteLike, PgPoolLike } from './clients.js';

test('a pg.Pool is a PgPoolLike', () => {
  expectTypeOf<pg.Pool>().toExtend<PgPoolLike>();
});

test('a PGlite instance is a PgliteLike, and one PGlite.create opens is an OpenedPglite', () => {
  expectTypeOf<PGlite>().toExtend<PgliteLike>();
  expectTypeOf<Awaited<ReturnType<typeof PGlite.create>>>().toExtend<OpenedPglite>();
});

test('an object that is not a client is refused', () => {
  expectTypeOf<{ query: () => void }>().not.toExtend<PgPoolLike>();
  expectTypeOf<{ query: () => void }>().not.toExtend<PgliteLike>();
});
