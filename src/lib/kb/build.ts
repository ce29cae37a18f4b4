/**
 * The KB build: from seed articles and the entity catalog to a `Kb`. Pure and
 * deterministic — the same inputs give the same output, byte for byte, so the
 * extension can key its IndexedDB copy on a content hash.
 */
import { applyPageRules, Matcher, type MatchEntity } from '../match/matcher';
import { compareStrings } from './claim-ids';
import { corroborate } from './corroboration';
import { extractDates } from './dates';
import type { SeedArticle, CatalogEntity } from './seeds';
import { displayText, splitSentences } from './sentences';
import { attributeSpeakers } from './speakers';
import type { Citation, Claim, Entity, Kb, Mention, Relation, Source, TimelineEntry } from './types';

export interface BuildReport {
  /** Catalog entities no seed mentions (listed, not fatal: a catalog may run ahead). */
  unmentioned: string[];
  /** Alias skeletons shared by two entities (variant matching is off for them). */
  skeletonCollisions: string[];
  counts: Record<string, number>;
}

export function toMatchEntities(
  entities: readonly Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'weakAliases' | 'demonyms'>[],
): MatchEntity[] {
  return entities.map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    weakAliases: e.weakAliases,
    demonyms: e.demonyms ?? [],
  }));
}

/**
 * The KB's entities from the catalog, by id, the canonical name first among the aliases
 * (role citations still empty). The order matters beyond the KB: the matcher compiled
 * from these is the one the content script ships, and `npm run annotate` (the corpus
 * tests) compiles from the same list so that it tests exactly that matcher.
 */
export function catalogEntities(catalog: readonly CatalogEntity[]): Entity[] {
  return catalog
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      aliases: [c.name, ...c.aliases.filter((a) => a !== c.name)],
      weakAliases: [...c.weak],
      ...(c.demonyms.length > 0 ? { demonyms: [...c.demonyms] } : {}),
      role: c.role,
      roleCitations: [] as Citation[],
    }))
    .sort((a, b) => compareStrings(a.id, b.id));
}

/** The matcher of `catalogEntities`: what the build scans the seeds with and ships. */
export function compileMatcher(
  entities: readonly Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'weakAliases' | 'demonyms'>[],
  /** Names that contain an alias but are something else (seeds/not-entities.yaml). */
  notEntities: readonly string[] = [],
): Matcher {
  return Matcher.compile(toMatchEntities(entities), notEntities);
}

