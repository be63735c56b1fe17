import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) => ({
  test: {
    include: ['test/**/*.test.ts'],
    // Installing the packed package into a data repository: npm run test:install (.ci/run runs it).
    exclude: [...configDefaults.exclude, 'test/install/**'],
    // `vitest run --mode quick` (npm test): fewer random cases, slow process tests skipped; see test/helpers/tier.ts.
    env: mode === 'quick' ? { REHAB_STATS_TEST_TIER: 'quick' } : {},
    // Most end-to-end tests call run(args, io) in-process; a thread starts faster than a process.
    pool: 'threads',
    maxWorkers: 2,
    // Test files in one worker share the modules already loaded instead of importing src/ again
    // for each file: src/ keeps no state between runs but caches (run state lives in the run's io).
    isolate: false,
    experimental: {
      // Transformed modules kept in node_modules/.experimental-vitest-cache (content-hashed): a run after
      // a small change transforms only what changed.
      fsModuleCache: true,
    },
    // Generous: the machine is often shared, and a timeout here is a guard against a hang, not a speed test.
    testTimeout: 120_000,
  },
}));
