/**
 * Runs the postgres suite on its own, printing one JSON line per result:
 * `node --import tsx --conditions=@dueflow/source bench/postgres/run-postgres.ts [--quick]`.
 *
 * @module
 */
import { run } from './suite.js';
import type { Result, SuiteContext } from '../harness.js';

const quick = process.argv.includes('--quick');
const ctx: SuiteContext = {
  quick,
  runs: 1,
  minRunMs: 0,
  measure: () => Promise.reject(new Error('the postgres suite times one-shot runs')),
  log: (message) => process.stderr.write(`${message}\n`),
  note: (message) => process.stderr.write(`note: ${message}\n`),
};
const results: readonly Result[] = await run(ctx);
for (const r of results) process.stdout.write(`${JSON.stringify({ suite: 'postgres', ...r })}\n`);
