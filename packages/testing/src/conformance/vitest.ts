/**
 * Vitest, for the conformance kits only. It is an optional peer dependency, imported only inside
 * a vitest run (vitest throws when imported anywhere else), so that the arbitraries, the
 * invariants and the provider fakes work in any test runner, or none, without it.
 *
 * @module
 */
import { ConfigError } from '@dueflow/core';

type Vitest = typeof import('vitest');

async function load(): Promise<{ readonly vitest?: Vitest; readonly failure?: unknown }> {
  // Vitest sets VITEST in the processes that run test files (and their children inherit it).
  if (process.env['VITEST'] === undefined) return {};
  try {
    return { vitest: await import('vitest') };
  } catch (failure) {
    // Not installed, or a process started by a test rather than a vitest worker.
    return { failure };
  }
}

const { vitest, failure } = await load();

function unavailable(): never {
  throw new ConfigError(
    'the conformance kits of @dueflow/testing register vitest suites: call them at the top level of a test file that vitest runs, with vitest (an optional peer dependency) installed: npm install --save-dev vitest',
    failure === undefined ? undefined : { cause: failure },
  );
}

function pick<K extends 'afterEach' | 'describe' | 'expect' | 'it'>(name: K): Vitest[K] {
  return vitest === undefined ? (unavailable as unknown as Vitest[K]) : vitest[name];
}

export const afterEach = pick('afterEach');
export const describe = pick('describe');
export const expect = pick('expect');
export const it = pick('it');
