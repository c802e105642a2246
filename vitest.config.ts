import { defineConfig } from 'vitest/config';

// Packages resolve each other through the private `@dueflow/source` export condition, so the
// whole workspace is tested against source without a build step. Only that condition (and
// `node`) is added: vitest hands these conditions to Node in its workers, and `import` or
// `module` there would make `require()` inside CommonJS dependencies (pg) load ESM entries.
export default defineConfig({
  resolve: { conditions: ['@dueflow/source', 'node'] },
  ssr: { resolve: { conditions: ['@dueflow/source', 'node'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'bench/*.test.ts',
      'bench/**/*.test.ts',
      'examples/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The fault tests run on their own after this suite (`pnpm test:fault`), the consumer tests
    // after a build (`pnpm test:consumer`).
    exclude: ['**/node_modules/**', 'test/fault/**', 'test/consumer/**'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './.ci/summary-reporter.ts'],
  },
});
