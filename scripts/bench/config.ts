/** What the bench's harnesses share (./run.ts, ./ab.ts): the browser, its flags, the pages' server, the real pages. */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--window-size=1280,900',
  // Every page is served from this machine: a saved real page's links to other hosts fail
  // at once instead of waiting on DNS.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export const VIEWPORT = { width: 1280, height: 900 };

/** The team's saved real pages (README "Tests"), beside the repository. */
export const REAL_PAGES = resolve(ROOT, '..', 'shared', 'real-pages');

/**
 * Saved real articles for pageOverheadReal: English pages labelled about Syria or Russia
 * whose first screen Glossa marks, chosen by reading them (a wire story, the BBC, a
 * newspaper, a blog; 4–26 KB of text, heavy page chrome). Their scripts are removed (they
 * would fetch from the network, which the bench has not); everything else is the saved page.
 */
export const REAL_ARTICLES = ['087', '089', '125', '148', '202'];

/**
 * Saved real pages about something else, for pageOverheadReal's unrelated figure: English
 * news pages labelled negative, with their site chrome, in which the gate's prefilter finds
 * no name (so the quiet loader stays quiet, as on most pages a reader opens), chosen by
 * reading them: Vox on Delhi's air (019), CNN on Lewis Hamilton (043), MSN on a
 * duvet (099), Al Jazeera on NASA (110, one ASP.NET form around the page), Bloomberg on
 * stocks (231).
 */
export const REAL_UNRELATED = ['019', '043', '099', '110', '231'];

/** A saved real page as ../shared/real-pages/labels.json lists it. */
export interface RealPageLabel {
  /** `pages/087-….html`: the first three digits after `pages/` are its id. */
  file: string;
  label: string;
  lang: string;
}

/**
 * The value after `name` in a command line's arguments (`--rounds 7`), taken out of `argv`
 * so that what is left are the positional arguments; undefined where it is not given.
 */
export function takeOption(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv.splice(i, 2)[1] : undefined;
}

/** Every saved real page's entry in ../shared/real-pages/labels.json. */
export function realPageLabels(): RealPageLabel[] {
  const labels = join(REAL_PAGES, 'labels.json');
  if (!existsSync(labels))
    throw new Error(`--real-pages: no ${labels} (the team's saved pages, beside the repository)`);
  return (JSON.parse(readFileSync(labels, 'utf8')) as { pages: RealPageLabel[] }).pages;
}

/** Pages `ids` from ../shared/real-pages, scripts removed, by bench name ("real-087"). */
export function realPages(ids: readonly string[]): Record<string, { html: string }> {
  const files = realPageLabels().map((p) => p.file);
  const out: Record<string, { html: string }> = {};
  for (const id of ids) {
    const file = files.find((f) => f.startsWith(`pages/${id}-`));
    if (!file) throw new Error(`--real-pages: no page ${id} in ${join(REAL_PAGES, 'labels.json')}`);
    out[`real-${id}`] = {
      html: readFileSync(join(REAL_PAGES, file), 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, ''),
    };
  }
  return out;
}

/** REAL_ARTICLES (./run.ts, ./ab.ts). */
export const realArticles = (): Record<string, { html: string }> => realPages(REAL_ARTICLES);
/** REAL_UNRELATED (./run.ts, ./ab.ts). */
export const realUnrelated = (): Record<string, { html: string }> => realPages(REAL_UNRELATED);

/** Serves `pages` from this machine at `url(name)` (cross-origin isolated), until `server.close()`. */
export function serve(
  pages: Record<string, { html: string }>,
): Promise<{ server: Server; url: (name: string) => string }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/')
      .replace(/\?.*$/, '')
      .replace(/^\//, '')
      .replace(/\.html$/, '');
    const page = pages[name];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(page.html);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({ server, url: (name) => `http://127.0.0.1:${port}/${name}.html` });
    }),
  );
}
