import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { AppDB } from '../../../src/storage/db/app-db';
import { KB_TABLES } from '../../../src/storage/db/schema';
import type { Kb } from '../../../src/lib/kb/types';
import { uniqueDbName } from './db-fixtures';

const opened: AppDB[] = [];

/** A fresh AppDB with a unique name; `closeAll` deletes them. */
export function freshDb(): AppDB {
  const db = new AppDB(uniqueDbName());
  opened.push(db);
  return db;
}

export async function deleteAll(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
}

/**
 * Records every write (table:type) that reaches IndexedDB. Dexie applies middleware when
 * the database opens, so this closes and reopens it.
 */
export async function recordWrites(db: AppDB): Promise<string[]> {
  const writes: string[] = [];
  db.close();
  db.use({
    stack: 'dbcore',
    name: 'record-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            writes.push(`${name}:${req.type}`);
            return table.mutate(req);
          },
        };
      },
    }),
  });
  await db.open();
  return writes;
}

/** Makes every write to `tableName` fail with `error` (e.g. a QuotaExceededError). */
export async function failWritesTo(db: AppDB, tableName: string, error: () => Error): Promise<void> {
  db.close();
  db.use({
    stack: 'dbcore',
    name: `fail-${tableName}`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== tableName) return table;
        return { ...table, mutate: () => Promise.reject(error()) };
      },
    }),
  });
  await db.open();
}

export async function kbCounts(db: AppDB): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of KB_TABLES) counts[name] = await db.table(name).count();
  return counts;
}

export function expectedCounts(kb: Kb): Record<string, number> {
  return Object.fromEntries(KB_TABLES.map((name) => [name, kb[name].length]));
}
