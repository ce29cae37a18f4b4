import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { FIXTURES_DIR } from './paths';

/**
 * A fixture server whose pages can change between loads: `route(path, file)` makes `path`
 * (query and fragment ignored) serve `file` from test/e2e/fixtures until changed — the same
 * URL, a different article, as when a news site edits a story.
 */
export interface SwitchServer {
  origin: string;
  url(path: string): string;
  route(path: string, file: string): void;
  close(): Promise<void>;
}

export async function startSwitchServer(root = FIXTURES_DIR): Promise<SwitchServer> {
  const routes = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, routes.get(path) ?? path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
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
    route: (path, file) => routes.set(path.startsWith('/') ? path : `/${path}`, file),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
