/**
 * The former relevance gate, kept ONLY until the content runtime passes the KB-derived
 * vocabulary to gateDocument (the loader of the page-cost issue): a hand-written word
 * list over the first 5,000 characters of visible text. Delete this file once no caller
 * uses the one-argument gateDocument(doc). `npm run annotate` and the tests use the new
 * gate (src/lib/gate.ts).
 */
import type { GateResult } from '../gate';
import { SKIP_TAGS } from './text-walk';

const SAMPLE_CHARS = 5000;

// Anchor words, case-sensitive on purpose: proper nouns are capitalized, and
// "turkey" or "homs" in lowercase prose are not what we are looking for.
const SYRIA =
  "Syria|Syrian|Syrians|Damascus|Assad|Sharaa|Shara'a|Shara’a|Jolani|Julani|Jawlani|Idlib|Idleb|Aleppo|Latakia|Lattakia|Tartus|Tartous|Homs|Hmeimim|Khmeimim|Hmeymim|Qamishli|Suwayda|Sweida|Daraa|Quneitra|Deir ez-Zor|HTS|Tahrir al-Sham|SYRIA|SYRIAN|DAMASCUS";
const RUSSIA = 'Russia|Russian|Russians|Moscow|Kremlin|Putin|Lavrov|RUSSIA|RUSSIAN|MOSCOW|KREMLIN|PUTIN';

/** Kitchen and bar words that name no place: "Aleppo pepper", "Russian dressing". */
const NOT_ANCHORS =
  'Aleppo pepper|Russian dressing|Moscow [Mm]ules?|Turkish (?:delight|coffee|bay)|Syrian (?:oregano|cheese|hamster)';

/**
 * One pass over the text for all three lists: the gate runs on every page, and each
 * extra pass over the sample costs about as much as reading it. The kitchen words
 * come first so that, at the same position, "Aleppo pepper" wins over "Aleppo".
 */
const ANCHORS = new RegExp(`\\b(?:(${NOT_ANCHORS})|(${SYRIA})|(${RUSSIA}))\\b`, 'g');

interface LegacyInput {
  title: string;
  /** Meta description / og:description, empty when absent. */
  description: string;
  /** The first GATE_SAMPLE_CHARS of visible text. */
  sample: string;
}

interface Counts {
  syria: number;
  russia: number;
  /** Syria, Syrian, Syrians are one anchor; so are spellings in capitals. */
  distinct: Set<string>;
}

function count(text: string, weight: number, into: Counts): void {
  ANCHORS.lastIndex = 0;
  for (let m = ANCHORS.exec(text); m; m = ANCHORS.exec(text)) {
    if (m[2] !== undefined) {
      into.syria += weight;
      into.distinct.add(m[2].toLowerCase().replace(/ns?$|s$/, ''));
    } else if (m[3] !== undefined) into.russia += weight;
  }
}

/**
 * About Syria and Russia when the opening names Syria-side anchors at least twice
 * and Russia-side anchors at least once (headline words count twice: a headline
 * states the topic), or names Syria-side anchors four times or more, at least three
 * of them different — a page squarely about Syria is a page the KB speaks to, but a
 * review of Latakia pipe tobacco that says "Latakia" and "Syrian" again and again is not.
 */
function decide(input: LegacyInput): GateResult {
  const c: Counts = { syria: 0, russia: 0, distinct: new Set() };
  count(`${input.title}\n${input.description}`, 2, c);
  count(input.sample, 1, c);
  const about = (c.syria >= 2 && c.russia >= 1) || (c.syria >= 4 && c.distinct.size >= 3);
  return { about, syria: c.syria, russia: c.russia, region: 0, rule: about ? 'legacy' : '' };
}

/** The former gate over a document. */
export function legacyRelevance(doc: Document): GateResult {
  let description = '';
  for (const m of Array.from(doc.head?.getElementsByTagName('meta') ?? [])) {
    if (m.getAttribute('name') === 'description') description = m.getAttribute('content') ?? '';
  }
  return decide({
    title: doc.title ?? '',
    description,
    sample: doc.body ? visibleSample(doc.body, SAMPLE_CHARS) : '',
  });
}

function visibleSample(root: Node, maxChars: number): string {
  const d = root.ownerDocument ?? (root as Document);
  const walker = d.createTreeWalker(root, 4);
  const parts: string[] = [];
  let length = 0;
  let last: Element | null = null;
  let skip = true;
  for (let n = walker.nextNode(); n !== null && length < maxChars; n = walker.nextNode()) {
    const p = (n as Text).parentElement;
    if (p !== last) {
      if (p === null) continue;
      skip = SKIP_TAGS.has(p.localName) || p.hasAttribute('hidden');
      if (!skip && last !== null && p.parentElement !== last && last.parentElement !== p) {
        parts.push('\n');
        length++;
      }
      last = p;
    }
    if (skip) continue;
    const data = (n as Text).data;
    parts.push(data);
    length += data.length;
  }
  const text = parts.join('');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
