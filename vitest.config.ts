// Vitest: unit and integration suites under tests/ (end-to-end tests run under Playwright).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Limits on how long a run may take on a busy machine, not speed claims (those are in `npm run bench`).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
