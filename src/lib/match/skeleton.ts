/**
 * The spelling skeleton: a stream of symbols in which the usual transliteration
 * variants of Arabic and Russian names coincide, so one automaton over skeletons
 * finds "Hmeymim", "Khmeimim" and "Hmeimim" alike. Rules (each from real variation
 * in news spellings):
 *
 * - case, diacritics (fold.ts) and apostrophes/ayn/hamza signs are ignored:
 *   Shara'a = Sharaa, Hayʼat = Hayat, Erdoğan = Erdogan;
 * - hyphens and spaces are one separator: al-Sharaa = al Sharaa;
 * - vowels are one class, runs collapse: Mohammed = Muhammad, Tartous = Tartus,
 *   Idleb = Idlib — except a word's first vowel, which keeps its letter (e, i, o, u;
 *   a is the class itself); y and w inside a word are vowels (Hmeymim, Jawlani,
 *   Zelenskyy), at the start of a word consonants (Yemen, Washington);
 * - doubled letters collapse: Assad = Asad, Lattakia = Latakia;
 * - q, k, c are one consonant (Qamishli = Kamishli); g and j too (Golani = Jolani);
 *   x is k+s (Alexander = Aleksander);
 * - digraphs: kh = h (Khmeimim = Hmeimim), sh = ch (Charaa, French), gh = g,
 *   th = t, dh = d, ph = f, zh = z;
 * - an h after a vowel is silent: Ahmed = Amed, Teheran = Tehran, Hizbullah = Hizbulla,
 *   Qasrah = Qasra.
 *
 * Each symbol keeps the offsets of the code units it came from, so a match on the
 * skeleton maps back to an exact span of the original text.
 */
import {
  FOLD,
  foldCode,
  FOLDED_RANGES,
  isApostropheCode,
  isJoinerCode,
  isSpaceCode,
  isWordCode,
  NOT_WORD,
  TABLE_SIZE,
} from './fold';

/** Resets the automaton: punctuation, other scripts, block boundaries. */
export const SYM_BREAK = 0;
/** Space or hyphen between words. */
export const SYM_SEP = 1;
/** A full stop: kept so that "U.S." and "US" stay distinct skeletons. */
export const SYM_DOT = 2;
const SYM_LETTER0 = 3; // 'a'..'z' → 3..28
const SYM_DIGIT0 = 29; // '0'..'9' → 29..38
export const ALPHABET_SIZE = 39;

const A = 0x61;
const sym = (letter: string): number => SYM_LETTER0 + letter.charCodeAt(0) - A;
const V = sym('a');
/** The vowel class: a run of vowels inside a word (the letter "a" in skeletonString). */
export const SYM_VOWEL = V;

// Folded ASCII letter → its consonant symbol; vowels handled apart.
const LETTER_SYM = new Int8Array(26).fill(-1);
for (let i = 0; i < 26; i++) LETTER_SYM[i] = SYM_LETTER0 + i;
for (const v of 'aeiou') LETTER_SYM[v.charCodeAt(0) - A] = V;
LETTER_SYM['q'.charCodeAt(0) - A] = sym('k');
LETTER_SYM['c'.charCodeAt(0) - A] = sym('k');
LETTER_SYM['g'.charCodeAt(0) - A] = sym('j');

// What "<letter>h" becomes, by the raw letter before the h.
const H_DIGRAPH = new Int8Array(26).fill(-1);
for (const [l, s] of [
  ['k', 'h'],
  ['q', 'h'],
  ['c', 's'],
  ['s', 's'],
  ['t', 't'],
  ['d', 'd'],
  ['g', 'j'],
  ['p', 'f'],
  ['z', 'z'],
] as const) {
  H_DIGRAPH[l.charCodeAt(0) - A] = sym(s);
}
// "sh"/"ch" must not equal plain "s": give them the otherwise unused symbol 'x'.
H_DIGRAPH['s'.charCodeAt(0) - A] = sym('x');
H_DIGRAPH['c'.charCodeAt(0) - A] = sym('x');

const CODE_H = 0x68;

