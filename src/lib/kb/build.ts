/**
 * The KB build: from seed articles and the entity catalog to a `Kb`. Pure and
 * deterministic — the same inputs give the same output, byte for byte, so the
 * extension can key its IndexedDB copy on a content hash.
 */
import { compileAliasMatcher } from '../match/compile-matcher';
import { applyPageRules, type Matcher, type MatchEntity } from '../match/matcher';
import { compareStrings } from './claim-ids';
import { attachDates, chunkSentence, clausesOf, type Chunk, type ClauseMention } from './clauses';
import { clusterUnits, corroborationGroups, type FactUnit } from './corroboration';
import { extractDates } from './dates';
import {
  conflict,
  differenceSides,
  divergent,
  framesOf,
  type Frame,
  type FrameContext,
  type FrameMention,
} from './differences';
import { clauseWords, contentWords, timePhrases } from './lexicon';
import type { SeedArticle, CatalogEntity } from './seeds';
import { displayText, splitSentences, type Segment } from './sentences';
import { attributeSpeakers } from './speakers';
import { spellingsOf } from './spellings';
import type {
  Citation,
  Claim,
  CorroborationGroup,
  Difference,
  DifferenceSide,
  Entity,
  Kb,
  Mention,
  Relation,
  Source,
  TimelineEntry,
} from './types';

export interface BuildReport {
  /** Catalog entities no seed mentions (listed, not fatal: a catalog may run ahead). */
  unmentioned: string[];
  /** Alias skeletons shared by two entities (variant matching is off for them). */
  skeletonCollisions: string[];
  counts: Record<string, number>;
  /** One line per corroboration group: its label and claims. */
  groups: string[];
  /** One line per difference: what differs and the claims of each side. */
  differences: string[];
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
 * (role citations and spellings still empty). The order matters beyond the KB: the
 * matcher compiled from these is the one the content script ships, and `npm run
 * annotate` (the corpus tests) compiles from the same list so that it tests exactly that
 * matcher.
 */
export function catalogEntities(catalog: readonly CatalogEntity[]): Entity[] {
  return catalog
    .map((c): Entity => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      aliases: [c.name, ...c.aliases.filter((a) => a !== c.name)],
      weakAliases: [...c.weak],
      ...(c.demonyms.length > 0 ? { demonyms: [...c.demonyms] } : {}),
      role: c.role,
      roleCitations: [] as Citation[],
      marked: c.mark !== false,
      standsFor: c.standsFor ?? null,
      spellings: [],
    }))
    .sort((a, b) => compareStrings(a.id, b.id));
}

/**
 * The matcher of `catalogEntities`: the one the content script ships, of the entities
 * pages mark. With `unmarked`, also the catalog's unmarked entities (`mark: false`): the
 * matcher the build reads the seeds with.
 */
export function compileMatcher(
  entities: readonly (Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'weakAliases' | 'demonyms'> & {
    marked?: boolean;
  })[],
  /** Names that contain an alias but are something else (seeds/not-entities.yaml). */
  notEntities: readonly string[] = [],
  options: { unmarked?: boolean } = {},
): Matcher {
  const list = options.unmarked ? entities : entities.filter((e) => e.marked !== false);
  return compileAliasMatcher(toMatchEntities(list), notEntities);
}

/** Speaker heads that speak for the institution they name ("Tel Aviv officials", "the BRICS summit statement"). */
const INSTITUTIONAL_HEADS = new Set([
  'officials',
  'authorities',
  'leaders',
  'leadership',
  'members',
  'lawmakers',
  'diplomats',
  'representatives',
  'statement',
  'ministry',
  'government',
]);

/** A description as compared with the catalog's `describes`: lower case, one kind of apostrophe, one space. */
const descriptionKey = (s: string): string =>
  s.toLowerCase().replace(/[’ʼ]/g, "'").replace(/\s+/g, ' ').replace(/^the /, '').trim();

