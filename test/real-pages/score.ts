/**
 * Scoring Glossa on the real pages of `../shared/real-pages/` (relative to the
 * repository root; CI has `shared/` beside the checkout) against the gold labels in
 * this folder (README.md): the gate decision of every page, and the mentions of the
 * pages a reader would have annotated.
 *
 * Gold spans are located in the page's visible text as the README defines it (parse5,
 * the invisibility rules of test/corpus/score.ts, whitespace runs collapsed to one
 * space) by `prefix + text`. The tool's mentions come as offsets into its own
 * `document.body.textContent`; they are carried into the same collapsed visible text
 * through the tool's own document, so that a tool built on another parser (the baseline
 * on main used linkedom) is scored on what it found, wherever its text differs.
 *
 * Figures (the targets): gate accuracy per label; the share of articles about
 * Syria that are active; the share of passing-mention pages (`incidental`) that are
 * active; marks on unrelated (`negative`) pages; precision, recall and recall on
 * spellings no seed lists (`variant`) over the active pages, exact spans, tool output on
 * `ambiguous` spots not counted. With `--active` (the gate skipped), the marks on pages
 * that should stay dormant are listed for reading: none may be an ordinary word or
 * another person's name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { repoRoot } from '../../scripts/load-seeds';
import { INVISIBLE, type DomNode } from '../corpus/score';

export const SHARED = join(repoRoot, '..', 'shared', 'real-pages');
export const GOLD = join(repoRoot, 'test', 'real-pages');

export const TARGETS = {
  precision: 0.97,
  recall: 0.95,
  variantRecall: 0.9,
  syriaActive: 0.95,
  incidentalActive: 0.05,
  negativeMarks: 0,
};

export interface PageLabel {
  file: string;
  label: 'positive-syria-russia' | 'positive-syria' | 'positive-russia' | 'incidental' | 'negative';
  lang: string;
  title: string;
  note: string;
}

interface GoldEntry {
  entity?: string;
  text: string;
  prefix: string;
  variant?: boolean;
  why?: string;
}

interface GoldMentions {
  file: string;
  mentions: GoldEntry[];
  traps: GoldEntry[];
  ambiguous: GoldEntry[];
}

/** What one version of Glossa says about a page. */
export interface ToolResult {
  about: boolean;
  /** The loader's native precheck found the page quiet: the gate can only say no (optional). */
  quiet?: boolean;
  /** Its document's `body.textContent` (the coordinates of `mentions`). */
  text: string;
  /** 1 where a code unit of `text` is visible (scorer's rules, on the tool's own DOM). */
  visible: Uint8Array;
  mentions: { entity: string; start: number; end: number; text: string }[];
}

/** Runs a version of Glossa on a page's bytes; `active` skips the gate. */
export type Annotator = (bytes: Uint8Array, active: boolean) => ToolResult;

// ------------------------------------------------------------------ visible text

// The invisibility rules and node shape of the corpus scorer (test/corpus/score.ts).

/**
 * `body.textContent` of a document and its visible code units, by the scorer's own walk
 * (iterative: real pages can be deep).
 */
export function visibleOf(body: unknown): { text: string; visible: Uint8Array } {
  const pieces: string[] = [];
  const flags: boolean[] = [];
  const stack: { node: DomNode; hidden: boolean; i: number }[] = [{ node: body as DomNode, hidden: false, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = top.node.childNodes;
    if (top.i >= kids.length) {
      stack.pop();
      continue;
    }
    const k = kids[top.i++]!;
    if (k.nodeType === 3) {
      pieces.push(k.data!);
      flags.push(!top.hidden);
    } else if (k.nodeType === 1) {
      const hidden =
        top.hidden ||
        INVISIBLE.has(k.localName ?? '') ||
        (k.hasAttribute?.('hidden') ?? false) ||
        k.getAttribute?.('aria-hidden') === 'true';
      stack.push({ node: k, hidden, i: 0 });
    }
  }
  const text = pieces.join('');
  const visible = new Uint8Array(text.length);
  let at = 0;
  pieces.forEach((p, i) => {
    if (flags[i]) visible.fill(1, at, at + p.length);
    at += p.length;
  });
  return { text, visible };
}

const SPACE = /[\s\u00a0\u202f\u2009\u200b]/;

/** The collapsed visible text (README) and, per code unit of `text`, its index there (-1: none). */
export function collapse(text: string, visible: Uint8Array): { collapsed: string; at: Int32Array } {
  const at = new Int32Array(text.length).fill(-1);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!visible[i]) continue;
    const ch = text[i]!;
    if (SPACE.test(ch)) {
      if (!out.endsWith(' ')) out += ' ';
      at[i] = out.length - 1;
    } else {
      at[i] = out.length;
      out += ch;
    }
  }
  return { collapsed: out, at };
}

