import type { AppDB } from './app-db';
import type { KbLoadState } from './types';

export interface KbCounts {
  sources: number;
  entities: number;
  claims: number;
  mentions: number;
  /** Corroboration groups. */
  corroboration: number;
}

export interface KbStatus {
  /** `loading` also while nothing has been loaded or attempted yet. */
  state: KbLoadState;
  /** Version of the KB the tables hold; null when none is loaded. */
  version: string | null;
  /** Sizes of the KB the tables hold (the previous KB while a new one is loading). */
  counts: KbCounts;
  /** With `state: 'error'`: why the last load failed. */
  error?: string;
}

/**
 * The KB's state and size, read in one transaction so counts and version agree.
 * Extension pages wrap it in Dexie's `liveQuery`; the background answers `kb/status` with it.
 */
export async function readKbStatus(db: AppDB): Promise<KbStatus> {
  return db.transaction('r', [db.meta, db.sources, db.entities, db.claims, db.mentions, db.corroboration], async () => {
    const [versionRow, stateRow, sources, entities, claims, mentions, corroboration] = await Promise.all([
      db.meta.get('kbVersion'),
      db.meta.get('kbState'),
      db.sources.count(),
      db.entities.count(),
      db.claims.count(),
      db.mentions.count(),
      db.corroboration.count(),
    ]);
    const version = versionRow?.key === 'kbVersion' ? versionRow.value : null;
    const recorded = stateRow?.key === 'kbState' ? stateRow.value : undefined;
    const state: KbLoadState = recorded?.state ?? (version === null ? 'loading' : 'ready');
    const status: KbStatus = {
      state,
      version,
      counts: { sources, entities, claims, mentions, corroboration },
    };
    if (state === 'error') status.error = recorded?.error ?? 'Unknown error';
    return status;
  });
}
