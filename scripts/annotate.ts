/**
 * `npm run annotate -- page.html [more.html …]`: what Glossa would mark on a saved
 * page, as JSON, computed by the content script's own code (gate, text walk,
 * matcher, page rules) on a linkedom DOM. Offsets are into
 * `document.body.textContent`. Nothing is listed when the page is dormant.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { PageRecognizer } from '../src/lib/dom/recognize';
import { gateDocument } from '../src/lib/dom/page';
import { catalogEntities, compileMatcher } from '../src/lib/kb/build';
import type { Matcher } from '../src/lib/match/matcher';
import { loadSeeds } from './load-seeds';

export interface Annotation {
  about_syria_russia: boolean;
  mentions: { entity: string; text: string; start: number; end: number }[];
}

/** The matcher `npm run kb` ships (content-match.json), compiled from the same entities and blockers. */
export function matcherFromSeeds(): Matcher {
  const { catalog, notEntities } = loadSeeds();
  return compileMatcher(catalogEntities(catalog), notEntities);
}

export function annotateHtml(html: string, matcher: Matcher): Annotation {
  const { document } = parseHTML(html);
  const body = document.body;
  const gate = gateDocument(document as unknown as Document);
  if (!gate.about || !body) return { about_syria_russia: gate.about, mentions: [] };
  const recognizer = new PageRecognizer(matcher, body as unknown as Node);
  const text = body.textContent ?? '';
  const mentions = recognizer.finish({ about: true }).map((m) => ({
    entity: m.entityId,
    text: text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
  }));
  return { about_syria_russia: true, mentions };
}

function main(files: string[]): void {
  if (files.length === 0) {
    console.error('usage: npm run annotate -- page.html [more.html …]');
    process.exit(2);
  }
  const matcher = matcherFromSeeds();
  const results = files.map((f) => {
    let html: string;
    try {
      html = readFileSync(f, 'utf8');
    } catch (e) {
      console.error(`annotate: cannot read ${f}: ${(e as Error).message}`);
      process.exit(1);
    }
    return annotateHtml(html, matcher);
  });
  const out = files.length === 1 ? results[0] : Object.fromEntries(files.map((f, i) => [f, results[i]]));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[1] && process.argv[1].endsWith('annotate.ts')) main(process.argv.slice(2));
