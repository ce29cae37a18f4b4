import { FIXTURES_DIR } from './paths';
import { startFileServer, type FixtureServer } from './server';

/** The Content-Security-Policy of the strict-CSP fixtures: nothing may load, run or style. */
export const STRICT_CSP = "default-src 'none'; style-src 'none'; script-src 'none'";

export interface HeaderFixtureServer extends FixtureServer {
  /** The response headers sent with each path, as sent (for assertions and diagnostics). */
  headersFor(path: string): Record<string, string>;
}

/**
 * Like `startFixtureServer` (test/e2e/fixtures on 127.0.0.1, a random port), plus extra
 * response headers per path: `headers` maps a path (`/recognition/strict-csp.html`) to the
 * headers to add, e.g. a Content-Security-Policy that `<meta>` could not fully express.
 */
export async function startHeaderFixtureServer(
  headers: Record<string, Record<string, string>> = {},
  root = FIXTURES_DIR,
): Promise<HeaderFixtureServer> {
  const headersFor = (path: string) => ({ 'cache-control': 'no-store', ...(headers[path] ?? {}) });
  return { ...(await startFileServer({ root, headersFor })), headersFor };
}
