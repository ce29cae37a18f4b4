/**
 * Scoring of the regression corpus (test/corpus/README.md): each saved page in
 * pages/ is annotated with `annotateHtml` and compared with the hand-written
 * expectation in expected/, by (entity, start, end).
 *
 * Expected files carry surfaces, not offsets. The offsets are recovered here by
 * locating each surface, in order, in `document.body.textContent` of the same
 * parse `npm run annotate` uses (jsdom: parse5, the HTML standard's parser), skipping text a reader does not see
 * (scripts, styles, form controls, hidden elements). That walk is written out
 * here on purpose rather than borrowed from src/lib/dom: the truth must not be
 * computed by the code under test.
 *
 * Used by test/unit/corpus.test.ts (with pass/fail bars) and by
 * scripts/score-corpus.ts (JSON for the closing note).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotateHtml, parsePage, type Annotation } from '../../scripts/annotate';
import type { Matcher } from '../../src/lib/match/matcher';

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

/** One hand-labelled occurrence. `entity: null` marks a deliberate non-mention. */
export interface ExpectedEntry {
  entity: string | null;
  text: string;
  /** A spelling the catalog does not list (beyond case, diacritics, apostrophes, hyphens). */
  variant?: boolean;
  /** Why a non-mention is not a mention. */
  why?: string;
  /** A spot the guideline leaves open: neither counted nor held against the tool. */
  ambiguous?: boolean;
}

export interface ExpectedPage {
  about_syria_russia: boolean;
  mentions: ExpectedEntry[];
}

export interface CorpusPage {
  name: string;
  html: string;
  expected: ExpectedPage;
}

/** A located expected entry. */
export interface Located extends ExpectedEntry {
  start: number;
  end: number;
}

export interface Mention {
  entity: string;
  text: string;
  start: number;
  end: number;
}

export interface Miss extends Mention {
  /** boundary | wrong-entity | missed | gate (FN); boundary | wrong-entity | trap | spurious (FP). */
  kind: string;
  variant?: boolean;
  /** The overlapping annotation on the other side, if any. */
  other?: string;
}

export interface PageScore {
  page: string;
  relevant: boolean;
  aboutExpected: boolean;
  aboutActual: boolean;
  expected: number;
  found: number;
  tp: number;
  variantExpected: number;
  variantFound: number;
  fp: Miss[];
  fn: Miss[];
}

export interface CorpusScore {
  precision: number;
  recall: number;
  variantRecall: number;
  gateAccuracy: number;
  tp: number;
  fp: number;
  fn: number;
  variantExpected: number;
  variantFound: number;
  pages: PageScore[];
}

export function loadCorpus(dir = CORPUS_DIR): CorpusPage[] {
  const pagesDir = join(dir, 'pages');
  const expectedDir = join(dir, 'expected');
  return readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.html'.length);
      const html = readFileSync(join(pagesDir, f), 'utf8');
      const expected = JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8')) as ExpectedPage;
      return { name, html, expected };
    });
}

// ------------------------------------------------------------------ visible text

/** Elements whose text is not prose a reader reads (code, controls, hidden). */
export const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'head',
  'title',
]);

export interface DomNode {
  nodeType: number;
  localName?: string;
  data?: string;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
}

export interface PageText {
  /** `document.body.textContent`, the coordinate system of the annotations. */
  text: string;
  /** 1 where the code unit is visible prose. */
  visible: Uint8Array;
  /** Offsets where one text node ends and another begins. */
  edges: Set<number>;
}

