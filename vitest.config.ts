import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database tests share one PostgreSQL server; files run in parallel processes, each with its own schema.
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});
