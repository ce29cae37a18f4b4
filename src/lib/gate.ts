/**
 * The relevance gate: is this page in Glossa's domain — Syria, Russia and their
 * relations, what the KB speaks to? It runs in the loader on EVERY page a reader opens,
 * so it is two pure functions over a few thousand characters that the DOM seam
 * (src/lib/dom/gate-input.ts) takes from the page: the headline, the lead and the
 * opening paragraphs of the main text — never menus, tickers or related links.
 *
 * The vocabulary is the KB's own names and spellings (every alias the matcher knows,
 * with its generated forms), derived at build time (src/lib/gate-vocabulary.ts →
 * src/generated/gate-vocabulary.json), each with a side and a weight:
 *
 * - side S: Syria and what the KB places in it (its cities, bases, leaders, ministers,
 *   armed groups, its sanctions law); R: Russia (Moscow, the Kremlin, Putin, Lavrov);
 *   M: the Middle East around it (Israel, Iran, Turkey, Lebanon, Iraq, Gaza…). Names
 *   of the wider world (the US, France, the UN, Trump, Ukraine) are not in it at all.
 * - weight: how specific the name is — 1, halved when the name is a weak form, a
 *   demonym ("Syrian"), an English word or first name ("Latakia" the tobacco, "Homs",
 *   "Turkey"), or the name of places in other countries (Moscow, Idaho; Damascus,
 *   Oregon). Hmeimim weighs 1, Moscow ½, "Turkish" ¼.
 *
 * The decision (`decideRelevance`). Weights are summed per side over the headline
 * (h1 and title), the lead (meta description) and the body paragraphs.
 *
 * 1. A page about Syria, when its Syria-side names are strong enough together (the
 *    largest weight of each distinct entity, demonyms left out, adds up to 1: "Syria" or
 *    "Hmeimim" alone, or two ambiguous names) and
 *    - the headline names Syria's side and the body does too (weight ≥ 2), or
 *    - the lead names it and the body does, in two paragraphs at least and in a quarter
 *      of them (weight ≥ 3), or
 *    - the body alone: weight ≥ 5 in three paragraphs and a quarter of them, or ≥ 10.
 *    One paragraph, one sidebar headline or one ticker line is never enough; nor is a
 *    section about Syria in a long article about something else.
 * 2. A page about Russia counts only where it concerns Syria or the Middle East: Russia-
 *    side weight ≥ 3 with Syria- and Middle-East-side weight ≥ 3 and ≥ 0.3 × Russia's, over
 *    distinct names of strength 1.5, in two paragraphs, something of it in the headline or
 *    lead.
 *
 * Distinct entities count names only, not demonyms: a pipe-tobacco review full of
 * "Latakia" (an English word: ½) and "Syrian Latakia" names one weak entity.
 */

/** The shipped form of the vocabulary (src/generated/gate-vocabulary.json). */
export interface GateVocabulary {
  /** The KB version it was built from. */
  version: string;
  /**
   * Per entity: its side ("S", "R" or "M"), then its terms, each prefixed with its weight
   * in quarters ("4Hmeimim", "2Moscow", "1Turkish"); a "d" after the digit marks a demonym.
   */
  entities: string[][];
  /** Names that contain a KB name but are something else ("Russian dressing"): weight 0. */
  blockers: string[];
}

/** What the gate reads of a page (src/lib/dom/gate-input.ts). */
export interface GateInput {
  /** The headline (h1, else og:title, else the title) and the document title. */
  headline: string;
  /** The lead: meta description or og:description. */
  lead: string;
  /** The opening paragraphs of the main text, in order (at most GATE_SAMPLE_CHARS in all). */
  paragraphs: string[];
}

export interface GateResult {
  about: boolean;
  /** Weighted Syria-, Russia- and Middle-East-side names (headline, lead and body). */
  syria: number;
  russia: number;
  region: number;
  /** Which rule decided: 'syria', 'russia-region' or '' (dormant). */
  rule: string;
}

/** How much main text the gate reads: the opening of an article says what it is about. */
export const GATE_SAMPLE_CHARS = 6000;

interface Term {
  entity: number;
  side: number; // 0 S, 1 R, 2 M, 3 blocker
  weight: number;
  demonym: boolean;
  /** The term as written, normalized (apostrophes, hyphens and spaces), for the case check. */
  text: string;
}

interface CompiledGate {
  re: RegExp;
  terms: Map<string, Term>;
}

const SIDES = 'SRM';
const compiled = new WeakMap<GateVocabulary, CompiledGate>();

