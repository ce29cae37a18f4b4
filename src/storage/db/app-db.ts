import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Claim, CorroborationGroup, Difference, Entity, Relation, Source } from '../../lib/kb/types';
import { DB_NAME, SCHEMA, type SchemaVersion } from './schema';
import type { Highlight, MetaKey, MetaRow, StoredMention, StoredTimelineEntry } from './types';

/**
 * The extension's database, in the extension's own origin: background and extension
 * pages open it directly; content scripts (page origin) go through the protocol.
 */
export class AppDB extends Dexie {
  declare sources: EntityTable<Source, 'id'>;
  declare entities: EntityTable<Entity, 'id'>;
  declare mentions: EntityTable<StoredMention, 'id'>;
  declare claims: EntityTable<Claim, 'id'>;
  declare timeline: EntityTable<StoredTimelineEntry, 'id'>;
  /** Primary key `[a+b]`. */
  declare relations: Table<Relation, [string, string]>;
  declare corroboration: EntityTable<CorroborationGroup, 'id'>;
  declare differences: EntityTable<Difference, 'id'>;
  declare meta: Table<MetaRow, MetaKey>;
  declare highlights: EntityTable<Highlight, 'id'>;

  /**
   * @param name database name; tests pass a unique one.
   * @param chain the version chain; tests pass a prefix of `SCHEMA`.
   */
  constructor(name: string = DB_NAME, chain: readonly SchemaVersion[] = SCHEMA) {
    super(name);
    for (const { version, stores, upgrade } of chain) {
      const v = this.version(version).stores(stores);
      if (upgrade) v.upgrade(upgrade);
    }
  }
}

let shared: AppDB | undefined;

/** The context's shared connection to the `glossa` database, created on first use. */
export function getDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}