export function buildKb(
  articles: readonly SeedArticle[],
  catalog: readonly CatalogEntity[],
  /** Names that contain an alias but are something else (seeds/not-entities.yaml). */
  notEntities: readonly string[] = [],
): { kb: Kb; report: BuildReport; matcher: Matcher } {
  const sources: Source[] = articles.map((a) => a.source).sort((a, b) => compareStrings(a.id, b.id));
  const sourceById = new Map(sources.map((s) => [s.id, s]));

  const entities = catalogEntities(catalog);
  const matcher = compileMatcher(entities, notEntities);
  // Lets "As he explained …" resolve to the one person named just before.
  const isPerson = (name: string): boolean =>
    matcher.scan(name).some((m) => matcher.aliases[m.alias]!.kind === 'person');

  const mentions: Mention[] = [];
  const claims: Claim[] = [];
  for (const source of sources) {
    const text = source.text;
    // Seeds are about Syria and Russia by construction: the page context is "about". A
    // claim about "Russian jets" is about Russia: the KB links demonyms (`linking`).
    const found = applyPageRules(matcher, matcher.scan(text), { about: true, linking: true });
    for (const m of found) {
      mentions.push({
        sourceId: source.id,
        entityId: m.entityId,
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
      });
    }
    const segments = splitSentences(text);
    const speakers = attributeSpeakers(text, segments, { isPerson });
    let n = 0;
    let mi = 0;
    segments.forEach((seg, si) => {
      if (seg.kind !== 'sentence') return;
      const id = `${source.id}#${n++}`;
      while (mi < found.length && found[mi]!.start < seg.start) mi++;
      const entityIds: string[] = [];
      for (let k = mi; k < found.length && found[k]!.end <= seg.end; k++) {
        if (!entityIds.includes(found[k]!.entityId)) entityIds.push(found[k]!.entityId);
      }
      if (entityIds.length === 0) return;
      const sp = speakers.get(si);
      const speakerEntity = sp ? (found.find((m) => m.start < sp.end && m.end > sp.start)?.entityId ?? null) : null;
      claims.push({
        id,
        sourceId: source.id,
        start: seg.start,
        end: seg.end,
        text: displayText(text, seg.start, seg.end),
        entityIds,
        speaker: sp ? { name: sp.name, entityId: speakerEntity, mode: sp.mode } : null,
        dates: extractDates(text, seg.start, seg.end, source.referenceDate),
      });
    });
  }

  // Role citations: each quote must occur verbatim in its source.
  const claimsBySource = groupBy(claims, (c) => c.sourceId);
  const catalogById = new Map(catalog.map((c) => [c.id, c]));
  for (const e of entities) {
    const entry = catalogById.get(e.id)!;
    e.roleCitations = entry.cite.map(({ source: sourceId, quote }) => {
      const source = sourceById.get(sourceId);
      if (!source) throw new Error(`entities.yaml: ${e.id} cites unknown source "${sourceId}"`);
      const start = source.text.indexOf(quote);
      if (start < 0) throw new Error(`entities.yaml: ${e.id}: quote not found verbatim in ${sourceId}: "${quote}"`);
      const end = start + quote.length;
      const claim = (claimsBySource.get(sourceId) ?? []).find((c) => c.start <= start && c.end >= end);
      return { sourceId, start, end, claimId: claim?.id ?? null };
    });
  }

  const timeline: TimelineEntry[] = [];
  for (const c of claims) {
    for (const d of c.dates) {
      for (const entityId of c.entityIds)
        timeline.push({ entityId, claimId: c.id, iso: d.iso, precision: d.precision });
    }
  }
  timeline.sort(
    (a, b) =>
      compareStrings(a.entityId, b.entityId) || compareStrings(a.iso, b.iso) || compareStrings(a.claimId, b.claimId),
  );

  const relations = relate(claims);
  const corroboration = corroborate(claims);

  const mentioned = new Set(mentions.map((m) => m.entityId));
  const report: BuildReport = {
    unmentioned: entities.filter((e) => !mentioned.has(e.id)).map((e) => e.id),
    skeletonCollisions: matcher.diagnostics.skeletonCollisions.map(
      (c) => `"${c.skeleton}": ${c.aliases.map((a) => `${a.text} (${a.entityId})`).join(', ')}`,
    ),
    counts: {
      sources: sources.length,
      entities: entities.length,
      mentions: mentions.length,
      claims: claims.length,
      datedClaims: claims.filter((c) => c.dates.length > 0).length,
      claimsWithSpeaker: claims.filter((c) => c.speaker).length,
      timeline: timeline.length,
      relations: relations.length,
      corroborationGroups: corroboration.length,
    },
  };

  const body = { sources, entities, mentions, claims, timeline, relations, corroboration };
  const kb: Kb = { version: contentHash(JSON.stringify(body)), ...body };
  return { kb, report, matcher };
}

function relate(claims: readonly Claim[]): Relation[] {
  const pairs = new Map<string, Relation>();
  for (const c of claims) {
    const ids = [...c.entityIds].sort(compareStrings);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\u0000${ids[j]}`;
        let r = pairs.get(key);
        if (!r) pairs.set(key, (r = { a: ids[i]!, b: ids[j]!, weight: 0, claimIds: [] }));
        r.weight++;
        r.claimIds.push(c.id);
      }
    }
  }
  return [...pairs.values()].sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/**
 * A 64-bit FNV-1a hash in hex: a stable content version that needs neither Node's
 * crypto nor WebCrypto (this module runs in both and must stay synchronous).
 */
function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ (c + 0x9e37), 0x01000193) ^ (h1 >>> 7);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
