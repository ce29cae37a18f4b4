/**
 * `npm run annotate -- [--active] page.html [more.html …]`: what Glossa would mark on a
 * saved page, as JSON, computed by the content script's own code — the gate
 * (src/lib/dom/gate-input.ts, src/lib/gate.ts), the text being read
 * (src/lib/dom/main-text.ts), the text walk, the matcher and its page rules — on the DOM
 * a browser would build: jsdom, whose parser is parse5, the HTML standard's parsing
 * algorithm (encoding sniffed from the bytes as a browser does; no script runs, nothing
 * is fetched).
 *
 * Prints `{"about_syria_russia": …, "mentions": [{"entity", "text", "start", "end"}]}`,
 * offsets into `document.body.textContent`; nothing is listed when the page is dormant.
 * `--active` skips the gate, as "Annotate this page anyway" does (the gate's answer is
 * still reported, and weak forms still need it). Exits 1 with a message on input it
 * cannot read: a missing or empty file, binary data, text with no HTML tags.
 */
import { readFileSync } from 'node:fs';
import sniffEncoding from 'html-encoding-sniffer';
import { JSDOM, VirtualConsole } from 'jsdom';
import { gateDocument } from '../src/lib/dom/page';
import { PageRecognizer } from '../src/lib/dom/recognize';
import type { GateVocabulary } from '../src/lib/gate';
import { catalogEntities, compileMatcher } from '../src/lib/kb/build';
import type { Matcher } from '../src/lib/match/matcher';
import { buildGateVocabularyFromSeeds } from './gate-vocabulary';
import { loadSeeds } from './load-seeds';

export interface Annotation {
  about_syria_russia: boolean;
  mentions: { entity: string; text: string; start: number; end: number }[];
}

export interface AnnotateOptions {
  /** Skip the gate ("Annotate this page anyway"). */
  active?: boolean;
}

/** The matcher `npm run kb` ships (content-match.json), compiled from the same entities and blockers. */
export function matcherFromSeeds(): Matcher {
  const { catalog, notEntities } = loadSeeds();
  return compileMatcher(catalogEntities(catalog), notEntities);
}

let vocabulary: GateVocabulary | null = null;

/** The gate vocabulary `npm run kb` ships (gate-vocabulary.json), built from the same seeds. */
export function vocabularyFromSeeds(): GateVocabulary {
  vocabulary ??= buildGateVocabularyFromSeeds(matcherFromSeeds());
  return vocabulary;
}

/** Input `annotate` cannot read as a web page. */
export class UnreadableInput extends Error {}

/** Check that `bytes` look like an HTML page; throws UnreadableInput saying why not. */
export function checkHtml(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnreadableInput('the file is empty');
  const head = bytes.subarray(0, 4096);
  // UTF-16 pages start with a byte order mark; other NUL bytes mean binary data.
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) throw new UnreadableInput('binary data, not an HTML page');
  const text = new TextDecoder(utf16 ? (head[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'latin1').decode(
    bytes.subarray(0, 1 << 20),
  );
  if (!/<\s*[a-zA-Z!?/]/.test(text)) throw new UnreadableInput('no HTML tags: this is not an HTML page');
}

/**
 * The page's encoding as a browser finds it: a byte order mark, else a charset the page
 * declares (the HTML standard's prescan), else — where a browser would guess from the
 * bytes — UTF-8 when the bytes are valid UTF-8, windows-1252 when not.
 */
export function pageEncoding(bytes: Uint8Array): string {
  let utf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    utf8 = false;
  }
  return sniffEncoding(bytes, { defaultEncoding: utf8 ? 'UTF-8' : 'windows-1252' });
}

/** Parse as a browser does: bytes decoded in the page's encoding, then parse5 through jsdom. */
export function parsePage(input: string | Uint8Array): Document {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  checkHtml(bytes);
  const html = new TextDecoder(pageEncoding(bytes)).decode(bytes);
  // A quiet console: jsdom reports stylesheets it cannot parse, which says nothing about the text.
  return new JSDOM(html, { contentType: 'text/html', virtualConsole: new VirtualConsole() }).window.document;
}

export function annotateDocument(
  document: Document,
  matcher: Matcher,
  vocab: GateVocabulary = vocabularyFromSeeds(),
  options: AnnotateOptions = {},
): Annotation {
  const body = document.body;
  const gate = gateDocument(document, vocab);
  if ((!gate.about && !options.active) || !body) return { about_syria_russia: gate.about, mentions: [] };
  const recognizer = new PageRecognizer(matcher, body);
  const text = body.textContent ?? '';
  const mentions = recognizer.finish({ about: gate.about }).map((m) => ({
    entity: m.entityId,
    text: text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
  }));
  return { about_syria_russia: gate.about, mentions };
}

export function annotateHtml(
  html: string | Uint8Array,
  matcher: Matcher,
  options: AnnotateOptions = {},
  vocab: GateVocabulary = vocabularyFromSeeds(),
): Annotation {
  return annotateDocument(parsePage(html), matcher, vocab, options);
}

function main(args: string[]): void {
  const active = args.includes('--active');
  const files = args.filter((a) => a !== '--active');
  if (files.length === 0 || files.some((f) => f.startsWith('--'))) {
    console.error('usage: npm run annotate -- [--active] page.html [more.html …]');
    process.exit(2);
  }
  const matcher = matcherFromSeeds();
  const vocab = vocabularyFromSeeds();
  const results = files.map((f) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(f);
    } catch (e) {
      console.error(`annotate: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      process.exit(1);
    }
    try {
      return annotateHtml(bytes, matcher, { active }, vocab);
    } catch (e) {
      if (e instanceof UnreadableInput) {
        console.error(`annotate: ${f}: ${e.message}`);
        process.exit(1);
      }
      throw e;
    }
  });
  const out = files.length === 1 ? results[0] : Object.fromEntries(files.map((f, i) => [f, results[i]]));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[1] && process.argv[1].endsWith('annotate.ts')) main(process.argv.slice(2));
