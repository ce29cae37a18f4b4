/**
 * Upgrade tests in the style of Dexie's tests-upgrading.js: for every prefix of the
 * version chain, create the database at that version, seed rows, close, reopen with the
 * full chain, and check that the rows survived and that every index of the latest schema
 * answers queries. A version appended to SCHEMA is covered without editing this file
 * (only seed rows for new tables/fields need adding in `seedRows`).
 */
import { Dexie, type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../../src/storage/db/app-db';
import { KB_TABLES, SCHEMA } from '../../../../src/storage/db/schema';
import { makeHighlights, makeKb, makeSettings, uniqueDbName } from '../../support/db-fixtures';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Rows to seed per table. Rows must be valid for every version that has the table. */
function seedRows(): Record<string, object[]> {
  const kb = makeKb('seed-v');
  return {
    ...Object.fromEntries(KB_TABLES.map((t) => [t, kb[t] as object[]])),
    meta: [
      { key: 'kbVersion', value: 'seed-v' },
      { key: 'kbLoadedAt', value: '2025-11-01T00:00:00.000Z' },
      {
        key: 'kbState',
        value: {
          state: 'ready',
          version: 'seed-v',
          at: '2025-11-01T00:00:00.000Z',
        },
      },
    ],
    highlights: makeHighlights(),
    settings: makeSettings(),
  };
}

/** Table names the chain's first `n` versions define (later `null`s delete). */
function tablesAt(n: number): Set<string> {
  const tables = new Set<string>();
  for (const { stores } of SCHEMA.slice(0, n)) {
    for (const [name, spec] of Object.entries(stores)) {
      if (spec === null) tables.delete(name);
      else tables.add(name);
    }
  }
  return tables;
}

async function seed(db: Dexie, tables: Iterable<string>): Promise<void> {
  const rows = seedRows();
  await db.transaction('rw', [...tables], async () => {
    for (const name of tables) {
      const tableRows = rows[name];
      if (!tableRows) throw new Error(`seedRows() has no rows for table "${name}"`);
      await db.table(name).bulkAdd(tableRows);
    }
  });
}

/** Every index (and the primary key) of `table` finds each row that has a value for it. */
async function expectIndexesWork(table: Table): Promise<void> {
  const rows = await table.toArray();
  const { primKey, indexes } = table.schema;
  for (const index of [primKey, ...indexes]) {
    const keyPath = index.keyPath;
    if (keyPath === undefined || keyPath === null) continue;
    let exercised = 0;
    for (const row of rows) {
      const value = Dexie.getByKeyPath(row, keyPath as string | string[]);
      if (value === undefined) continue;
      const values = index.multi ? (value as unknown[]) : [value];
      const key = Dexie.getByKeyPath(row, primKey.keyPath as string | string[]);
      for (const v of values) {
        const found = await table
          .where(index.name)
          .equals(v as never)
          .primaryKeys();
        expect(found, `${table.name}.${index.name} = ${JSON.stringify(v)}`).toContainEqual(key);
        exercised += 1;
      }
    }
    expect(exercised, `no seeded row exercises ${table.name}.${index.name}`).toBeGreaterThan(0);
  }
}

describe('schema version chain', () => {
  it('is strictly increasing and declares the KB tables', () => {
    const versions = SCHEMA.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const latest = tablesAt(SCHEMA.length);
    for (const t of [...KB_TABLES, 'meta', 'highlights']) expect(latest).toContain(t);
    expect(latest).not.toContain('settings'); // dropped in v2: settings live in storage.local
  });

  for (let n = 1; n <= SCHEMA.length; n++) {
    const from = SCHEMA[n - 1]!.version;
    const to = SCHEMA[SCHEMA.length - 1]!.version;
    it(`upgrading v${from} → v${to} keeps rows and every index works`, async () => {
      const name = uniqueDbName('glossa-upgrade');
      names.push(name);

      // Create at the old version and seed it.
      const oldTables = tablesAt(n);
      const old = new AppDB(name, SCHEMA.slice(0, n));
      await old.open();
      expect(old.verno).toBe(from);
      await seed(old, oldTables);
      const before = Object.fromEntries(
        await Promise.all([...oldTables].map(async (t) => [t, await old.table(t).count()] as const)),
      );
      old.close();

      // Reopen with the full chain.
      const db = new AppDB(name);
      await db.open();
      expect(db.verno).toBe(to);
      expect(db.tables.map((t) => t.name).sort()).toEqual([...tablesAt(SCHEMA.length)].sort());

      // Rows survived (tables that still exist).
      for (const [t, count] of Object.entries(before)) {
        if (tablesAt(SCHEMA.length).has(t)) expect(await db.table(t).count(), t).toBe(count);
      }
      // Seed tables that are new since the old version, then query every index.
      const newTables = [...tablesAt(SCHEMA.length)].filter((t) => !oldTables.has(t));
      if (newTables.length > 0) await seed(db, newTables);
      for (const table of db.tables) await expectIndexesWork(table);

      // User data came through unchanged.
      expect(await db.highlights.orderBy('id').toArray()).toEqual(
        makeHighlights().sort((a, b) => a.id.localeCompare(b.id)),
      );
      db.close();

      // What IndexedDB really holds matches the declared latest schema.
      const dynamic = new Dexie(name);
      await dynamic.open();
      const actual = Object.fromEntries(
        dynamic.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]),
      );
      const declared = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
      expect(actual).toEqual(declared);
      dynamic.close();
    });
  }
});

