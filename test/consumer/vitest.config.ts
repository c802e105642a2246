import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The consumer tests install the packed tarballs into fresh npm projects outside the workspace
// (npm talks to the registry), so they run on their own, after a build (`pnpm test:consumer`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['*.test.ts'],
    exclude: ['**/node_modules/**', 'fixtures/**'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    reporters: ['default', '../../.ci/summary-reporter.ts'],
  },
});
