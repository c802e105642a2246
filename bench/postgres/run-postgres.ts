/**
 * Runs the postgres suite on its own, printing one JSON line per result:
 * `node --import tsx --conditions=@dueflow/source bench/postgres/run-postgres.ts [--quick] [--only server|pglite]`.
 *
 * @module
 */
import { run } from './suite.js';
import type { Result, SuiteContext } from '../harness.js';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const onlyArg = onlyAt < 0 ? undefined : process.argv[onlyAt + 1];
if (onlyAt >= 0 && onlyArg !== 'server' && onlyArg !== 'pglite') throw new Error('--only takes server or pglite');
const only = onlyArg === 'server' || onlyArg === 'pglite' ? onlyArg : undefined;
const ctx: SuiteContext = {
  quick,
  runs: 1,
  minRunMs: 0,
  measure: () => Promise.reject(new Error('the postgres suite times one-shot runs')),
  log: (message) => process.stderr.write(`${message}\n`),
  note: (message) => process.stderr.write(`note: ${message}\n`),
};
const results: readonly Result[] = await run(ctx, only);
for (const r of results) process.stdout.write(`${JSON.stringify({ suite: 'postgres', ...r })}\n`);
