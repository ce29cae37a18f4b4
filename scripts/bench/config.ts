/** What the bench's harnesses share (./run.ts, ./ab.ts): the browser, its flags, the real pages. */
import { existsSync, readFileSync } from 'node:fs';
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

/** REAL_ARTICLES from ../shared/real-pages, scripts removed, by bench name ("real-087"). */
export function realArticles(): Record<string, { html: string }> {
  const labels = join(REAL_PAGES, 'labels.json');
  if (!existsSync(labels))
    throw new Error(`--real-pages: no ${labels} (the team's saved pages, beside the repository)`);
  const files = (JSON.parse(readFileSync(labels, 'utf8')) as { pages: { file: string }[] }).pages.map((p) => p.file);
  const out: Record<string, { html: string }> = {};
  for (const id of REAL_ARTICLES) {
    const file = files.find((f) => f.startsWith(`pages/${id}-`));
    if (!file) throw new Error(`--real-pages: no page ${id} in ${labels}`);
    out[`real-${id}`] = {
      html: readFileSync(join(REAL_PAGES, file), 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, ''),
    };
  }
  return out;
}
