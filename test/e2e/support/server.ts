import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES_DIR } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  origin: string;
  url(path: string): string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface FileServerOptions {
  root?: string;
  /** The file under `root` that answers a request for `path` (decoded, without query or fragment). */
  fileFor?(path: string): string;
  /** The content type of a found file; by default from its extension. */
  contentType?(file: string): string;
  /** The headers sent with a found file besides its content type; by default `cache-control: no-store`. */
  headersFor?(path: string): Record<string, string>;
}

/**
 * The one local HTTP server of the e2e tests (plain, with extra headers, with switchable
 * routes): files under `root` (test/e2e/fixtures) on 127.0.0.1 at a random free port, never
 * outside `root`, never cached; `/` is `index.html` unless `fileFor` says otherwise.
 */
export async function startFileServer({
  root = FIXTURES_DIR,
  fileFor = (path) => (path === '/' ? 'index.html' : path),
  contentType = (file) => TYPES[extname(file)] ?? 'application/octet-stream',
  headersFor = () => ({ 'cache-control': 'no-store' }),
}: FileServerOptions = {}): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, fileFor(path)));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': contentType(file), ...headersFor(path) });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves test/e2e/fixtures on 127.0.0.1 at a random free port. */
export async function startFixtureServer(root = FIXTURES_DIR): Promise<FixtureServer> {
  return startFileServer({ root });
}
