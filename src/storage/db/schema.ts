/**
 * The database's version chain, as data. `AppDB` applies every entry in order; tests
 * open a database at any prefix of the chain to check that upgrades keep users' data.
 *
 * To change the schema, APPEND a version (never edit a released one): give only the
 * tables that change (`null` deletes a table) and, when existing rows need new fields
 * for a new index, an `upgrade` that fills them. Then add seed rows for new tables to
 * `test/unit/db/fixtures.ts`; the migration tests query every index automatically.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then indexes (`*` multi-entry, `[a+b]` compound). */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

/** Tables holding the bundled KB; the loader replaces them as a whole. */
export const KB_TABLES = [
  'sources',
  'entities',
  'mentions',
  'claims',
  'timeline',
  'relations',
  'corroboration',
  'differences',
] as const;
export type KbTableName = (typeof KB_TABLES)[number];

export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // KB tables
      sources: 'id',
      entities: 'id, kind',
      mentions: '++id, entityId, sourceId',
      claims: 'id, sourceId, *entityIds',
      // [entityId+iso] gives an entity's timeline already in date order.
      timeline: '++id, entityId, [entityId+iso], claimId',
      relations: '[a+b], a, b',
      corroboration: 'id, *claimIds',
      // key/value: kbVersion, kbLoadedAt, kbState
      meta: 'key',
      // user data: never touched by the KB loader
      highlights: 'id, url, updated, *entityIds',
      settings: 'key',
    },
  },
  {
    version: 2,
    // Settings live in storage.local (src/platform/settings.ts); this table was never used.
    stores: { settings: null },
  },
  {
    version: 3,
    // Highlights get a revision (`rev`, compare-and-set on edits): rows stored before it
    // existed start at 1. No new index; the upgrade only fills the field.
    stores: {},
    upgrade: (tx) =>
      tx
        .table('highlights')
        .toCollection()
        .modify((row: { rev?: unknown }) => {
          if (typeof row.rev !== 'number' || !Number.isInteger(row.rev) || row.rev < 1) row.rev = 1;
        }),
  },
  {
    // Sources that report the same story with contradicting facts (KB issue #13); the KB
    // loader fills it with the rest of the KB, so no upgrade step.
    version: 4,
    stores: { differences: 'id, *claimIds' },
  },
];

export const DB_NAME = 'glossa';