/** Apostrophe variants, hyphens and spaces as one form: the key a matched text is looked up by. */
function norm(s: string): string {
  return s.replace(/[’ʼ]/g, "'").replace(/[\s\u00a0-]+/g, ' ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression over every term, longest first, case-insensitive (case is checked after). */
function compileGate(v: GateVocabulary): CompiledGate {
  const terms = new Map<string, Term>();
  const add = (raw: string, t: Omit<Term, 'text'>): void => {
    const text = norm(raw);
    terms.set(text.toLowerCase(), { ...t, text });
  };
  v.entities.forEach((e, i) => {
    const side = SIDES.indexOf(e[0]!);
    for (let k = 1; k < e.length; k++) {
      const t = e[k]!;
      const demonym = t.charAt(1) === 'd';
      add(t.slice(demonym ? 2 : 1), { entity: i, side, weight: Number(t.charAt(0)) / 4, demonym });
    }
  });
  for (const b of v.blockers) add(b, { entity: -1, side: 3, weight: 0, demonym: false });
  const sources = [...terms.values()]
    .map((t) => t.text)
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      const body = escape(t).replace(/'/g, "['’ʼ]").replace(/ /g, '[\\s\\u00a0-]+');
      return (/^\w/.test(t) ? '\\b' : '') + body + (/\w$/.test(t) ? '\\b' : '');
    });
  return { re: new RegExp(sources.join('|'), 'gi'), terms };
}

interface Tally {
  weight: number[]; // per side
  /** Per side, each named entity (demonyms left out) with the largest weight it was found with. */
  entities: Map<number, number>[];
  /** Per side, the paragraphs with a hit. */
  paragraphs: Set<number>[];
}

const newTally = (): Tally => ({
  weight: [0, 0, 0],
  entities: [new Map(), new Map(), new Map()],
  paragraphs: [new Set(), new Set(), new Set()],
});

/**
 * Scan `text` and add to `tally`; `ends` are the offsets where its paragraphs end.
 * A term counts as written or in capitals ("Turkey", "TURKEY"), never in lowercase.
 */
function scan(g: CompiledGate, text: string, tally: Tally, ends?: readonly number[]): void {
  const re = g.re;
  re.lastIndex = 0;
  let k = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const seen = norm(m[0]);
    const t = g.terms.get(seen.toLowerCase());
    if (!t || t.side === 3) continue;
    if (seen !== t.text && seen !== t.text.toUpperCase()) continue;
    tally.weight[t.side]! += t.weight;
    if (!t.demonym) {
      const e = tally.entities[t.side]!;
      e.set(t.entity, Math.max(e.get(t.entity) ?? 0, t.weight));
    }
    if (ends) {
      while (k < ends.length - 1 && ends[k]! <= m.index) k++;
      tally.paragraphs[t.side]!.add(k);
    }
  }
}

/** Sum of the largest weight of each distinct entity on `side`, over several tallies. */
function strength(side: number, ...tallies: Tally[]): number {
  const best = new Map<number, number>();
  for (const t of tallies) for (const [e, w] of t.entities[side]!) best.set(e, Math.max(best.get(e) ?? 0, w));
  let n = 0;
  for (const w of best.values()) n += w;
  return n;
}

/** Is the page in the domain? See the rules at the top of this file. */
export function decideRelevance(input: GateInput, vocabulary: GateVocabulary): GateResult {
  let g = compiled.get(vocabulary);
  if (!g) compiled.set(vocabulary, (g = compileGate(vocabulary)));
  const head = newTally();
  scan(g, input.headline, head);
  const lead = newTally();
  scan(g, input.lead, lead);
  const body = newTally();
  // Paragraphs joined by a line break: one scan, and each hit's paragraph from its offset.
  const ends: number[] = [];
  let at = 0;
  for (const p of input.paragraphs) ends.push((at += p.length + 1));
  scan(g, input.paragraphs.join('\n'), body, ends);
  const paragraphs = Math.max(1, input.paragraphs.length);
  const total = (side: number): number => head.weight[side]! + lead.weight[side]! + body.weight[side]!;

  // 1. About Syria.
  const s = body.weight[0]!;
  const sParagraphs = body.paragraphs[0]!.size;
  const sShare = sParagraphs / paragraphs;
  const sStrength = strength(0, head, lead, body);
  let rule = '';
  if (
    sStrength >= 1 &&
    ((head.weight[0]! > 0 && s >= 2) ||
      (lead.weight[0]! > 0 && s >= 3 && sParagraphs >= 2 && sShare >= MIN_SHARE) ||
      (s >= 5 && sParagraphs >= 3 && sShare >= MIN_SHARE) ||
      s >= 10)
  ) {
    rule = 'syria';
  } else {
    // 2. About Russia where it concerns Syria or the Middle East.
    const near = total(0) + total(2);
    const nearParagraphs = new Set([...body.paragraphs[0]!, ...body.paragraphs[2]!]).size;
    const named =
      head.weight[0]! + head.weight[1]! + head.weight[2]! + lead.weight[0]! + lead.weight[1]! + lead.weight[2]!;
    if (
      total(1) >= 3 &&
      near >= Math.max(3, NEAR_SHARE * total(1)) &&
      strength(0, head, lead, body) + strength(2, head, lead, body) >= 1.5 &&
      nearParagraphs >= 2 &&
      named > 0
    )
      rule = 'russia-region';
  }
  return { about: rule !== '', syria: total(0), russia: total(1), region: total(2), rule };
}

/** Share of the body's paragraphs that must name Syria's side, where the headline does not. */
const MIN_SHARE = 0.25;
/** Weight of Syria's and the Middle East's names against Russia's, for a page about Russia. */
const NEAR_SHARE = 0.3;