describe('v1 indexes answer the UI’s queries', () => {
  it('claims by source and entity, mentions by entity and source, timeline in date order, relations both ways, corroboration by claim, highlights by url/updated/entity', async () => {
    const name = uniqueDbName('glossa-queries');
    names.push(name);
    const db = new AppDB(name);
    await seed(db, tablesAt(SCHEMA.length));

    expect(await db.claims.where('sourceId').equals('src-a').primaryKeys()).toEqual(['src-a#0', 'src-a#1']);
    expect((await db.claims.where('entityIds').equals('ahmed-al-sharaa').primaryKeys()).sort()).toEqual([
      'src-a#0',
      'src-b#0',
    ]);
    expect(await db.mentions.where('entityId').equals('syria').count()).toBe(2);
    expect(await db.mentions.where('sourceId').equals('src-b').count()).toBe(2);
    const timeline = await db.timeline
      .where('[entityId+iso]')
      .between(['ahmed-al-sharaa', Dexie.minKey], ['ahmed-al-sharaa', Dexie.maxKey])
      .toArray();
    expect(timeline.map((t) => t.iso)).toEqual(['2025-10-15', '2025-10-16']);
    expect(await db.timeline.where('entityId').equals('vladimir-putin').count()).toBe(1);
    const ofSharaa = await db.relations
      .where('a')
      .equals('ahmed-al-sharaa')
      .or('b')
      .equals('ahmed-al-sharaa')
      .toArray();
    expect(ofSharaa).toHaveLength(3);
    expect(await db.relations.where('b').equals('vladimir-putin').count()).toBe(1);
    expect(await db.relations.get(['ahmed-al-sharaa', 'moscow'])).toMatchObject({ weight: 1 });
    expect(await db.corroboration.where('claimIds').equals('src-b#0').primaryKeys()).toEqual(['corr-1']);
    expect(await db.entities.where('kind').equals('person').count()).toBe(2);
    expect(await db.highlights.where('url').equals('https://news.example/damascus').count()).toBe(1);
    expect((await db.highlights.orderBy('updated').reverse().first())?.url).toBe('https://news.example/damascus');
    expect(await db.highlights.where('entityIds').equals('syria').count()).toBe(1);
    db.close();
  });
});

describe('v3: highlight revisions', () => {
  it('rows stored before revisions existed get rev 1; rows that have one keep it', async () => {
    const name = uniqueDbName('glossa-rev');
    names.push(name);
    const v2 = SCHEMA.findIndex((s) => s.version === 2) + 1;
    const old = new AppDB(name, SCHEMA.slice(0, v2));
    await old.open();
    const [a, b] = makeHighlights().map(({ rev: _rev, ...rest }) => rest);
    await old.table('highlights').bulkAdd([a, { ...b, rev: 4 }]);
    old.close();

    const db = new AppDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect((await db.highlights.get(a!.id))?.rev).toBe(1);
    expect((await db.highlights.get(b!.id))?.rev).toBe(4);
    expect(await db.highlights.get(a!.id)).toEqual({ ...a, rev: 1 });
    db.close();
  });
});
