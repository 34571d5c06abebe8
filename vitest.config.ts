import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node. End-to-end tests are Playwright's (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