// Character classes for the hot loop, one per code unit below TABLE_SIZE.
// >= 0: a letter whose symbol needs no context (consonant or vowel).
const K_BREAK = -1;
const K_APOS = -2;
const K_SEP = -3;
const K_DOT = -4;
const K_H = -5;
const K_X = -6;
const K_Y = -7;
const K_W = -8;
const K_DIGIT = -9;
const CLS = new Int8Array(TABLE_SIZE).fill(K_BREAK);
// Only the code units fold.ts folds by its Latin tables (RANGES) can be anything but
// K_BREAK: every other one below TABLE_SIZE folds to itself, a word character of another
// script (Greek, Cyrillic, Arabic…), never a space, an apostrophe, a digit or a Latin
// letter. Looking at those ranges alone is the same table for an eighth of the loop, which
// runs cold, in the interpreter, on every page that loads the matcher (about 1 ms for all
// 8,192 code units).
for (const [lo, hi] of FOLDED_RANGES)
  for (let c = lo; c < hi; c++) {
    const f = FOLD[c]!;
    if (f === NOT_WORD) {
      if (isApostropheCode(c)) CLS[c] = K_APOS;
      else if (isSpaceCode(c) || isJoinerCode(c)) CLS[c] = K_SEP;
      else if (c === 0x2e) CLS[c] = K_DOT;
    } else if (f >= 0x30 && f <= 0x39) CLS[c] = K_DIGIT;
    else if (f === CODE_H) CLS[c] = K_H;
    else if (f === 0x78) CLS[c] = K_X;
    else if (f === 0x79) CLS[c] = K_Y;
    else if (f === 0x77) CLS[c] = K_W;
    else if (f >= A && f <= 0x7a) CLS[c] = LETTER_SYM[f - A]!;
    // other letters (Greek, Cyrillic…) stay K_BREAK: part of a word, never of an alias
  }
/** The character classes, for tests: K_BREAK (-1) is "nothing an alias spans". */
export const CHAR_CLASSES: Readonly<Int8Array> = CLS;
// Turkish and Kurdish ş, Czech-style š are "sh" (Qamişlo = Qamishlo).
for (const c of [0x15e, 0x15f, 0x160, 0x161]) CLS[c] = sym('x');

function slowClass(c: number): number {
  const f = foldCode(c);
  if (f !== NOT_WORD) return K_BREAK;
  if (isApostropheCode(c)) return K_APOS;
  if (isSpaceCode(c) || isJoinerCode(c)) return K_SEP;
  return K_BREAK;
}

/** Symbol of a word-initial vowel, by folded letter: a stays the vowel class, e/i/o/u keep their letter. */
const INITIAL_VOWEL = new Int8Array(26).fill(-1);
INITIAL_VOWEL[0] = V;
for (const v of 'eiou') INITIAL_VOWEL[v.charCodeAt(0) - A] = sym(v);

const SYM_H = sym('h');
const SYM_K = sym('k');
const SYM_S = sym('s');
const SYM_Y = sym('y');
const SYM_W = sym('w');

/**
 * Streaming transducer from text to skeleton symbols. It holds one pending symbol
 * so that digraphs and collapsing can still change it when the next letter comes.
 * Subclasses receive finished symbols in `emit`; the loop is written out by hand
 * because it runs once per code unit of every page Glossa reads.
 *
 * The class is made by a function so that the page scanner gets a copy of its own
 * (ScannerStream): V8 keeps type feedback per closure, and a `feed` shared by the
 * scanner and the small streams of verification (vowel runs, skeletons of single
 * words) was polymorphic in every property it reads and in the `emit` it calls.
 * The source, and the bytecode, stay one.
 */
