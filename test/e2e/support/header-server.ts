import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES_DIR } from './paths';
import type { FixtureServer } from './server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

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
  const requests: string[] = [];
  const headersFor = (path: string) => ({ 'cache-control': 'no-store', ...(headers[path] ?? {}) });
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...headersFor(path),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    requests,
    headersFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
