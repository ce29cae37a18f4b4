/**
 * The KB as the page view and the reader read it from IndexedDB (extension pages share the
 * extension's origin): the load state plus the rows they show, in one read transaction so
 * everything describes one KB version. Wrapped in Dexie's `liveQuery` by `useKbData`, so a
 * KB reload (extension update) refreshes open views.
 *
 * The whole claims table is read: ranking needs every claim's entities (how common an
 * entity is across the KB). That is a few hundred rows here; a KB of tens of thousands of
 * claims would want a precomputed entity-frequency table instead.
 */
import { cardSource } from '../lib/cards/build';
import type { CardSource } from '../lib/cards/types';
import type { AppDB } from '../storage/db/app-db';
import { readKbStatus, type KbStatus } from '../storage/db/status';
import type { Claim, CorroborationGroup, Difference, Entity, Source } from '../lib/kb/types';
import { useLiveQuery, type LiveResult } from './useLiveQuery';

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

export function useKbData(db: AppDB): LiveResult<KbData> {
  return useLiveQuery(() => readKbData(db), [db]);
}

/** A source as the cards' formatters take it (`sourceLabel`, `sourceName`). */
export function sourceCard(data: Pick<KbData, 'sources'>, sourceId: string): CardSource {
  const meta = data.sources.get(sourceId);
  return cardSource(sourceId, meta);
}
