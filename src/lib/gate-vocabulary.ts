/**
 * The gate's vocabulary, derived from the KB at build time (`npm run kb`): every name
 * and spelling the matcher knows — catalog aliases, generated forms ("ash-Shaibani",
 * "U.N. Security Council"), demonyms and their plurals — with a side and a weight
 * (see src/lib/gate.ts for how the gate uses them). Pure: the build script supplies
 * what it reads from disk (the word lists and the gazetteer behind `ambiguous`).
 *
 * Sides. The KB does not say where its entities are, so the domain is declared here
 * once, by entity id: Syria and Russia are the domain's two states; `RUSSIA_SIDE` and
 * `REGION` name the KB's Russian and Middle-Eastern entities and `WORLD` the ones that
 * say nothing about the domain (the US, the UN, Ukraine…), left out. Every other entity
 * is on Syria's side — the KB is about Syria — but an id not listed anywhere (a new
 * entity the catalog gained since) weighs half until it is placed: the build says so.
 *
 * Weights, in quarters: 4, halved for each of: a weak form (the catalog's `weak`), a
 * demonym, a name that is also an English word or first name, a name that places in
 * several countries bear (a gazetteer's question: Moscow, Idaho; Damascus, Oregon) —
 * down to 1; a term that would weigh less is left out.
 */
import { nearPrefilterSource, prefilterSource, type GateVocabulary } from './gate';
import { BLOCKED, type CompiledAlias } from './match/types';

/** Russia's side of the domain. */
export const RUSSIA_SIDE = new Set([
  'russia',
  'moscow',
  'kremlin',
  'vladimir-putin',
  'sergey-lavrov',
  'alexander-novak',
  'mikhail-bogdanov',
  'africa-corps',
  'soviet-union',
  's-400',
  'arab-russian-summit',
]);

/** The Middle East around Syria: it counts towards the domain together with Russia. */
export const REGION = new Set([
  'israel',
  'turkey',
  'iran',
  'iraq',
  'lebanon',
  'saudi-arabia',
  'qatar',
  'tehran',
  'ankara',
  'tel-aviv',
  'antalya',
  'gaza',
  'hezbollah',
  'israel-defense-forces',
  'recep-tayyip-erdogan',
  'saddam-hussein',
  'pkk',
  'hizb-ut-tahrir',
  'al-arabiya',
  'asharq-al-awsat',
  'al-majalla',
  'al-arabi-al-jadid',
]);

/** Entities that say nothing about the domain: not in the vocabulary. */
export const WORLD = new Set([
  'united-states',
  'france',
  'china',
  'india',
  'brazil',
  'ukraine',
  'kyiv',
  'volodymyr-zelensky',
  'new-york',
  'mediterranean-sea',
  'donald-trump',
  'emmanuel-macron',
  'nato',
  'european-union',
  'european-parliament',
  'united-nations',
  'un-security-council',
  'brics',
  'us-congress',
  'caatsa',
  'ndaa',
  'tanker-trackers',
  'us-state-department',
]);

/** Syria's side, listed so that an entity the catalog adds later is noticed (see above). */
export const SYRIA_SIDE = new Set([
  'syria',
  'damascus',
  'hmeimim-air-base',
  'tartus',
  'latakia',
  'homs',
  'qamishli',
  'al-hasakah',
  'suwayda',
  'daraa',
  'quneitra',
  'golan-heights',
  'idlib',
  'ahmed-al-sharaa',
  'bashar-al-assad',
  'asaad-al-shaibani',
  'ali-al-naasan',
  'assem-ghalyoun',
  'murhaf-abu-qasra',
  'ahmad-muwaffaq-zaidan',
  'abu-khaled-al-hassi',
  'jisry-jamal',
  'ahmad-muaz',
  'mustafa-arour',
  'hayat-tahrir-al-sham',
  'syrian-democratic-forces',
  'ahrar-al-sham',
  'islamic-resistance-front-in-syria',
  'baath-party',
  'sana',
  'euphrates-post',
  'caesar-act',
  'unsc-resolution-2254',
  'disengagement-agreement-1974',
]);

export interface AmbiguityTests {
  /** Is `word` (lowercase) an English word or a common first name? */
  isWord(word: string): boolean;
  /** Do places in several countries bear this name (or, for a state, any town)? */
  isPlaceElsewhere(name: string, kind: CompiledAlias['kind']): boolean;
}

export interface VocabularyReport {
  vocabulary: GateVocabulary;
  /** Entity ids on no list: on Syria's side at half weight until placed. */
  unplaced: string[];
  terms: number;
}

