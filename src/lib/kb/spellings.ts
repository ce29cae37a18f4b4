/**
 * "Also written": the spellings of an entity a reader meets. First the forms the sources
 * use, most used first; then the catalog's other names and spellings ("Kiev", "Tartous",
 * "Abu Mohammad al-Jolani"). Left out: the name itself and forms that differ from a shown
 * one only in case, dots, hyphens, spaces, apostrophes or diacritics ("U.S." and "US");
 * a many-word name that is only a transliteration variant of one shown (a same spelling
 * skeleton: "Abu Mohammad al-Golani" next to "Abu Mohammad al-Jolani"); short forms that
 * end or begin a longer one ("Sharaa", "al-Sharaa", "Hmeimim"); the catalog's weak forms
 * ("Washington", "Novak"); a state's demonyms ("Syrian", "Syrians"): words about a state,
 * not its name. At most `SPELLING_LIMIT`. Pure.
 */
import { skeletonOf, skeletonString } from '../match/skeleton';

/** At most this many spellings. */
export const SPELLING_LIMIT = 4;

/** Lower case, no diacritics, no apostrophes, hyphens and spaces removed: "Khmeimim Air Base" = "Khmeimim airbase". */
function lightKey(form: string): string {
  return form
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'ʼ`.]/g, '')
    .replace(/^the\s+/, '')
    .replace(/[\s\u00a0\u2010-\u2014-]+/g, '');
}

/** A demonym or adjective of a state ("Syrian", "Turkish", "Israelis", "Soviets"). */
const DEMONYM = /(?:ian|an|i|ish|ese|ic|et|ern|ch)s?$|s$/;

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
export function spellingsOf(
  name: string,
  aliases: readonly string[],
  attested: readonly string[],
  /** `state`: a state or a people, whose demonyms and adjectives are not spellings of its name. */
  options: { weak?: readonly string[]; state?: boolean } = {},
): string[] {
  const weak = new Set((options.weak ?? []).map(lightKey));
  const isDemonym = (form: string) => options.state === true && /^\p{Lu}\p{Ll}+$/u.test(form) && DEMONYM.test(form);
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
  const nameSkeleton = skel(name);
  const skeletons = new Set<string>();
  const longer = [name, ...aliases];
  const consider = (form: string, attestedForm: boolean) => {
    const k = lightKey(form);
    if (keys.has(k) || weak.has(k) || isDemonym(form)) return;
    // "Syrians": a plural the matcher generates from "Syrian", not a spelling.
    if (attestedForm && !aliasKeys.has(k) && aliasKeys.has(k.replace(/s$/, ''))) return;
    if (longer.some((l) => isPartOf(form, l)) || kept.some((l) => isPartOf(form, l))) return;
    // A catalog spelling that only transliterates one already shown ("Hizballah" after "Hizbullah");
    // a one-word one may vary the name itself ("Kiev" for Kyiv, "Tartous"), a many-word one not.
    const sk = skel(form);
    if (!attestedForm && (skeletons.has(sk) || (wordsOf(form).length > 1 && sk === nameSkeleton))) return;
    keys.add(k);
    skeletons.add(sk);
    kept.push(form);
  };
  const ranked = [...uses.values()].sort((a, b) => b.n - a.n || a.first - b.first);
  for (const u of ranked) consider(u.form, true);
  for (const a of aliases) consider(a, false);
  return kept.slice(0, SPELLING_LIMIT);
}
