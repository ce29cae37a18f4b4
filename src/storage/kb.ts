/**
 * The KB as the extension's pages read it from IndexedDB (they share the extension's
 * origin): the load state plus the rows they show, in one read transaction so everything
 * describes one KB version. The page view wraps `readKbData` in Dexie's `liveQuery`
 * (src/components/kb-data.ts), so a KB reload (extension update) refreshes open views.
 *
 * The whole claims table is read: ranking needs every claim's entities (how common an
 * entity is across the KB). That is a few hundred rows here; a KB of tens of thousands of
 * claims would want a precomputed entity-frequency table instead.
 */
import type { Claim, CorroborationGroup, Difference, Entity, Source } from '../lib/kb/types';
import type { AppDB } from './db/app-db';
import { readKbStatus, type KbStatus } from './db/status';

/** A source's metadata without its text. */
export type SourceMeta = Omit<Source, 'text'>;

export interface KbData {
  status: KbStatus;
  entities: Map<string, Entity>;
  sources: Map<string, SourceMeta>;
  claims: Claim[];
  corroboration: CorroborationGroup[];
  /** Where sources report the same story with contradicting facts. */
  differences: Difference[];
}

export async function readKbData(db: AppDB): Promise<KbData> {
  const tables = [db.meta, db.sources, db.entities, db.claims, db.mentions, db.corroboration, db.differences];
  return db.transaction('r', tables, async () => {
    const [status, entities, sources, claims, corroboration, differences] = await Promise.all([
      readKbStatus(db),
      db.entities.toArray(),
      db.sources.toArray(),
      db.claims.toArray(),
      db.corroboration.toArray(),
      db.differences.toArray(),
    ]);
    return {
      status,
      entities: new Map(entities.map((e) => [e.id, e])),
      sources: new Map(
        sources.map((s): [string, SourceMeta] => {
          const { text: _text, ...meta } = s;
          return [s.id, meta];
        }),
      ),
      claims,
      corroboration,
      differences,
    };
  });
}

/**
 * What the source reader shows: the KB (as the page view reads it) plus, for a source, its
 * full text and how often it names each entity.
 */
export interface ReaderData extends KbData {
  /** The source asked for, with its text; null when the KB has no such source (or none asked). */
  source: Source | null;
  /** Mentions per entity in that source. */
  sourceMentions: Map<string, number>;
}

export async function readReaderData(db: AppDB, sourceId: string | null): Promise<ReaderData> {
  const tables = [db.meta, db.sources, db.entities, db.claims, db.mentions, db.corroboration, db.differences];
  return db.transaction('r', tables, async () => {
    const [kb, source, mentions] = await Promise.all([
      readKbData(db),
      sourceId ? db.sources.get(sourceId) : Promise.resolve(undefined),
      sourceId ? db.mentions.where('sourceId').equals(sourceId).toArray() : Promise.resolve([]),
    ]);
    const sourceMentions = new Map<string, number>();
    for (const m of mentions) sourceMentions.set(m.entityId, (sourceMentions.get(m.entityId) ?? 0) + 1);
    return { ...kb, source: source ?? null, sourceMentions };
  });
}

/** The names of these entities (ids the KB does not know are left out). */
export async function entityNames(db: AppDB, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await db.entities.bulkGet([...ids]);
  const map = new Map<string, string>();
  for (const e of found) if (e) map.set(e.id, e.name);
  return map;
}