interface ClaimAnalysis {
  claim: Claim;
  text: string;
  mentions: ClauseMention[];
  chunks: Chunk[];
  /** The sentence before, in the same paragraph (for "it" and "this"). */
  context: FrameContext | null;
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
  const entityById = new Map(entities.map((e) => [e.id, e]));
  // The shipped matcher marks pages; the seeds are read with it plus the unmarked entities.
  const matcher = compileMatcher(entities, notEntities);
  const seedMatcher = entities.every((e) => e.marked !== false)
    ? matcher
    : compileMatcher(entities, notEntities, { unmarked: true });
  const isPersonId = (id: string) => entityById.get(id)?.kind === 'person';
  // Lets "As he explained …" resolve to the one person named just before.
  const isPerson = (name: string): boolean =>
    seedMatcher.scan(name).some((m) => seedMatcher.aliases[m.alias]!.kind === 'person');
  const referentOf = (id: string): string => entityById.get(id)?.standsFor ?? id;
  const describes = new Map<string, string>();
  for (const c of catalog) for (const d of c.describes) describes.set(descriptionKey(d), c.id);

  const mentions: Mention[] = [];
  const claims: Claim[] = [];
  const analyses: ClaimAnalysis[] = [];
  for (const source of sources) {
    const text = source.text;
    // Seeds are about Syria and Russia by construction: the page context is "about". A
    // claim about "Russian jets" is about Russia: the KB links demonyms (`linking`).
    const found = applyPageRules(seedMatcher, seedMatcher.scan(text), { about: true, linking: true });
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
    const inSpan = (span: { start: number; end: number }): ClauseMention[] =>
      found
        .filter((m) => m.start >= span.start && m.end <= span.end)
        .map((m) => ({ entityId: m.entityId, start: m.start, end: m.end }));
    const inSegment = (seg: Segment): ClauseMention[] =>
      found
        .filter((m) => m.start >= seg.start && m.end <= seg.end)
        .map((m) => ({ entityId: m.entityId, start: m.start, end: m.end }));
    let n = 0;
    segments.forEach((seg, si) => {
      if (seg.kind !== 'sentence') return;
      const id = `${source.id}#${n++}`;
      const segMentions = inSegment(seg);
      const entityIds: string[] = [];
      for (const m of segMentions) if (!entityIds.includes(m.entityId)) entityIds.push(m.entityId);
      if (entityIds.length === 0) return;
      const sp = speakers.get(si);
      // The speaker may be named in an earlier sentence (a quotation running on): look in the whole source.
      const speakerEntity = sp ? speakerEntityOf(sp, inSpan(sp), describes, referentOf) : null;
      const claim: Claim = {
        id,
        sourceId: source.id,
        start: seg.start,
        end: seg.end,
        text: displayText(text, seg.start, seg.end),
        entityIds,
        speaker: sp ? { name: sp.name, entityId: speakerEntity, mode: sp.mode } : null,
        dates: extractDates(text, seg.start, seg.end, source.referenceDate),
      };
      claims.push(claim);
      const chunks = chunkSentence(text, seg.start, seg.end, segMentions, claim.dates);
      const prev = segments[si - 1];
      const sameParagraph = prev && prev.kind === 'sentence' && !text.slice(prev.end, seg.start).includes('\n');
      analyses.push({
        claim,
        text,
        mentions: segMentions,
        chunks,
        context: sameParagraph ? contextOf(text, prev, inSegment(prev), referentOf) : null,
      });
    });
  }

  // Role citations: each quote must occur verbatim in its source.
  const claimsBySource = groupBy(claims, (c) => c.sourceId);
  const catalogById = new Map(catalog.map((c) => [c.id, c]));
  for (const e of entities) {
    const entry = catalogById.get(e.id)!;
    e.roleCitations = entry.cite.map(({ source: sourceId, quote, supports }) => {
      const source = sourceById.get(sourceId);
      if (!source) throw new Error(`entities.yaml: ${e.id} cites unknown source "${sourceId}"`);
      const start = source.text.indexOf(quote);
      if (start < 0) throw new Error(`entities.yaml: ${e.id}: quote not found verbatim in ${sourceId}: "${quote}"`);
      const end = start + quote.length;
      const claim = (claimsBySource.get(sourceId) ?? []).find((c) => c.start <= start && c.end >= end);
      return { sourceId, start, end, claimId: claim?.id ?? null, supports: supports ?? null };
    });
  }