// ------------------------------------------------------------------ gold

/**
 * The page's visible text as the labels define it (README, "Visible text and prefixes"):
 * decoded by its declared charset (else UTF-8 when valid, else windows-1252), parsed by
 * parse5 (through jsdom), visible text nodes of <body> joined, whitespace collapsed.
 */
export function goldVisibleText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8000)).toString('latin1');
  let label = /charset\s*=\s*["']?([A-Za-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      label = 'utf-8';
    } catch {
      label = 'windows-1252';
    }
  }
  if (label === 'iso-8859-1' || label === 'latin1') label = 'windows-1252';
  const html = new TextDecoder(label).decode(bytes);
  const body = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document.body;
  const { text, visible } = visibleOf(body);
  return collapse(text, visible).collapsed;
}

export function loadLabels(): PageLabel[] {
  return (JSON.parse(readFileSync(join(SHARED, 'labels.json'), 'utf8')) as { pages: PageLabel[] }).pages;
}

export function loadGate(): Record<string, { active: boolean; why: string }> {
  return JSON.parse(readFileSync(join(GOLD, 'gate.json'), 'utf8'));
}

export function loadGoldMentions(): Map<string, GoldMentions> {
  const dir = join(GOLD, 'mentions');
  const out = new Map<string, GoldMentions>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const m = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldMentions;
    out.set(m.file, m);
  }
  return out;
}

export const hasRealPages = (): boolean => existsSync(join(SHARED, 'labels.json'));

interface Span {
  entity: string | null;
  start: number;
  end: number;
  text: string;
  variant?: boolean;
}

function locateGold(collapsed: string, e: GoldEntry, file: string): Span {
  const needle = e.prefix + e.text;
  const i = collapsed.indexOf(needle);
  if (i < 0) throw new Error(`${file}: gold "${e.text}" after "${e.prefix}" not found`);
  const start = i + e.prefix.length;
  return { entity: e.entity ?? null, start, end: start + e.text.length, text: e.text, variant: e.variant };
}

// ------------------------------------------------------------------ scoring

