/**
 * The relevance gate: is this page about Syria and Russia? Decided from the title,
 * the meta description and the first few thousand characters of visible text,
 * with one small regular expression — cheap enough to run on every page, so that
 * pages about anything else cost Glossa next to nothing and are never marked.
 */

/** How much visible text the gate reads: the opening of an article says what it is about. */
export const GATE_SAMPLE_CHARS = 5000;

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

export interface GateInput {
  title: string;
  /** Meta description / og:description, empty when absent. */
  description: string;
  /** The first GATE_SAMPLE_CHARS of visible text. */
  sample: string;
}

export interface GateResult {
  about: boolean;
  syria: number;
  russia: number;
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
export function decideRelevance(input: GateInput): GateResult {
  const c: Counts = { syria: 0, russia: 0, distinct: new Set() };
  count(`${input.title}\n${input.description}`, 2, c);
  count(input.sample, 1, c);
  return {
    about: (c.syria >= 2 && c.russia >= 1) || (c.syria >= 4 && c.distinct.size >= 3),
    syria: c.syria,
    russia: c.russia,
  };
}