function defineStream() {
  abstract class Stream {
    private pendSym = -1;
    private pendStart = 0;
    private pendEnd = 0;
    /** Raw folded letter last seen in the current word (for digraphs), 0 if none. */
    private prevRaw = 0;
    private wordStart = true;

    /** A finished symbol and the span of original text it stands for. */
    protected abstract emit(symbol: number, start: number, end: number): void;

    /**
     * Lowercase ASCII letters that may begin a match (e.g. "a" for "al-Sharaa"), or
     * null to skip nothing. Ordinary prose is mostly lowercase words no alias can
     * start with; skipping them when no match is in progress is what keeps the scan
     * close to the cost of merely reading the text.
     */
    protected lowerStarts: Uint8Array | null = null;

    /**
     * Where the next match could start, as a sticky-free global regular expression
     * (the start of a capitalized word, a digit, or one of the few lowercase words an
     * alias starts with), or null to read every character. While no match is in
     * progress the stream jumps straight there: the regular expression engine scans
     * plain prose several times faster than a loop over code units could.
     */
    protected nextStart: RegExp | null = null;

    /**
     * Set by `emit` (a scanner's): the word being read can no longer start a match, nor
     * can any word before it — no prefix of a pattern that is still alive reaches back to
     * a word start. `feed` then skips to the end of the word.
     */
    protected deadWord = false;

    /** Would the automaton be at its root after `pending` (a separator, or nothing)? */
    protected idleAfter(_pending: number): boolean {
      return false;
    }

    /** Feed `text`, whose first code unit sits at `base` in the caller's coordinates. */
    feed(text: string, base: number): void {
      let ps = this.pendSym;
      let pS = this.pendStart;
      let pE = this.pendEnd;
      let prev = this.prevRaw;
      let ws = this.wordStart;
      // An apostrophe was just passed: a consonant after it starts a new symbol, so that
      // "Damascus’s" ends where the name does (vowels still merge: Shara'a = Sharaa).
      let apos = false;
      const n = text.length;
      const jump = this.nextStart;
      const skip = this.lowerStarts;
      for (let i = 0; i < n; i++) {
        if (jump !== null && ws && (ps === -1 || ps === SYM_SEP) && this.idleAfter(ps)) {
          jump.lastIndex = i;
          let j = n;
          for (let m = jump.exec(text); m !== null; m = jump.exec(text)) {
            // Only the first letter of a word can start a match ("McDonald" has two capitals).
            const at = m.index;
            if (at === i || !isWordCode(text.charCodeAt(at - 1)) || isApostropheCode(text.charCodeAt(at - 1))) {
              j = at;
              break;
            }
          }
          if (j > i) {
            if (ps !== -1) {
              this.emit(SYM_BREAK, base + i, base + i);
              ps = -1;
            }
            prev = 0;
            apos = false;
            if (j >= n) {
              // Nothing can start in the rest of this piece; the next piece may continue its last word.
              ws = !isWordCode(text.charCodeAt(n - 1));
              break;
            }
            i = j;
          }
        }
        const c = text.charCodeAt(i);
        const k = c < TABLE_SIZE ? CLS[c]! : slowClass(c);
        const at = base + i;
        let s: number;
        let collapse = true;
        if (k >= 0) {
          if (ws && skip !== null && c < 128 && skip[c] === 0 && (ps === -1 || ps === SYM_SEP) && this.idleAfter(ps)) {
            // A lowercase word no alias starts with, and no match running: pass over it.
            let j = i + 1;
            for (; j < n; j++) {
              const d = text.charCodeAt(j);
              if (d < TABLE_SIZE ? FOLD[d] === NOT_WORD && CLS[d] !== K_APOS : !isWordCode(d)) break;
            }
            i = j - 1;
            prev = 0;
            ws = false;
            continue;
          }
          s = k;
          prev = FOLD[c]!;
          // A word's first vowel keeps its letter: transliterations rarely change it
          // (Idlib/Idleb, Erdogan, Usama/Osama aside), and without it "EU" or "UN"
          // would be the skeleton of half the words on a page.
          if (ws && s === V) s = INITIAL_VOWEL[prev - A]!;
          ws = false;
        } else if (k === K_SEP) {
          s = SYM_SEP;
          prev = 0;
          ws = true;
        } else if (k === K_APOS) {
          apos = true;
          continue; // otherwise ignored, even as a word start
        } else if (k === K_H) {
          if (!ws) {
            const di = prev >= A ? H_DIGRAPH[prev - A]! : -1;
            prev = CODE_H;
            if (di >= 0 && ps >= 0) {
              ps = di;
              pE = at + 1;
              continue;
            }
            if (ps === V) {
              pE = at + 1; // silent h after a vowel joins the vowel's span
              continue;
            }
          }
          prev = CODE_H;
          s = SYM_H;
          ws = false;
        } else if (k === K_Y || k === K_W) {
          s = ws ? (k === K_Y ? SYM_Y : SYM_W) : V;
          prev = k === K_Y ? 0x79 : 0x77;
          ws = false;
        } else if (k === K_DOT) {
          s = SYM_DOT;
          collapse = false;
          prev = 0;
          ws = true;
        } else if (k === K_DIGIT) {
          s = SYM_DIGIT0 + FOLD[c]! - 0x30; // digits never collapse: "S-400" is not "S-40"
          collapse = false;
          prev = FOLD[c]!;
          ws = false;
        } else if (k === K_X) {
          if (ps >= 0 && ps !== SYM_K) this.emit(ps, pS, pE);
          if (ps !== SYM_K) pS = at;
          this.emit(SYM_K, pS, at + 1);
          ps = SYM_S;
          pS = at;
          pE = at + 1;
          prev = 0x78;
          ws = false;
          continue;
        } else {
          // Punctuation, other scripts, symbols: no alias spans them.
          if (ps >= 0) this.emit(ps, pS, pE);
          this.emit(SYM_BREAK, at, at);
          ps = -1;
          prev = 0;
          ws = c >= TABLE_SIZE ? !isWordCode(c) : FOLD[c] === NOT_WORD;
          continue;
        }
        if (collapse && s === ps && !(apos && s !== V)) {
          apos = false;
          pE = at + 1;
          continue;
        }
        apos = false;
        if (ps >= 0) {
          this.emit(ps, pS, pE);
          if (this.deadWord && !ws && ps >= SYM_LETTER0) {
            // No match can start at this word any more, nor inside it: pass over the rest
            // of it (a capitalized word the jump stopped at that begins no name).
            let j = i + 1;
            for (; j < n; j++) {
              const d = text.charCodeAt(j);
              if (d < TABLE_SIZE ? FOLD[d] === NOT_WORD && CLS[d] !== K_APOS : !isWordCode(d)) break;
            }
            this.emit(SYM_BREAK, base + j, base + j);
            i = j - 1;
            ps = -1;
            prev = 0;
            continue;
          }
        }
        ps = s;
        pS = at;
        pE = at + 1;
      }
      this.pendSym = ps;
      this.pendStart = pS;
      this.pendEnd = pE;
      this.prevRaw = prev;
      this.wordStart = ws;
    }

    /** A boundary no alias spans (punctuation, block element edges). */
    hardBreak(at: number): void {
      this.flush();
      this.emit(SYM_BREAK, at, at);
      this.prevRaw = 0;
      this.wordStart = true;
    }

    /** Emit the pending symbol; call at the end of input. */
    flush(): void {
      if (this.pendSym >= 0) {
        this.emit(this.pendSym, this.pendStart, this.pendEnd);
        this.pendSym = -1;
      }
    }
  }
  return Stream;
}

