/**
 * What the e2e tests rely on from the extension's storage (src/storage/db). The tests read
 * IndexedDB with the raw API, independent of Dexie; names come from the schema module,
 * and the type checks below break the build (typecheck) if the schema's names change.
 */
import { DB_NAME } from '../../../src/storage/db/schema';
import type { KbTableName } from '../../../src/storage/db/schema';
import type { AppDB } from '../../../src/storage/db/app-db';
import type { MetaKey } from '../../../src/storage/db/types';

export { DB_NAME };
export type { Highlight } from '../../../src/storage/db/types';

type TableName = keyof {
  [K in keyof AppDB as AppDB[K] extends { bulkAdd: unknown } ? K : never]: true;
};

export const TABLES = {
  sources: 'sources',
  entities: 'entities',
  claims: 'claims',
  highlights: 'highlights',
  meta: 'meta',
} as const satisfies Record<string, TableName>;

const _kbTables = [TABLES.sources, TABLES.entities, TABLES.claims] satisfies KbTableName[];
void _kbTables;

/** Key of the meta row (`{ key, value }`) holding the version of the KB currently stored. */
export const META_KB_VERSION = 'kbVersion' satisfies MetaKey;
