/**
 * The server of the hostile-page tests (test/e2e/hostile.*.e2e.test.ts): the pages under
 * test/e2e/fixtures/hostile/, each with the attack scripts its address names put inline
 * at the top of its <head>, so that they run in the page's main world before anything of
 * Glossa's (its loader runs at document_idle).
 *
 *   /hostile/<template>/<attack>[+<attack>…].html?…
 *     = fixtures/hostile/<template>.html with `<!--attack-->` replaced by one inline
 *       <script> per fixtures/hostile/attacks/<attack>.js (`none`: no script)
 *
 * Every page gets its own address, so each test has its own highlights. `headers` adds
 * response headers per template (a Content-Security-Policy sent as a header), and
 * `aliases` serves one template's file under another name (the same article, with them).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES_DIR } from './paths';

export const HOSTILE_DIR = join(FIXTURES_DIR, 'hostile');

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The address of `template` with `attacks` (and an optional query, e.g. `?id=…`). */
  url(template: string, attacks: string[], query?: Record<string, string>): string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

const NAME = /^[a-z0-9-]+$/;

export interface HostileServerOptions {
  /** Response headers per template name. */
  headers?: Record<string, Record<string, string>>;
  /** Template names served from another template's file (`csp-header` → `article`). */
  aliases?: Record<string, string>;
}

export async function startHostileServer({
  headers = {},
  aliases = {},
}: HostileServerOptions = {}): Promise<HostileServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const m = /^\/hostile\/([a-z0-9-]+)\/([a-z0-9+-]+)\.html$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [, template, attackList] = m as unknown as [string, string, string];
    const attacks = attackList === 'none' ? [] : attackList.split('+');
    try {
      if (!NAME.test(template) || !attacks.every((a) => NAME.test(a))) throw new Error('bad name');
      const page = await readFile(join(HOSTILE_DIR, `${aliases[template] ?? template}.html`), 'utf8');
      const scripts = await Promise.all(
        attacks.map(async (a) => {
          const code = await readFile(join(HOSTILE_DIR, 'attacks', `${a}.js`), 'utf8');
          return `<script data-attack="${a}">\n${code}\n</script>`;
        }),
      );
      const html = page.replace('<!--attack-->', scripts.join('\n'));
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...(headers[template] ?? {}),
      });
      res.end(html);
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
    url: (template, attacks, query) => {
      const q = query ? `?${new URLSearchParams(query).toString()}` : '';
      return `${origin}/hostile/${template}/${attacks.length ? attacks.join('+') : 'none'}.html${q}`;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