/** The transducer for small texts (alias skeletons, vowel runs). */
export const SkeletonStream = defineStream();
export type SkeletonStream = InstanceType<typeof SkeletonStream>;
/** The page scanner's own copy of the transducer (see defineStream). */
export const ScannerStream = defineStream();

class Collector extends SkeletonStream {
  readonly symbols: number[] = [];
  protected emit(symbol: number): void {
    this.symbols.push(symbol);
  }
}

/** The skeleton of a whole string, as symbols (used to compile aliases). */
export function skeletonOf(text: string): number[] {
  const c = new Collector();
  c.feed(text, 0);
  c.flush();
  return c.symbols;
}

/** Readable form of a skeleton, for tests and diagnostics ("al xara"). */
export function skeletonString(symbols: readonly number[]): string {
  let out = '';
  for (const s of symbols) {
    if (s === SYM_BREAK) out += '|';
    else if (s === SYM_SEP) out += ' ';
    else if (s === SYM_DOT) out += '.';
    else if (s >= SYM_DIGIT0) out += String.fromCharCode(0x30 + s - SYM_DIGIT0);
    else out += String.fromCharCode(A + s - SYM_LETTER0);
  }
  return out;
}

/** No symbol: a character outside skeletonString's alphabet (SKELETON_SYMBOL). */
export const NOT_A_SYMBOL = 0xff;

/**
 * skeletonString's characters back to symbols, by code unit (below 128; NOT_A_SYMBOL for
 * the rest): the content script reads every shipped pattern once at start-up, cold, and a
 * table read per code unit is the cheapest way there (automaton.ts).
 */
export const SKELETON_SYMBOL: Uint8Array = (() => {
  const t = new Uint8Array(128).fill(NOT_A_SYMBOL);
  t[0x7c /* | */] = SYM_BREAK;
  t[0x20] = SYM_SEP;
  t[0x2e /* . */] = SYM_DOT;
  for (let d = 0; d < 10; d++) t[0x30 + d] = SYM_DIGIT0 + d;
  for (let l = 0; l < 26; l++) t[A + l] = SYM_LETTER0 + l;
  return t;
})();
