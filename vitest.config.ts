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
    // The JSON report lets .ci/run end with a plain "N passed, N failed" line that any CI can read.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
