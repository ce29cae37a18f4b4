import { beforeEach } from 'vitest';
import type { LogBuffer } from './util';

/**
 * Registers a `beforeEach` that prints the browser's log lines of a test when it fails, from
 * the test's start only. `harness` is called when a test runs, as the file launches its browser
 * in `beforeAll` (and it may be undefined there if the launch failed).
 */
export function dumpLogsOnFailure(
  browser: 'Chromium' | 'Firefox',
  harness: () => { logs: LogBuffer } | undefined,
): void {
  beforeEach(({ onTestFailed }) => {
    const mark = harness()?.logs.mark() ?? 0;
    onTestFailed(() => {
      console.error(harness()?.logs.dump(`${browser} logs during this test`, mark));
    });
  });
}
