/** Deterministic news-like prose and edits for the anchoring tests. */

/** mulberry32: small, seeded, so a failure repeats. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the the the the of of of to to and and a a in in that for on is was was said with as by at from it its be has ' +
  'have had were are not this but after will would which their they who also been more government officials forces ' +
  'military security talks agreement ministry minister president troops base bases ceasefire negotiations delegation ' +
  'sanctions reconstruction region border province city villages residents fighters opposition transition election ' +
  'council committee statement spokesman sources according analysts diplomats week month year day late early last ' +
  'first new former interim political economic humanitarian international regional energy oil gas wheat prices ' +
  'contracts ports naval air strike drone attack clashes control withdrawal presence meeting visit announced reported ' +
  'told people country relations cooperation support aid investment debt deal plan proposal future role influence ' +
  'pressure demands guarantees return refugees prisoners families evidence investigation report documents between ' +
  'during while since before under over against into about than there those these other many several some most ' +
  'however because though whether could should might'
).split(' ');
const NAMES = ['Damascus', 'Moscow', 'Putin', 'al-Sharaa', 'Hmeimim', 'Tartus', 'Latakia', 'Ankara', 'Lavrov', 'Idlib'];

/** About `chars` characters of sentences. */
export function prose(chars: number, seed: number): string {
  const r = rng(seed);
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const words = 8 + Math.floor(r() * 20);
    const sentence: string[] = [];
    for (let i = 0; i < words; i++) {
      const w = r() < 0.08 ? NAMES[Math.floor(r() * NAMES.length)]! : WORDS[Math.floor(r() * WORDS.length)]!;
      sentence.push(i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w);
      if (r() < 0.06 && i < words - 1) sentence[sentence.length - 1] += ',';
    }
    const s = sentence.join(' ') + '.';
    out.push(s);
    n += s.length + 1;
  }
  return out.join(' ');
}

/** The start of the word at or before `at`. */
export function wordStart(text: string, at: number): number {
  while (at > 0 && text[at - 1] !== ' ') at--;
  return at;
}

/** Replaces the word at or after offset `at` of `s` with `by`. */
export function replaceWord(s: string, at: number, by: string): string {
  const a = s.indexOf(' ', at) + 1;
  const b = s.indexOf(' ', a);
  return s.slice(0, a) + by + s.slice(b < 0 ? s.length : b);
}

/** `edits` single-character edits (substitute, insert, delete) at random places of `s`. */
export function scatter(r: () => number, s: string, edits: number, from = 0, to = s.length): string {
  for (let e = 0; e < edits; e++) {
    const at = from + Math.floor(r() * (to - from));
    const c = 'xqzj'[Math.floor(r() * 4)]!;
    const kind = e % 3;
    if (kind === 0) s = s.slice(0, at) + c + s.slice(at + 1);
    else if (kind === 1) {
      s = s.slice(0, at) + c + s.slice(at);
      to++;
    } else {
      s = s.slice(0, at) + s.slice(at + 1);
      to--;
    }
  }
  return s;
}