export function pageText(html: string): PageText {
  const document = parsePage(html);
  const body = document.body as unknown as DomNode & { textContent: string | null };
  const text = body.textContent ?? '';
  const visible = new Uint8Array(text.length);
  const edges = new Set<number>();
  let at = 0;
  const walk = (node: DomNode, hidden: boolean): void => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.nodeType === 3) {
        const len = k.data!.length;
        edges.add(at);
        if (!hidden) visible.fill(1, at, at + len);
        at += len;
        edges.add(at);
      } else if (k.nodeType === 1) {
        const name = k.localName ?? '';
        const h =
          hidden ||
          INVISIBLE.has(name) ||
          (k.hasAttribute?.('hidden') ?? false) ||
          k.getAttribute?.('aria-hidden') === 'true';
        walk(k, h);
      }
    }
  };
  walk(body, false);
  if (at !== text.length) throw new Error(`text walk covered ${at} of ${text.length} code units`);
  return { text, visible, edges };
}

const WORD = /[\p{L}\p{N}]/u;
const SPACE_CLASS = '[\\s\\u00a0\\u202f\\u2009]+';

function surfacePattern(surface: string): RegExp {
  const parts = surface.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join(SPACE_CLASS), 'g');
}

/**
 * Locate every expected entry, in order: each one at the first visible,
 * whole-word occurrence after the previous one. Throws on a surface that cannot
 * be found — a labelling error, not a recognition error.
 */
export function locate(page: PageText, entries: readonly ExpectedEntry[], name = 'page'): Located[] {
  const { text, visible, edges } = page;
  const boundaryAt = (i: number, side: 'before' | 'after'): boolean => {
    if (edges.has(i)) return true; // adjacent text nodes (<a>Syria</a><a>Russia</a>) are separate words
    const c = side === 'before' ? text[i - 1] : text[i];
    return c === undefined || !WORD.test(c);
  };
  const out: Located[] = [];
  let pos = 0;
  entries.forEach((e, idx) => {
    const re = surfacePattern(e.text);
    re.lastIndex = pos;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      let ok = boundaryAt(start, 'before') && boundaryAt(end, 'after');
      for (let i = start; ok && i < end; i++) if (!visible[i]) ok = false;
      if (ok) {
        out.push({ ...e, start, end });
        pos = end;
        return;
      }
      re.lastIndex = start + 1;
    }
    throw new Error(`${name}: expected entry #${idx} "${e.text}" not found in visible text after offset ${pos}`);
  });
  return out;
}

// ------------------------------------------------------------------ scoring

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

const key = (m: { entity: string | null; start: number; end: number }): string => `${m.entity}@${m.start}-${m.end}`;

