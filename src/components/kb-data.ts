/**
 * The KB for the page view and the reader, kept current: `readKbData` (src/storage/kb.ts)
 * in Dexie's liveQuery, so a KB reload (extension update) refreshes open views.
 */
import { cardSource } from '../lib/cards/build';
import type { CardSource } from '../lib/cards/types';
import type { AppDB } from '../storage/db/app-db';
import { readKbData, type KbData } from '../storage/kb';
import { useLiveQuery, type LiveResult } from './useLiveQuery';

export type { KbData, SourceMeta } from '../storage/kb';

export function useKbData(db: AppDB): LiveResult<KbData> {
  return useLiveQuery(() => readKbData(db), [db]);
}

/** A source as the cards' formatters take it (`sourceLabel`, `sourceName`). */
export function sourceCard(data: Pick<KbData, 'sources'>, sourceId: string): CardSource {
  const meta = data.sources.get(sourceId);
  return cardSource(sourceId, meta);
}