/** A tool mention carried into `gold` coordinates (see the file comment); null when it has no place there. */
function carry(
  m: ToolResult['mentions'][number],
  tool: { collapsed: string; at: Int32Array },
  gold: string,
): { start: number; end: number } | null {
  let s = -1;
  for (let i = m.start; i < m.end && s < 0; i++) s = tool.at[i]!;
  let e = -1;
  for (let i = m.end - 1; i >= m.start && e < 0; i--) e = tool.at[i]!;
  if (s < 0 || e < 0) return null;
  const end = e + 1;
  if (tool.collapsed === gold) return { start: s, end };
  const name = tool.collapsed.slice(s, end);
  for (let ctx = 48; ctx >= 8; ctx = ctx >> 1) {
    const needle = tool.collapsed.slice(Math.max(0, s - ctx), s) + name;
    const first = gold.indexOf(needle);
    if (first >= 0 && gold.indexOf(needle, first + 1) < 0) {
      const start = first + needle.length - name.length;
      return { start, end: start + name.length };
    }
  }
  return null;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

export interface MentionMiss {
  file: string;
  kind: 'FP' | 'FN';
  entity: string | null;
  text: string;
  context: string;
  variant?: boolean;
}

export interface PageResult {
  file: string;
  label: PageLabel['label'];
  goldActive: boolean;
  toolActive: boolean;
  /** Marks the page would get (normal mode). */
  marks: number;
  tp?: number;
  fp?: number;
  fn?: number;
}

export interface RealPagesScore {
  pages: PageResult[];
  gateByLabel: Record<string, { pages: number; correct: number; active: number; quiet: number }>;
  /** Pages found quiet by the loader's precheck that the gate let through (must be none). */
  quietButAbout: string[];
  syriaActive: number;
  incidentalActive: number;
  negativeMarks: number;
  precision: number;
  recall: number;
  variantRecall: number;
  counts: { tp: number; fp: number; fn: number; variantGold: number; variantFound: number };
  /** The same mention scores with the gate skipped (the matcher and main-text rules alone). */
  activeMode: { precision: number; recall: number; variantRecall: number };
  misses: MentionMiss[];
  /** With --active, what pages that should stay dormant would mark. */
  activeMarksOnDormant: { file: string; entity: string; text: string; context: string }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function scoreRealPages(annotate: Annotator, only?: (file: string) => boolean): RealPagesScore {
  const labels = loadLabels().filter((p) => !only || only(p.file));
  const gate = loadGate();
  const gold = loadGoldMentions();
  const pages: PageResult[] = [];
  const misses: MentionMiss[] = [];
  const activeMarksOnDormant: RealPagesScore['activeMarksOnDormant'] = [];
  const sums = { tp: 0, fp: 0, fn: 0, variantGold: 0, variantFound: 0 };
  const act = { tp: 0, fp: 0, fn: 0, variantFound: 0 };
  const gateByLabel: RealPagesScore['gateByLabel'] = {};
  const quietButAbout: string[] = [];
  let negativeMarks = 0;

  for (const p of labels) {
    const bytes = readFileSync(join(SHARED, p.file));
    const goldActive = gate[p.file]?.active ?? false;
    const normal = annotate(bytes, false);
    const withActive = annotate(bytes, true);
    const result: PageResult = {
      file: p.file,
      label: p.label,
      goldActive,
      toolActive: normal.about,
      marks: normal.mentions.length,
    };
    const g = (gateByLabel[p.label] ??= { pages: 0, correct: 0, active: 0, quiet: 0 });
    g.pages++;
    if (normal.about === goldActive) g.correct++;
    if (normal.about) g.active++;
    if (normal.quiet) g.quiet++;
    if (normal.quiet && normal.about) quietButAbout.push(p.file);
    if (p.label === 'negative') negativeMarks += normal.mentions.length;

    if (!goldActive) {
      const t = collapse(withActive.text, withActive.visible);
      for (const m of withActive.mentions) {
        const s = t.at[m.start] ?? -1;
        const context = s >= 0 ? t.collapsed.slice(Math.max(0, s - 30), s + m.text.length + 20) : m.text;
        activeMarksOnDormant.push({ file: p.file, entity: m.entity, text: m.text, context });
      }
      pages.push(result);
      continue;
    }
    const gm = gold.get(p.file);
    if (!gm) throw new Error(`no gold mentions for active page ${p.file}`);
    const goldText = goldVisibleText(bytes);
    const spans = gm.mentions.map((e) => locateGold(goldText, e, p.file));
    const ambiguous = gm.ambiguous.map((e) => locateGold(goldText, e, p.file));
    const traps = gm.traps.map((e) => locateGold(goldText, e, p.file));
    const scoreRun = (run: ToolResult, record: boolean) => {
      const t = collapse(run.text, run.visible);
      const found: Span[] = [];
      for (const m of run.mentions) {
        const c = carry(m, t, goldText);
        const span = c
          ? { entity: m.entity, ...c, text: m.text }
          : { entity: m.entity, start: -1, end: -1, text: m.text };
        if (c && ambiguous.some((a) => overlaps(a, c))) continue;
        found.push(span);
      }
      const key = (x: { entity: string | null; start: number; end: number }) => `${x.entity}@${x.start}-${x.end}`;
      const foundKeys = new Set(found.map(key));
      const goldKeys = new Set(spans.map(key));
      const tp = spans.filter((s) => foundKeys.has(key(s)));
      const fn = spans.filter((s) => !foundKeys.has(key(s)));
      const fp = found.filter((f) => !goldKeys.has(key(f)));
      if (record) {
        const ctx = (s: { start: number; end: number }) =>
          s.start < 0 ? '(not in the visible text)' : goldText.slice(Math.max(0, s.start - 30), s.end + 20);
        for (const s of fn)
          misses.push({
            file: p.file,
            kind: 'FN',
            entity: s.entity,
            text: s.text,
            context: ctx(s),
            variant: s.variant,
          });
        for (const f of fp) {
          const trap = traps.find((x) => f.start >= 0 && overlaps(x, f));
          misses.push({
            file: p.file,
            kind: 'FP',
            entity: f.entity,
            text: f.text,
            context: ctx(f) + (trap ? `  [trap]` : ''),
          });
        }
      }
      return { tp: tp.length, fp: fp.length, fn: fn.length, variantFound: tp.filter((s) => s.variant).length };
    };
    const n = scoreRun(normal, true);
    const a = scoreRun(withActive, false);
    sums.tp += n.tp;
    sums.fp += n.fp;
    sums.fn += n.fn;
    sums.variantGold += spans.filter((s) => s.variant).length;
    sums.variantFound += n.variantFound;
    act.tp += a.tp;
    act.fp += a.fp;
    act.fn += a.fn;
    act.variantFound += a.variantFound;
    pages.push({ ...result, tp: n.tp, fp: n.fp, fn: n.fn });
  }
  const syria = pages.filter((p) => p.goldActive && p.label.startsWith('positive-syria'));
  const incidental = pages.filter((p) => p.label === 'incidental');
  return {
    pages,
    gateByLabel,
    quietButAbout,
    syriaActive: ratio(syria.filter((p) => p.toolActive).length, syria.length),
    incidentalActive: ratio(incidental.filter((p) => p.toolActive).length, incidental.length),
    negativeMarks,
    precision: ratio(sums.tp, sums.tp + sums.fp),
    recall: ratio(sums.tp, sums.tp + sums.fn),
    variantRecall: ratio(sums.variantFound, sums.variantGold),
    counts: sums,
    activeMode: {
      precision: ratio(act.tp, act.tp + act.fp),
      recall: ratio(act.tp, act.tp + act.fn),
      variantRecall: ratio(act.variantFound, sums.variantGold),
    },
    misses,
    activeMarksOnDormant,
  };
}

/** The readable report: figures, then every page that went wrong and every miss. */
export function formatRealPages(s: RealPagesScore): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines: string[] = [];
  lines.push(
    `real pages: precision ${pct(s.precision)} (${s.counts.tp}/${s.counts.tp + s.counts.fp}), ` +
      `recall ${pct(s.recall)} (${s.counts.tp}/${s.counts.tp + s.counts.fn}), ` +
      `variant recall ${pct(s.variantRecall)} (${s.counts.variantFound}/${s.counts.variantGold})`,
  );
  lines.push(
    `  with --active: precision ${pct(s.activeMode.precision)}, recall ${pct(s.activeMode.recall)}, ` +
      `variant recall ${pct(s.activeMode.variantRecall)}`,
  );
  lines.push(
    `  Syria articles active ${pct(s.syriaActive)}; passing-mention pages active ${pct(s.incidentalActive)}; ` +
      `marks on unrelated pages ${s.negativeMarks}`,
  );
  for (const [label, g] of Object.entries(s.gateByLabel))
    lines.push(
      `  gate ${label.padEnd(22)} ${g.correct}/${g.pages} correct, ${g.active} active, ${g.quiet} quiet (no API, no gate)`,
    );
  for (const p of s.pages) {
    if (p.goldActive !== p.toolActive)
      lines.push(
        `  GATE ${p.file} [${p.label}] expected ${p.goldActive ? 'active' : 'dormant'}, got ${p.toolActive ? 'active' : 'dormant'} (${p.marks} marks)`,
      );
  }
  for (const m of s.misses)
    lines.push(
      `  ${m.kind} ${m.file.replace(/^pages\//, '')} ${m.entity} "${m.text}"${m.variant ? ' (variant)' : ''} … ${JSON.stringify(m.context)}`,
    );
  const dormant = new Map<string, number>();
  for (const m of s.activeMarksOnDormant) {
    const k = `${m.entity} "${m.text}"`;
    dormant.set(k, (dormant.get(k) ?? 0) + 1);
  }
  lines.push(`  --active on pages that stay dormant: ${s.activeMarksOnDormant.length} marks, by name:`);
  for (const [k, n] of [...dormant].sort((a, b) => b[1] - a[1])) lines.push(`    ${n}× ${k}`);
  return lines.join('\n');
}
