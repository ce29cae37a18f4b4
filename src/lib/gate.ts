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
  /\b(?:Syria|Syrian|Syrians|Damascus|Assad|Sharaa|Shara'a|Shara’a|Jolani|Julani|Jawlani|Idlib|Idleb|Aleppo|Latakia|Lattakia|Tartus|Tartous|Homs|Hmeimim|Khmeimim|Hmeymim|Qamishli|Suwayda|Sweida|Daraa|Quneitra|Deir ez-Zor|HTS|Tahrir al-Sham|SYRIA|SYRIAN|DAMASCUS)\b/g;
const RUSSIA = /\b(?:Russia|Russian|Russians|Moscow|Kremlin|Putin|Lavrov|RUSSIA|RUSSIAN|MOSCOW|KREMLIN|PUTIN)\b/g;

/** Kitchen and bar words that name no place: "Aleppo pepper", "Russian dressing". */
const NOT_ANCHORS =
  /\b(?:Aleppo pepper|Russian dressing|Moscow [Mm]ules?|Turkish (?:delight|coffee|bay)|Syrian (?:oregano|cheese|hamster))\b/g;

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

function count(re: RegExp, text: string, distinct?: Set<string>): number {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    n++;
    // Syria, Syrian, Syrians are one anchor; so are spellings in capitals.
    distinct?.add(m[0].toLowerCase().replace(/ns?$|s$/, ''));
  }
  return n;
}

/**
 * About Syria and Russia when the opening names Syria-side anchors at least twice
 * and Russia-side anchors at least once (headline words count twice: a headline
 * states the topic), or names Syria-side anchors four times or more, at least three
 * of them different — a page squarely about Syria is a page the KB speaks to, but a
 * review of Latakia pipe tobacco that says "Latakia" and "Syrian" again and again is not.
 */
export function decideRelevance(input: GateInput): GateResult {
  const head = `${input.title}\n${input.description}`.replace(NOT_ANCHORS, ' ');
  const sample = input.sample.replace(NOT_ANCHORS, ' ');
  const distinct = new Set<string>();
  const syria = 2 * count(SYRIA, head, distinct) + count(SYRIA, sample, distinct);
  const russia = 2 * count(RUSSIA, head) + count(RUSSIA, sample);
  return { about: (syria >= 2 && russia >= 1) || (syria >= 4 && distinct.size >= 3), syria, russia };
}
