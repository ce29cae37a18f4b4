import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extensions (.output/chrome-mv3, .output/firefox-mv2) in real
// Chromium and Firefox. Build first (`npm run build`). One browser at a time: files run
// sequentially in a single worker, and tests within a file run in order.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    // Above the 60 s a browser launch is allowed (support/launch.ts), so a slow launch fails
    // with its own message rather than the hook's.
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A browser test that fails once is a bug to fix, not to retry away.
    retry: 0,
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
