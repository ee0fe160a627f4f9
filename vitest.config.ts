import { defineConfig } from 'vitest/config';

// One test runner for the repository: server unit and integration tests, web unit tests,
// and end-to-end browser tests (which need /usr/bin/chromium; see scripts/ensure-test-deps.sh).
export default defineConfig({
  test: {
    include: [
      'server/src/**/*.test.ts',
      'server/test/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    globalSetup: ['server/test/support/postgres-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
