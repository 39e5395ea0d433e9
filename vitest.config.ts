import { defineConfig } from 'vitest/config';

// One suite for both databases: DATABASE_URL set → PostgreSQL, else embedded PGlite.
export default defineConfig({
  test: {
    // web/src: pure functions of the pages (no DOM); the pages themselves are covered by e2e/.
    include: ['contract/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