export function scorePage(page: CorpusPage, matcher: Matcher): PageScore {
  const pt = pageText(page.html);
  const located = locate(pt, page.expected.mentions, page.name);
  const ambiguous = located.filter((l) => l.ambiguous);
  const gold = located.filter((l): l is Located & { entity: string } => l.entity !== null && !l.ambiguous);
  const traps = located.filter((l) => l.entity === null && !l.ambiguous);
  const actual: Annotation = annotateHtml(page.html, matcher);
  // Tool output on a deliberately ambiguous spot counts neither way.
  const got = actual.mentions.filter((m) => !ambiguous.some((a) => overlaps(a, m)));

  const goldKeys = new Set(gold.map(key));
  const gotKeys = new Set(got.map(key));
  const tpList = gold.filter((g) => gotKeys.has(key(g)));

  const fn: Miss[] = gold
    .filter((g) => !gotKeys.has(key(g)))
    .map((g) => {
      const o = got.find((m) => overlaps(m, g));
      const kind = !actual.about_syria_russia
        ? 'gate'
        : o
          ? o.entity === g.entity
            ? 'boundary'
            : 'wrong-entity'
          : 'missed';
      return {
        entity: g.entity,
        text: g.text,
        start: g.start,
        end: g.end,
        kind,
        ...(g.variant ? { variant: true } : {}),
        ...(o ? { other: `${o.entity} "${o.text}"` } : {}),
      };
    });

  const fp: Miss[] = got
    .filter((m) => !goldKeys.has(key(m)))
    .map((m) => {
      const g = gold.find((x) => overlaps(x, m));
      const t = traps.find((x) => overlaps(x, m));
      let kind = 'spurious';
      let other: string | undefined;
      if (g) {
        kind = g.entity === m.entity ? 'boundary' : 'wrong-entity';
        other = `${g.entity} "${g.text}"`;
      } else if (t) {
        kind = 'trap';
        other = `"${t.text}": ${t.why ?? 'not a mention'}`;
      } else if (!page.expected.about_syria_russia) {
        kind = 'unrelated-page';
      }
      return { ...m, kind, ...(other ? { other } : {}) };
    });

  const variants = gold.filter((g) => g.variant);
  return {
    page: page.name,
    relevant: page.expected.about_syria_russia,
    aboutExpected: page.expected.about_syria_russia,
    aboutActual: actual.about_syria_russia,
    expected: gold.length,
    found: got.length,
    tp: tpList.length,
    variantExpected: variants.length,
    variantFound: variants.filter((g) => gotKeys.has(key(g))).length,
    fp,
    fn,
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function scoreCorpus(matcher: Matcher, pages: CorpusPage[] = loadCorpus()): CorpusScore {
  const scored = pages.map((p) => scorePage(p, matcher));
  const sum = (f: (p: PageScore) => number): number => scored.reduce((n, p) => n + f(p), 0);
  const tp = sum((p) => p.tp);
  const fp = sum((p) => p.fp.length);
  const fn = sum((p) => p.fn.length);
  const variantExpected = sum((p) => p.variantExpected);
  const variantFound = sum((p) => p.variantFound);
  return {
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    variantRecall: ratio(variantFound, variantExpected),
    gateAccuracy: ratio(scored.filter((p) => p.aboutActual === p.aboutExpected).length, scored.length),
    tp,
    fp,
    fn,
    variantExpected,
    variantFound,
    pages: scored,
  };
}

/** A plain-text report: one line per page, then each FP and FN. */
export function formatReport(s: CorpusScore): string {
  const pct = (x: number): string => (100 * x).toFixed(1) + '%';
  const lines: string[] = [];
  lines.push(
    `corpus: precision ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}), recall ${pct(s.recall)} (${s.tp}/${s.tp + s.fn}), ` +
      `variant recall ${pct(s.variantRecall)} (${s.variantFound}/${s.variantExpected}), gate ${pct(s.gateAccuracy)}`,
  );
  lines.push('page'.padEnd(36) + 'gate(exp/got)  expected  found   TP   FP   FN  variants');
  for (const p of s.pages) {
    const gate = `${p.aboutExpected ? 'T' : 'F'}/${p.aboutActual ? 'T' : 'F'}${p.aboutExpected === p.aboutActual ? '' : ' !!'}`;
    lines.push(
      p.page.padEnd(36) +
        gate.padEnd(15) +
        String(p.expected).padStart(8) +
        String(p.found).padStart(7) +
        String(p.tp).padStart(5) +
        String(p.fp.length).padStart(5) +
        String(p.fn.length).padStart(5) +
        `  ${p.variantFound}/${p.variantExpected}`,
    );
  }
  for (const p of s.pages) {
    for (const m of p.fp) {
      lines.push(`  FP ${p.page} @${m.start} ${m.entity} "${m.text}" [${m.kind}]${m.other ? ` vs ${m.other}` : ''}`);
    }
    for (const m of p.fn) {
      lines.push(
        `  FN ${p.page} @${m.start} ${m.entity} "${m.text}"${m.variant ? ' (variant)' : ''} [${m.kind}]${m.other ? ` vs ${m.other}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ label checks

/** Case, diacritics, apostrophes, hyphen vs space: the differences a `variant` flag does not count. */
export function plainForm(s: string): string {
  return s
    .replace(/\s*\([^)]*\)/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[’'ʼʻ`´′‘]/g, '')
    .replace(/[\s\u00a0\u2010-\u2013-]+/g, ' ')
    .trim();
}
