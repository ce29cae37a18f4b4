/**
 * Reading the hand-curated inputs of the KB: source articles (Markdown files with
 * YAML front matter) and the entity catalog (YAML). Strings in, validated objects
 * out; the file system stays in scripts/build-kb.ts.
 */
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { precisionOf } from '../cards/format';
import { ENTITY_KINDS, type DatePrecision, type EntityKind, type Source } from './types';

const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'),
);
const nullableText = v.nullish(v.pipe(v.string(), v.trim(), v.minLength(1)), null);

const ArticleMeta = v.object({
  title: nullableText,
  description: nullableText,
  outlet: nullableText,
  republished_by: nullableText,
  author: nullableText,
  date: v.nullish(isoDate, null),
  date_precision: v.nullish(v.picklist(['day', 'month', 'year']), null),
  date_note: nullableText,
  reference_date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'reference_date must be YYYY-MM-DD')),
  genre: nullableText,
  original_file: nullableText,
});

export interface SeedArticle {
  /** The article as the KB keeps it; `source.description` tells untitled ones apart. */
  source: Source;
}

/** YAML reads an unquoted 2025-10-15 as a Date; keep every date a string. */
function yamlDatesAsStrings(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(yamlDatesAsStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, yamlDatesAsStrings(x)]));
  }
  return value;
}

function issues(e: v.ValiError<v.GenericSchema>): string {
  return e.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ');
}

/**
 * The article's text as the KB keeps it: the body verbatim, with line endings
 * normalized, trailing spaces and runs of blank lines removed — whitespace only,
 * so every word stays where the seed has it.
 */
function cleanText(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function parseArticle(fileName: string, content: string): SeedArticle {
  const id = fileName.replace(/\.md$/, '');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    throw new Error(`${fileName}: file names must be lowercase words joined by hyphens (they become source ids)`);
  }
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(content);
  if (!m) throw new Error(`${fileName}: missing YAML front matter between --- lines`);
  let meta: v.InferOutput<typeof ArticleMeta>;
  try {
    meta = v.parse(ArticleMeta, yamlDatesAsStrings(parseYaml(m[1]!)));
  } catch (e) {
    throw new Error(`${fileName}: invalid front matter: ${e instanceof v.ValiError ? issues(e) : String(e)}`);
  }
  const text = cleanText(m[2]!);
  if (text.length === 0) throw new Error(`${fileName}: the article has no text`);
  // `isoDate` admits only the three shapes precisionOf reads.
  const precision: DatePrecision | null = meta.date ? (meta.date_precision ?? precisionOf(meta.date)) : null;
  return {
    source: {
      id,
      title: meta.title,
      description: meta.description,
      outlet: meta.outlet,
      republishedBy: meta.republished_by,
      author: meta.author,
      date: meta.date,
      datePrecision: precision,
      dateNote: meta.date_note,
      referenceDate: meta.reference_date,
      genre: meta.genre,
      text,
    },
  };
}

const entityId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by hyphens'));

const CatalogEntry = v.object({
  id: entityId,
  kind: v.picklist(ENTITY_KINDS),
  name: v.pipe(v.string(), v.trim(), v.minLength(1)),
  aliases: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  weak: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  demonyms: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  /** false: known to the KB, not marked on pages (see Entity.marked). */
  mark: v.optional(v.boolean(), true),
  /** The entity this one stands for when used for a government (Moscow → russia). */
  stands_for: v.optional(entityId),
  /** Descriptions that name it as a speaker ("Syria’s state media" for SANA); not marked on pages. */
  describes: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  role: v.pipe(v.string(), v.trim(), v.minLength(1)),
  cite: v.pipe(
    v.array(
      v.object({
        source: v.string(),
        quote: v.pipe(v.string(), v.minLength(1)),
        /** The words of the role this quote backs. */
        supports: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
      }),
    ),
    v.minLength(1, 'every role needs at least one citation'),
  ),
});

export interface CatalogEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  weak: string[];
  /** Nationality adjectives, demonyms, languages: words about the entity, not names of it. */
  demonyms: string[];
  /** Marked on pages (false: KB only). */
  mark: boolean;
  standsFor?: string;
  describes: string[];
  role: string;
  cite: { source: string; quote: string; supports?: string }[];
}

export function parseCatalog(content: string): CatalogEntity[] {
  const raw: unknown = parseYaml(content);
  const result = v.safeParse(v.array(CatalogEntry), raw);
  if (!result.success) throw new Error(`seeds/entities.yaml: ${issues(new v.ValiError(result.issues))}`);
  const seen = new Set<string>();
  for (const e of result.output) {
    if (seen.has(e.id)) throw new Error(`seeds/entities.yaml: duplicate id ${e.id}`);
    seen.add(e.id);
    const names = new Set([e.name, ...e.aliases].map((s) => s.toLowerCase()));
    for (const w of e.weak) {
      if (!names.has(w.toLowerCase()))
        throw new Error(`seeds/entities.yaml: ${e.id}: weak form "${w}" is not one of its aliases`);
    }
    for (const d of e.demonyms) {
      if (names.has(d.toLowerCase()))
        throw new Error(`seeds/entities.yaml: ${e.id}: "${d}" is listed both as a name and as a demonym`);
    }
    for (const c of e.cite) {
      if (c.supports !== undefined && !e.role.includes(c.supports))
        throw new Error(`seeds/entities.yaml: ${e.id}: a cite supports "${c.supports}", which is not in its role`);
    }
  }
  for (const e of result.output) {
    if (e.stands_for !== undefined && (!seen.has(e.stands_for) || e.stands_for === e.id))
      throw new Error(`seeds/entities.yaml: ${e.id}: stands_for names no other entity ("${e.stands_for}")`);
  }
  return result.output.map(({ stands_for, ...e }) => (stands_for === undefined ? e : { ...e, standsFor: stands_for }));
}

/** seeds/not-entities.yaml: names that contain an alias but are something else. */
export function parseNotEntities(content: string): string[] {
  const result = v.safeParse(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), parseYaml(content) ?? []);
  if (!result.success) throw new Error(`seeds/not-entities.yaml: ${issues(new v.ValiError(result.issues))}`);
  return result.output;
}
