import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The fault tests load the whole machine (worker processes started and killed many times a
// second), so they run on their own, after the main suite, one file at a time.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['@dueflow/source', 'node'] },
  ssr: { resolve: { conditions: ['@dueflow/source', 'node'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', '../../.ci/summary-reporter.ts'],
  },
});
