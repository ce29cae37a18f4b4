/**
 * The compiled matcher as the content script ships it (src/generated/content-match.json):
 * the aliases in columns instead of one object each. Every article page compiles and parses
 * the main chunk before its first mark, and the aliases were most of it: 360 objects whose
 * nine keys repeat in every one (64 KB of the chunk's 142 KB). In columns they are ~18 KB
 * and 1.3 KB less gzipped. `unpackMatcherData` gives back exactly what `packMatcherData`
 * was given (the unit tests compare them on the real KB), so the matcher is the same.
 *
 * The columns, one entry per alias in the aliases' order:
 *   entity  index into `entities` (the entity ids, BLOCKED included; each with its kind)
 *   text    the alias as written
 *   key     its key, or "" where it is `plainKey(text)` (most aliases)
 *   flags   FLAG_* bits
 *   capitals one "1"/"0" per word (CompiledAlias.capitals)
 */
import type { CompiledAlias, CompiledMatcherData, MatchKind } from './types';

export interface PackedAliases {
  entities: string[];
  /** The kind of each of `entities` (every alias of an entity has its kind). */
  kinds: MatchKind[];
  entity: number[];
  text: string[];
  key: string[];
  flags: number[];
  capitals: string[];
}

/** CompiledMatcherData with its aliases in columns. */
export type PackedMatcherData = Omit<CompiledMatcherData, 'aliases'> & { aliases: PackedAliases };

const GENERATED = 1;
const WEAK = 2;
const CASE_SENSITIVE = 4;
const VARIANTS = 8;
/** `demonym` is present (it is optional in CompiledAlias)… */
const HAS_DEMONYM = 16;
/** …and true. */
const DEMONYM = 32;

/**
 * A key from the text with native string calls only (the real one, normalizeKey, folds
 * and would bring the compiler into the content script). Where it differs from the real
 * key, the real key is shipped.
 */
export function plainKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** The shipped form of `data` (the KB build). Throws if an entity's aliases disagree on its kind. */
export function packMatcherData(data: CompiledMatcherData): PackedMatcherData {
  const entities: string[] = [];
  const kinds: MatchKind[] = [];
  const index = new Map<string, number>();
  const columns: PackedAliases = { entities, kinds, entity: [], text: [], key: [], flags: [], capitals: [] };
  for (const a of data.aliases) {
    let e = index.get(a.entityId);
    if (e === undefined) {
      index.set(a.entityId, (e = entities.length));
      entities.push(a.entityId);
      kinds.push(a.kind);
    } else if (kinds[e] !== a.kind) {
      throw new Error(`aliases of "${a.entityId}" have two kinds (${kinds[e]}, ${a.kind}): the packed form has one`);
    }
    columns.entity.push(e);
    columns.text.push(a.text);
    if (!a.key) throw new Error(`alias "${a.text}" has an empty key`); // "" is taken: it means plainKey
    columns.key.push(plainKey(a.text) === a.key ? '' : a.key);
    columns.flags.push(
      (a.generated ? GENERATED : 0) |
        (a.weak ? WEAK : 0) |
        (a.caseSensitive ? CASE_SENSITIVE : 0) |
        (a.variants ? VARIANTS : 0) |
        (a.demonym !== undefined ? HAS_DEMONYM : 0) |
        (a.demonym ? DEMONYM : 0),
    );
    columns.capitals.push(a.capitals.map((c) => (c ? '1' : '0')).join(''));
  }
  const { aliases: _, ...rest } = data;
  return { ...rest, aliases: columns };
}

/** The aliases of `packed`, as `packMatcherData` was given them. */
export function unpackAliases(packed: PackedAliases): CompiledAlias[] {
  const { entities, kinds, entity, text, key, flags, capitals } = packed;
  const out: CompiledAlias[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const e = entity[i]!;
    const f = flags[i]!;
    const t = text[i]!;
    const c = capitals[i]!;
    const caps: boolean[] = new Array(c.length);
    for (let w = 0; w < c.length; w++) caps[w] = c.charCodeAt(w) === 0x31;
    const alias: CompiledAlias = {
      entityId: entities[e]!,
      kind: kinds[e]!,
      text: t,
      generated: (f & GENERATED) !== 0,
      weak: (f & WEAK) !== 0,
      key: key[i] || plainKey(t),
      caseSensitive: (f & CASE_SENSITIVE) !== 0,
      variants: (f & VARIANTS) !== 0,
      capitals: caps,
    };
    if (f & HAS_DEMONYM) alias.demonym = (f & DEMONYM) !== 0;
    out[i] = alias;
  }
  return out;
}

/** The matcher data of `packed`. */
export function unpackMatcherData(packed: PackedMatcherData): CompiledMatcherData {
  return { ...packed, aliases: unpackAliases(packed.aliases) };
}
