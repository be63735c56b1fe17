import { defineConfig } from 'vitest/config';

// Mutation testing (npm run mutate) runs the unit and property tests only: they exercise src/stats
// directly, and spawning the CLI for every mutant would take hours.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30000,
  },
});