  // Spellings a reader meets: the sources' forms, then the catalog's other names.
  const formsOf = groupBy(mentions, (m) => m.entityId);
  for (const e of entities) {
    const attested = (formsOf.get(e.id) ?? []).map((m) => m.text);
    e.spellings = spellingsOf(e.name, e.aliases, attested, {
      weak: e.weakAliases,
      state: e.kind === 'state' || e.kind === 'other',
    });
  }

  // Timeline: a date goes to the entities of the clause that carries it (clauses.ts).
  const timeline: TimelineEntry[] = [];
  const seenEntries = new Set<string>();
  for (const a of analyses) {
    const { claim } = a;
    for (const att of attachDates(a.text, a.chunks, a.mentions, claim.dates, isPersonId)) {
      const d = claim.dates[att.date]!;
      for (const entityId of att.entityIds) {
        const k = `${entityId} ${claim.id} ${d.iso}`;
        if (seenEntries.has(k)) continue;
        seenEntries.add(k);
        timeline.push({ entityId, claimId: claim.id, iso: d.iso, precision: d.precision });
      }
    }
  }
  timeline.sort(
    (a, b) =>
      compareStrings(a.entityId, b.entityId) || compareStrings(a.iso, b.iso) || compareStrings(a.claimId, b.claimId),
  );

  const relations = relate(claims);
  const units = factUnits(analyses, entityById, referentOf);
  lastUnits = units;
  const { corroboration, differences } = storiesOf(units, (id) => entityById.get(id)?.name ?? id);

  const mentioned = new Set(mentions.map((m) => m.entityId));
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const short = (id: string) => {
    const c = claimById.get(id);
    return `${id} “${(c?.text ?? '').slice(0, 60)}…”`;
  };
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
      differences: differences.length,
    },
    groups: corroboration.map(
      (g) =>
        `${g.id} (${g.sourceIds.length} sources) ${g.label}\n${g.claimIds.map((id) => `    ${short(id)}`).join('\n')}`,
    ),
    differences: differences.map(
      (d) =>
        `${d.id} ${d.label}\n${d.sides
          .map((s) => `    ${s.says}: ${s.claimIds.map(short).join('\n      ')}`)
          .join('\n')}`,
    ),
  };

  const body = { sources, entities, mentions, claims, timeline, relations, corroboration, differences };
  const kb: Kb = { version: contentHash(JSON.stringify(body)), ...body };
  return { kb, report, matcher };
}

/**
 * Who a speaker is, as an entity: the entity the catalog says a description names
 * ("Syria’s state media" → SANA); the entity a name is ("Alexander Novak", "Members of the
 * European Parliament"); the institution a group speaks for ("Tel Aviv officials" →
 * Israel, as Tel Aviv stands for it); otherwise no one ("Syrian and Russian sources",
 * "the Syrian government's press head", "one person").
 */
function speakerEntityOf(
  sp: { name: string; start: number; end: number },
  segMentions: readonly ClauseMention[],
  describes: ReadonlyMap<string, string>,
  referentOf: (id: string) => string,
): string | null {
  const described = describes.get(descriptionKey(sp.name));
  if (described) return described;
  const inside = segMentions.filter((m) => m.start >= sp.start && m.end <= sp.end);
  const distinct = [...new Set(inside.map((m) => m.entityId))];
  if (distinct.length === 0) return null;
  const last = inside[inside.length - 1]!;
  if (last.end === sp.end) return last.entityId;
  const head = (/([\p{L}]+)\W*$/u.exec(sp.name)?.[1] ?? '').toLowerCase();
  if (distinct.length === 1 && INSTITUTIONAL_HEADS.has(head)) return referentOf(distinct[0]!);
  return null;
}

