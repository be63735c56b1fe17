import { defineConfig } from 'vitest/config';

// npm run test:install: rehab-stats packed, installed into a data repository and run there as the
// README's CI example does (test/install/). Apart from npm test because npm install alone takes
// longer than the rest of the suite; .ci/run runs both.
export default defineConfig({
  test: {
    include: ['test/install/**/*.test.ts'],
    testTimeout: 300_000,
  },
});
