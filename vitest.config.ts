// One test run for the whole project: engine and bench tests (node), renderer component tests and
// end-to-end tests (real Chromium through playwright-core). `npm test` builds first (pretest).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Browser and engine tests start processes and worker threads; a slow CI box needs the room.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