/** What a sentence gives the next one for "it" and "this": its first actor after any lead phrase, its words. */
function contextOf(
  text: string,
  seg: Segment,
  segMentions: readonly ClauseMention[],
  referentOf: (id: string) => string,
): FrameContext {
  const chunks = chunkSentence(text, seg.start, seg.end, segMentions, []);
  const main = chunks.find((c) => c.role === 'main' && c.mentions.length > 0);
  const first = main ? segMentions[main.mentions[0]!] : undefined;
  return { subject: first ? referentOf(first.entityId) : null, words: contentWords(text.slice(seg.start, seg.end)) };
}

export type UnitWithFrames = FactUnit & { frames: Frame[] };

let lastUnits: readonly UnitWithFrames[] = [];
/** The fact units of the last `buildKb` call (for tests and diagnostics). */
export function lastFactUnits(): readonly UnitWithFrames[] {
  return lastUnits;
}

/** The clauses of every claim as fact units, with their frames. */
function factUnits(
  analyses: readonly ClaimAnalysis[],
  entityById: ReadonlyMap<string, Entity>,
  referentOf: (id: string) => string,
): UnitWithFrames[] {
  const units: UnitWithFrames[] = [];
  for (const a of analyses) {
    const { claim, chunks, mentions } = a;
    clausesOf(chunks).forEach((clause, k) => {
      const text = a.text.slice(clause.start, clause.end);
      // Names inside a time phrase ("since Assad’s fall") date the clause; they are not what it is about.
      const times = timePhrases(text).map(([s, e]) => [s + clause.start, e + clause.start]);
      const ms = clause.chunks
        .flatMap((i) => chunks[i]!.mentions.map((j) => mentions[j]!))
        .filter((m) => !times.some(([s, e]) => m.start >= s! && m.end <= e!));
      const dates = clause.chunks.flatMap((i) => chunks[i]!.dates.map((j) => claim.dates[j]!));
      // A relative clause is about what it relates to ("the assets it provided, which were destroyed in Israeli strikes").
      const first = chunks[clause.chunks[0]!]!;
      const antecedent =
        first.role === 'relative' && clause.chunks[0]! > 0
          ? chunks[clause.chunks[0]! - 1]!.mentions.map((j) => mentions[j]!).at(-1)
          : undefined;
      const referents = [...new Set([...ms, ...(antecedent ? [antecedent] : [])].map((m) => referentOf(m.entityId)))];
      // Words without the names in them ("civil war" is an entity, not two words).
      let bare = text;
      for (const m of ms)
        bare = bare.slice(0, m.start - clause.start) + ' '.repeat(m.end - m.start) + bare.slice(m.end - clause.start);
      const { predicates, objects, words } = clauseWords(bare);
      // Items after a colon are instances of what comes before it ("atrocities against minorities: the Alawites
      // on the coast in March and the Druze in Suwayda in July"): without a predicate of their own, they take its.
      if (
        predicates.size === 0 &&
        first.afterBreak &&
        /:\s*$/.test(a.text.slice(Math.max(0, first.start - 3), first.start)) &&
        k > 0
      ) {
        const before = units.filter((u) => u.claimId === claim.id).at(-1);
        for (const p of before?.predicates ?? []) predicates.add(p);
      }
      // Events: predicate × object or entity, within one chunk (a list or aside after it included).
      const events = new Set<string>();
      const ids = clause.chunks;
      ids.forEach((ci, n) => {
        const chunk = chunks[ci]!;
        if (chunk.role === 'apposition' || chunk.role === 'aside') return;
        const span = [chunk];
        for (let m = n + 1; m < ids.length && ['apposition', 'aside'].includes(chunks[ids[m]!]!.role); m++)
          span.push(chunks[ids[m]!]!);
        const cw = clauseWords(span.map((x) => bare.slice(x.start - clause.start, x.end - clause.start)).join(', '));
        const anchors = [
          ...[...cw.objects].map((o) => `o:${o}`),
          ...span.flatMap((x) => x.mentions.map((j) => `r:${referentOf(mentions[j]!.entityId)}`)),
        ];
        for (const f of cw.predicates) for (const an of anchors) events.add(`${f}|${an}`);
      });
      if (referents.length === 0 && dates.length === 0 && predicates.size + objects.size + words.size < 3) return;
      // The actor is named in the clause proper, not in a lead phrase ("During the visit …, Syrian sources reported");
      // "it", "he", "they" at its start stand for the actor of the sentence before.
      const proper = ms.filter((m) =>
        clause.chunks.some((i) => chunks[i]!.role !== 'lead' && m.start >= chunks[i]!.start && m.end <= chunks[i]!.end),
      );
      let actor = actorOf(
        bare,
        text,
        proper.map((m) => ({ ...m, start: m.start - clause.start, end: m.end - clause.start })),
        entityById,
        referentOf,
      );
      if (!actor && /^(?:\W*(?:but|and|yet|so)\s+)?(?:it|he|she|they)\b/i.test(text) && a.context?.subject) {
        actor = { id: a.context.subject, kind: entityById.get(a.context.subject)?.kind ?? 'other' };
      }
      const frameMentions: FrameMention[] = ms.map((m) => ({
        entityId: m.entityId,
        referent: referentOf(m.entityId),
        kind: entityById.get(m.entityId)?.kind ?? 'other',
        start: m.start - clause.start,
        end: m.end - clause.start,
      }));
      units.push({
        id: `${claim.id}/${k}`,
        claimId: claim.id,
        sourceId: claim.sourceId,
        referents,
        dates: dates.map((d) => ({ iso: d.iso })),
        predicates,
        objects,
        words,
        actor: actor?.id ?? null,
        actorKind: actor?.kind ?? null,
        events,
        text,
        frames: framesOf(text, frameMentions, k === 0 ? a.context : a.context),
      });
    });
  }
  return units;
}

