/**
 * "Also written": the spellings of an entity a reader meets. First the forms the sources
 * use, most used first; then the catalog's other names that are more than a
 * transliteration variant of one already shown (a different spelling skeleton: "Ahmed
 * Hussein al-Sharaa", "Abu Mohammad al-Jolani", but not "al-Golani" next to
 * "al-Jolani"). Left out: the name itself and forms that differ from a shown one only
 * in case, hyphens, spaces, apostrophes or diacritics; short forms that end (or begin) a
 * longer one ("Sharaa", "al-Sharaa", "Hmeimim"); plurals of a demonym ("Syrians"). Pure.
 */
import { skeletonOf, skeletonString } from '../match/skeleton';

/** At most this many spellings. */
export const SPELLING_LIMIT = 6;

/** Lower case, no diacritics, no apostrophes, hyphens and spaces removed: "Khmeimim Air Base" = "Khmeimim airbase". */
function lightKey(form: string): string {
  return form
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'ʼ`]/g, '')
    .replace(/[\s\u00a0\u2010-\u2014-]+/g, '');
}

/** The words of a form without the Arabic or English article, folded. */
function wordsOf(form: string): string[] {
  return form
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'ʼ`]/g, '')
    .split(/[\s\u00a0\u2010-\u2014-]+/)
    .filter((w) => w.length > 0 && !/^(?:al|el|the)$/.test(w));
}

/** Whether `short`'s words end or begin `long`'s (a short form of it). */
function isPartOf(short: string, long: string): boolean {
  const s = wordsOf(short);
  const l = wordsOf(long);
  if (s.length === 0 || s.length >= l.length) return false;
  const same = (a: string[], b: string[]) => a.every((w, i) => w === b[i] || skel(w) === skel(b[i]!));
  return same(s, l.slice(l.length - s.length)) || same(s, l.slice(0, s.length));
}

const skel = (text: string): string => skeletonString(skeletonOf(text));

/**
 * The spellings of one entity: `attested` are the surface forms of its mentions in the
 * sources (in any order, repeats counting as uses); `aliases` the catalog's forms.
 */
export function spellingsOf(name: string, aliases: readonly string[], attested: readonly string[]): string[] {
  const uses = new Map<string, { form: string; n: number; first: number }>();
  attested.forEach((raw, i) => {
    const form = raw
      .replace(/[’']s$/u, '')
      .replace(/^the\s+/i, '')
      .trim();
    if (!form) return;
    const k = lightKey(form);
    const u = uses.get(k);
    if (u) u.n++;
    else uses.set(k, { form, n: 1, first: i });
  });
  const aliasKeys = new Set(aliases.map(lightKey));
  const kept: string[] = [];
  const keys = new Set([lightKey(name)]);
  const skeletons = new Set([skel(name)]);
  const longer = [name, ...aliases];
  const consider = (form: string, attestedForm: boolean) => {
    const k = lightKey(form);
    if (keys.has(k)) return;
    // "Syrians": a plural the matcher generates from "Syrian", not a spelling.
    if (attestedForm && !aliasKeys.has(k) && aliasKeys.has(k.replace(/s$/, ''))) return;
    if (longer.some((l) => isPartOf(form, l)) || kept.some((l) => isPartOf(form, l))) return;
    if (!attestedForm && skeletons.has(skel(form))) return;
    keys.add(k);
    skeletons.add(skel(form));
    kept.push(form);
  };
  const ranked = [...uses.values()].sort((a, b) => b.n - a.n || a.first - b.first);
  for (const u of ranked) consider(u.form, true);
  for (const a of aliases) consider(a, false);
  return kept.slice(0, SPELLING_LIMIT);
}
