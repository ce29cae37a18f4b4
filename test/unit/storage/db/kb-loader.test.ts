import { afterEach, describe, expect, it } from 'vitest';
import { ensureKbLoaded, KbLoadError, loadKb } from '../../../../src/storage/db/kb-loader';
import { readKbStatus } from '../../../../src/storage/db/status';
import { makeHighlights, makeKb } from '../../support/db-fixtures';
import { deleteAll, expectedCounts, failWritesTo, freshDb, kbCounts, recordWrites } from '../../support/db-helpers';

afterEach(deleteAll);

const clock = (iso: string) => () => iso;

async function seedUserData(db: ReturnType<typeof freshDb>) {
  await db.highlights.bulkAdd(makeHighlights());
}

describe('loadKb', () => {
  it('loads every KB table and records version, time and ready state', async () => {
    const db = freshDb();
    const kb = makeKb('v1');
    await expect(loadKb(db, kb, { now: clock('2025-11-01T00:00:00.000Z') })).resolves.toBe('loaded');

    expect(await kbCounts(db)).toEqual(expectedCounts(kb));
    expect((await db.meta.get('kbVersion'))?.value).toBe('v1');
    expect((await db.meta.get('kbLoadedAt'))?.value).toBe('2025-11-01T00:00:00.000Z');
    expect((await db.meta.get('kbState'))?.value).toMatchObject({
      state: 'ready',
      version: 'v1',
    });
    // Rows arrive whole, and the caller's objects are not given generated keys.
    expect(await db.claims.get('src-b#0')).toEqual(kb.claims[2]);
    expect(kb.mentions[0]).not.toHaveProperty('id');
  });

  it('loading the same version again changes nothing and writes nothing', async () => {
    const db = freshDb();
    const kb = makeKb('v1');
    await loadKb(db, kb, { now: clock('2025-11-01T00:00:00.000Z') });
    const before = await db.mentions.toArray();
    const writes = await recordWrites(db);

    await expect(loadKb(db, makeKb('v1'), { now: clock('2030-01-01T00:00:00.000Z') })).resolves.toBe('unchanged');

    expect(writes).toEqual([]);
    expect(await kbCounts(db)).toEqual(expectedCounts(kb));
    expect(await db.mentions.toArray()).toEqual(before); // same auto-increment keys: not rewritten
    expect((await db.meta.get('kbLoadedAt'))?.value).toBe('2025-11-01T00:00:00.000Z');
  });

  it('a new version replaces the KB and leaves the highlights alone', async () => {
    const db = freshDb();
    await seedUserData(db);
    await loadKb(db, makeKb('v1', 'a'));
    const v2 = makeKb('v2', 'b');

    await expect(loadKb(db, v2)).resolves.toBe('loaded');

    expect(await kbCounts(db)).toEqual(expectedCounts(v2));
    expect(await db.entities.get('moscow')).toBeUndefined();
    expect(await db.entities.get('damascus')).toMatchObject({
      name: 'Damascus',
    });
    expect(await db.mentions.where('entityId').equals('moscow').count()).toBe(0);
    expect(await db.claims.where('entityIds').equals('moscow').count()).toBe(0);
    expect((await db.meta.get('kbVersion'))?.value).toBe('v2');
    expect(await db.highlights.orderBy('id').toArray()).toEqual(
      makeHighlights().sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('a load that fails mid-way (duplicate key) leaves the previous KB and user data intact', async () => {
    const db = freshDb();
    await seedUserData(db);
    const v1 = makeKb('v1');
    await loadKb(db, v1);

    const broken = makeKb('v2', 'b');
    // Claims are added after sources, entities and mentions: the failure is mid-transaction.
    broken.claims.push({ ...broken.claims[0]! });

    const failure = loadKb(db, broken);
    await expect(failure).rejects.toBeInstanceOf(KbLoadError);
    await expect(failure).rejects.toThrow(/version v2.*ConstraintError/s);

    expect(await kbCounts(db)).toEqual(expectedCounts(v1));
    expect(await db.entities.get('moscow')).toBeDefined();
    expect(await db.entities.get('damascus')).toBeUndefined();
    expect((await db.meta.get('kbVersion'))?.value).toBe('v1');
    expect(await db.highlights.count()).toBe(makeHighlights().length);

    const status = await readKbStatus(db);
    expect(status.state).toBe('error');
    expect(status.version).toBe('v1');
    expect(status.error).toMatch(/Could not load the knowledge base \(version v2\)/);
    expect(status.counts.entities).toBe(v1.entities.length);
  });

  it('records a QuotaExceededError with a clear message and keeps the old KB', async () => {
    const db = freshDb();
    await loadKb(db, makeKb('v1'));
    await failWritesTo(db, 'claims', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    await expect(loadKb(db, makeKb('v2', 'b'))).rejects.toThrow(/Not enough storage space/);

    const status = await readKbStatus(db);
    expect(status).toMatchObject({ state: 'error', version: 'v1' });
    expect(status.error).toMatch(/QuotaExceededError/);
    expect(await kbCounts(db)).toEqual(expectedCounts(makeKb('v1')));
  });

  it('after a failure, the next start-up retries and succeeds', async () => {
    const db = freshDb();
    const broken = makeKb('v1');
    broken.sources.push({ ...broken.sources[0]! });
    await expect(loadKb(db, broken)).rejects.toThrow(KbLoadError);
    expect((await readKbStatus(db)).state).toBe('error');

    await expect(loadKb(db, makeKb('v1'))).resolves.toBe('loaded');
    expect(await readKbStatus(db)).toMatchObject({
      state: 'ready',
      version: 'v1',
    });
  });

  it('repairs a stale error state for the version already loaded, without KB writes', async () => {
    const db = freshDb();
    await loadKb(db, makeKb('v1'));
    const broken = makeKb('v2');
    broken.entities.push({ ...broken.entities[0]! });
    await expect(loadKb(db, broken)).rejects.toThrow();
    const writes = await recordWrites(db);

    // e.g. the update was rolled back: v1 is bundled again.
    await expect(loadKb(db, makeKb('v1'))).resolves.toBe('unchanged');
    expect(writes).toEqual(['meta:put']);
    expect(await readKbStatus(db)).toMatchObject({
      state: 'ready',
      version: 'v1',
    });
  });

  it('rejects a KB without a version or tables, and records why', async () => {
    const db = freshDb();
    const noVersion = { ...makeKb(), version: '' };
    await expect(loadKb(db, noVersion)).rejects.toThrow(/no version/);
    const noClaims = {
      ...makeKb('v9'),
      claims: undefined,
    } as unknown as ReturnType<typeof makeKb>;
    await expect(loadKb(db, noClaims)).rejects.toThrow(/no "claims" list/);
    expect((await readKbStatus(db)).error).toMatch(/no "claims" list/);
  });
});

describe('readKbStatus', () => {
  it('is loading (no version, zero counts) before anything was loaded', async () => {
    const db = freshDb();
    expect(await readKbStatus(db)).toEqual({
      state: 'loading',
      version: null,
      counts: {
        sources: 0,
        entities: 0,
        claims: 0,
        mentions: 0,
        corroboration: 0,
      },
    });
  });

  it('reports counts of the loaded KB', async () => {
    const db = freshDb();
    const kb = makeKb('v1');
    await loadKb(db, kb);
    expect(await readKbStatus(db)).toEqual({
      state: 'ready',
      version: 'v1',
      counts: {
        sources: kb.sources.length,
        entities: kb.entities.length,
        claims: kb.claims.length,
        mentions: kb.mentions.length,
        corroboration: kb.corroboration.length,
      },
    });
  });
});

describe('ensureKbLoaded', () => {
  it('overlapping calls (start-up + onInstalled) share one load', async () => {
    const db = freshDb();
    const writes = await recordWrites(db);
    const kb = makeKb('v1');
    const [a, b] = await Promise.all([ensureKbLoaded(db, kb), ensureKbLoaded(db, kb)]);
    expect([a, b]).toEqual(['loaded', 'loaded']);
    expect(writes.filter((w) => w === 'sources:add')).toHaveLength(1);
    expect(await kbCounts(db)).toEqual(expectedCounts(kb));
    await expect(ensureKbLoaded(db, kb)).resolves.toBe('unchanged');
  });

  it('never rejects: a failure resolves to "error" and is recorded', async () => {
    const db = freshDb();
    const broken = makeKb('v1');
    broken.sources.push({ ...broken.sources[0]! });
    const original = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      await expect(ensureKbLoaded(db, broken)).resolves.toBe('error');
    } finally {
      console.error = original;
    }
    expect(String(logged[0]?.[1])).toMatch(/Could not load the knowledge base/);
    expect((await readKbStatus(db)).state).toBe('error');
  });
});