/** The first entity named before the clause's first predicate word (lexicon.ts), as a referent; places do not act. */
function actorOf(
  bare: string,
  text: string,
  ms: readonly ClauseMention[],
  entityById: ReadonlyMap<string, Entity>,
  referentOf: (id: string) => string,
): { id: string; kind: string } | null {
  let firstPredicate = -1;
  for (const m of bare.matchAll(/[\p{L}][\p{L}’'-]*/gu)) {
    const w = m[0].toLowerCase();
    if (m[0] === w && clauseWords(w).predicates.size > 0) {
      firstPredicate = m.index ?? 0;
      break;
    }
  }
  if (firstPredicate < 0) return null;
  for (const m of ms) {
    if (m.end > firstPredicate) break;
    // A possessor is not the actor ("Russia’s support", "Sharaa’s visit"): the noun after it is.
    if (/^[’']s\b/u.test(text.slice(m.end, m.end + 3))) continue;
    // A demonym before a title or name modifies it ("Syrian President Ahmed al-Sharaa").
    const written = text.slice(m.start, m.end);
    if (/(?:an|i|ish|ese)$/.test(written) && /^\s+\p{Lu}/u.test(text.slice(m.end, m.end + 3))) continue;
    const entity = entityById.get(referentOf(m.entityId));
    if (!entity || entity.kind === 'place') continue;
    return { id: entity.id, kind: entity.kind };
  }
  return null;
}

/** Corroboration groups and differences from the fact units (corroboration.ts, differences.ts). */
function storiesOf(
  units: readonly UnitWithFrames[],
  nameOf: (id: string) => string,
): { corroboration: CorroborationGroup[]; differences: Difference[] } {
  const wordDf = new Map<string, number>();
  for (const u of units) for (const w of contentWords(u.text)) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
  const share = (w: string) => (wordDf.get(w) ?? 0) / Math.max(1, units.length);
  const index = new Map(units.map((u, i) => [u, i]));
  const clash = (a: FactUnit, b: FactUnit) => {
    const x = units[index.get(a as UnitWithFrames)!]!;
    const y = units[index.get(b as UnitWithFrames)!]!;
    return divergent(x, y) || conflict(x, y, share) !== null;
  };
  const clustered = clusterUnits(units, clash);
  const corroboration = corroborationGroups(units, clustered, nameOf);

  const clusterOf = new Map<number, number[]>();
  for (const c of clustered.clusters) for (const i of c) clusterOf.set(i, c);
  const found = new Map<string, Difference>();
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      const c = conflict(units[i]!, units[j]!, share);
      if (!c) continue;
      // Each side: the members of its cluster that conflict with the other side the same way.
      const side = (own: number, other: number) =>
        clusterOf
          .get(own)!
          .filter((k) => k === own || conflict(units[k]!, units[other]!, share)?.facet === c.facet)
          .map((k) => units[k]!);
      const rec = differenceSides(c.facet, { units: side(i, j), says: c.a }, { units: side(j, i), says: c.b });
      const sides = [...rec.sides].sort((x, y) => compareStrings(x.claimIds[0]!, y.claimIds[0]!)) as [
        DifferenceSide,
        DifferenceSide,
      ];
      const key = `${c.facet} ${sides.map((s) => s.claimIds.join(',')).join(' | ')}`;
      if (found.has(key)) continue;
      found.set(key, {
        id: '',
        facet: c.facet,
        label: `${c.facet}: ${sides[0].says} / ${sides[1].says}`,
        claimIds: [...new Set(sides.flatMap((s) => s.claimIds))].sort(compareStrings),
        sides,
      });
    }
  }
  // One difference per disagreement: records of the same facet whose sides overlap are one
  // ("stalled" and "potential failure" against "collapsed" and "a deal … collapsed").
  const merged: Difference[] = [];
  for (const d of [...found.values()].sort(
    (a, b) => compareStrings(a.label, b.label) || compareStrings(a.claimIds.join(), b.claimIds.join()),
  )) {
    const meets = (x: DifferenceSide, y: DifferenceSide) => x.claimIds.some((id) => y.claimIds.includes(id));
    const into = merged.find(
      (m) =>
        m.facet === d.facet &&
        (meets(m.sides[0], d.sides[0]) ||
          meets(m.sides[1], d.sides[1]) ||
          meets(m.sides[0], d.sides[1]) ||
          meets(m.sides[1], d.sides[0])),
    );
    if (!into) {
      merged.push(d);
      continue;
    }
    const straight = meets(into.sides[0], d.sides[0]) || meets(into.sides[1], d.sides[1]);
    const [x, y] = straight ? d.sides : [d.sides[1], d.sides[0]];
    const union = (p: DifferenceSide, q: DifferenceSide): DifferenceSide => ({
      claimIds: [...new Set([...p.claimIds, ...q.claimIds])].sort(compareStrings),
      sourceIds: [...new Set([...p.sourceIds, ...q.sourceIds])].sort(compareStrings),
      says: [...new Set([...p.says.split(', '), ...q.says.split(', ')])].join(', '),
    });
    into.sides = [union(into.sides[0], x), union(into.sides[1], y)];
    into.claimIds = [...new Set(into.sides.flatMap((s) => s.claimIds))].sort(compareStrings);
    into.label = `${into.facet}: ${into.sides[0].says} / ${into.sides[1].says}`;
  }
  const differences = merged.sort(
    (a, b) => compareStrings(a.sides[0].claimIds[0]!, b.sides[0].claimIds[0]!) || compareStrings(a.label, b.label),
  );
  const used = new Map<string, number>();
  for (const d of differences) {
    const base = `d-${d.sides[0].claimIds[0]}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    d.id = n === 1 ? base : `${base}~${n}`;
  }
  return { corroboration, differences };
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
