import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: pure core in Node, Dexie on fake-indexeddb, WXT's fake browser.
// End-to-end tests live in vitest.e2e.config.ts because they need built extensions.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto'],
    // A few tests build the real KB from seeds/ (3–4 s alone); a loaded 2-core machine
    // must not turn them into timeouts.
    testTimeout: 20_000,
  },
});