/**
 * The gate counts a name wherever one of its terms occurs: a term that contains a
 * shorter term of the same entity adds little ("Ahmed Sharaa" holds "Sharaa"; "Abu
 * Khaled al-Hassi" holds the weaker "Hassi") and is left out, which keeps the loader small.
 */
function withoutContained(terms: string[]): string[] {
  const parsed = terms.map((t) => ({ raw: t, weight: Number(t.charAt(0)), text: t.replace(/^\dd?/, '') }));
  return parsed
    .filter(
      (t) =>
        !parsed.some(
          (o) =>
            o !== t &&
            o.text.length < t.text.length &&
            new RegExp(`(?:^|[\\s-])${o.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[\\s-])`, 'i').test(t.text),
        ),
    )
    .map((t) => t.raw);
}

/** Terms in text order (UTF-16 code units), for a stable output. */
const byText = (x: { text: string }, y: { text: string }): number => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0);

/** A term as the gate compares it: straight apostrophes, hyphens and spaces as one space. */
function shipped(text: string): string {
  return text.replace(/[’ʼ]/g, "'").replace(/[\s\u00a0-]+/g, ' ');
}

/** The gate's vocabulary from the compiled matcher's aliases. */
export function buildGateVocabulary(
  version: string,
  aliases: readonly CompiledAlias[],
  ambiguity: AmbiguityTests,
): VocabularyReport {
  const byEntity = new Map<string, { side: string; terms: Map<string, string> }>();
  const blockers = new Set<string>();
  const unplaced = new Set<string>();
  for (const a of aliases) {
    if (a.entityId === BLOCKED) {
      blockers.add(shipped(a.text));
      continue;
    }
    const id = a.entityId;
    if (WORLD.has(id)) continue;
    const side = RUSSIA_SIDE.has(id) ? 'R' : REGION.has(id) ? 'M' : 'S';
    let quarters = 4;
    if (side === 'S' && !SYRIA_SIDE.has(id)) {
      unplaced.add(id);
      quarters /= 2;
    }
    if (a.weak) quarters /= 2;
    if (a.demonym) quarters /= 2;
    const lower = a.text.toLowerCase();
    // The domain's two states are its definition: "russia" the leather does not make
    // "Russia" less specific.
    const anchor = id === 'syria' || id === 'russia';
    if (!anchor && !/\s/.test(a.text) && ambiguity.isWord(lower)) quarters /= 2;
    if (ambiguity.isPlaceElsewhere(a.text, a.kind)) quarters /= 2;
    if (quarters < 1) continue;
    let e = byEntity.get(id);
    if (!e) byEntity.set(id, (e = { side, terms: new Map() }));
    // Shipped as the gate compares: straight apostrophes, hyphens and spaces as one space;
    // one spelling per case-insensitive form (the gate checks case apart). The gate looks
    // for terms only at capitals: "al-Sharaa" is found as the "Sharaa" in it.
    const text = shipped(a.text);
    if (!/^\p{Lu}|^\p{N}/u.test(text)) continue;
    if (!e.terms.has(text.toLowerCase())) e.terms.set(text.toLowerCase(), `${quarters}${a.demonym ? 'd' : ''}${text}`);
  }
  const entities = [...byEntity.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // One section per entity: its side, then its terms, each one character for the weight
  // (a, b, c: 1, 2, 4 quarters; capitals for a demonym) and the text.
  const texts: string[] = [];
  const sections = entities.map(([, e]) => [
    e.side,
    ...withoutContained([...e.terms.values()])
      .map((t) => {
        const m = /^(\d)(d?)(.*)$/.exec(t)!;
        const weight = 'abc'.charAt(Math.log2(Number(m[1])));
        texts.push(m[3]!);
        return { text: m[3]!, entry: `${m[2] ? weight.toUpperCase() : weight}${m[3]}` };
      })
      .sort(byText)
      .map((t) => t.entry),
  ]);
  // A blocker matters to the gate only where it hides one of its terms ("Russian dressing"):
  // those are a last section, "B", each "0" and its text.
  const words = texts.map((t) => new RegExp(`(?:^| )${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: |$)`, 'i'));
  const blocking = [...blockers].filter((b) => words.some((re) => re.test(b))).sort();
  if (blocking.length > 0) sections.push(['B', ...blocking.map((b) => `0${b}`)]);
  for (const entry of sections.flat())
    if (/[|,]/.test(entry)) throw new Error(`A gate term holds a separator ("|" or ","): ${entry}`);
  const terms = sections.map(([side, ...section]) => side + section.join(',')).join('|');
  return {
    vocabulary: { version, terms, prefilter: prefilterSource(terms), near: nearPrefilterSource(terms) },
    unplaced: [...unplaced].sort(),
    terms: texts.length,
  };
}
