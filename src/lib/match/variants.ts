/**
 * When is a transliteration variant the same name? The spelling skeleton (skeleton.ts)
 * lets every vowel run stand for every other, which finds "Abu Mohammed al-Golani",
 * "Hmeymim" and "Tartous" — and also Giuliani, Juliana and Galena for Julani/Golani,
 * Python for Putin, Turin for Tehran, Letícia for Latakia, Mosque for Moscow. Those
 * look-alikes differ from the name in the QUALITY of a vowel (o for a, u for e, i for
 * a) or in a vowel that one spelling has and the other does not (Giuliani's "iu" for
 * "u"); transliterations of one Arabic or Russian name do not: they write the same
 * short vowel as a or e (Mohammad/Mohammed), e or i (Idleb/Idlib), o or u
 * (Jolani/Julani); a long one doubled or not (Sharaa/Shara); a diphthong as ay, ai, ei
 * or ey (Hmeymim, Hmeimim), aw, au or o (Jawlani, Jolani), ou or u (Tartous).
 *
 * So a variant must, vowel run by vowel run, agree with the alias it matched: after
 * normalizing each run (silent h and apostrophes out, y as i, w as u, doubled letters
 * once, ou → u, au → o, ei → ai), both runs have the same length and each letter pair
 * is one of a~e, e~i, o~u (or equal); a diphthong ai may be written i or e
 * (Shaibani/Shibani).
 */
import { foldCode, isWordCode } from './fold';
import { SkeletonStream, SYM_VOWEL } from './skeleton';

class VowelRuns extends SkeletonStream {
  readonly runs: string[] = [];
  constructor(private readonly text: string) {
    super();
  }
  protected emit(symbol: number, start: number, end: number): void {
    if (symbol !== SYM_VOWEL) return;
    let run = normalizeRun(this.text.slice(start, end));
    // A word-final e with no h is silent in English ("Jolene", "Mosque"), never the a or i
    // of a transliteration ("Jolani"): it agrees only with itself.
    if (run === 'e' && !isWordCode(this.text.charCodeAt(end)) && (this.text.charCodeAt(end - 1) | 0x20) === 0x65)
      run = 'E';
    this.runs.push(run);
  }
}

/** The vowel runs of `text` inside words, normalized, in order. */
export function vowelRuns(text: string): string[] {
  const v = new VowelRuns(text);
  v.feed(text, 0);
  v.flush();
  return v.runs;
}

function normalizeRun(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    let c = String.fromCharCode(foldCode(raw.charCodeAt(i)));
    if (c === 'y') c = 'i';
    else if (c === 'w') c = 'u';
    else if (!'aeiou'.includes(c)) continue; // silent h, apostrophes, ayn signs
    if (out.charAt(out.length - 1) !== c) out += c;
  }
  return out.replace(/ou/g, 'u').replace(/au/g, 'o').replace(/ei/g, 'ai');
}

/** Letters that may stand for each other in one position of a vowel run. */
const SAME_VOWEL: Record<string, string> = { a: 'ae', e: 'aei', i: 'ei', o: 'ou', u: 'ou', E: 'E' };

function runsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  // A diphthong written as one vowel: Shaibani/Shibani, Zaidan/Zedan.
  if ((a === 'ai' && (b === 'i' || b === 'e')) || (b === 'ai' && (a === 'i' || a === 'e'))) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(SAME_VOWEL[a.charAt(i)] ?? '').includes(b.charAt(i))) return false;
  return true;
}

/** Do the vowels of `span` (text on the page) agree with those of `alias`, run by run? */
export function vowelsAgree(span: string, alias: string | readonly string[]): boolean {
  const a = vowelRuns(span);
  const b = typeof alias === 'string' ? vowelRuns(alias) : alias;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!runsAgree(a[i]!, b[i]!)) return false;
  return true;
}
