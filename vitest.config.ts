import { defineConfig } from 'vitest/config';

// Packages resolve each other through the private `@dueflow/source` export condition,
// so the whole workspace is tested against source without a build step.
export default defineConfig({
  resolve: { conditions: ['@dueflow/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@dueflow/source', 'import', 'module', 'node', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/*.test.ts', 'bench/**/*.test.ts', 'examples/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './.ci/summary-reporter.ts'],
  },
});
