/**
 * What the source reader shows, read from IndexedDB in one transaction: the KB (as the
 * page view reads it) plus, for a source, its full text and how often it names each entity.
 */
import type { AppDB } from '../../storage/db/app-db';
import type { Source } from '../../lib/kb/types';
import { readKbData, type KbData } from '../kb-data';

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
