/**
 * Vitest, for the conformance kits only. It is an optional peer dependency, imported only inside
 * a vitest run (vitest throws when imported anywhere else), so that the arbitraries, the
 * invariants and the provider fakes work in any test runner, or none, without it.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';

type Vitest = typeof import('vitest');

// Vitest sets VITEST in the processes that run test files.
const vitest: Vitest | undefined = process.env['VITEST'] === undefined ? undefined : await import('vitest');

function unavailable(): never {
  throw new ConfigError(
    'the conformance kits of @dueflow/testing register vitest suites: call them at the top level of a test file that vitest runs, with vitest (an optional peer dependency) installed: npm install --save-dev vitest',
  );
}

function pick<K extends 'afterEach' | 'describe' | 'expect' | 'it'>(name: K): Vitest[K] {
  return vitest === undefined ? (unavailable as unknown as Vitest[K]) : vitest[name];
}

export const afterEach = pick('afterEach');
export const describe = pick('describe');
export const expect = pick('expect');
export const it = pick('it');
