/**
 * `cards/for-entities` through the protocol: fixture KB loaded with the real loader into
 * fake-indexeddb, the background's handlers registered, messages sent with a proper
 * sender (WXT's fake browser sends an empty one, which the protocol rejects).
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSeeds } from '../../../scripts/load-seeds';
import { buildEntityCard } from '../../../src/lib/cards/build';
import { loadCards } from '../../../src/storage/cards';
import type { EntityCard } from '../../../src/lib/cards/types';
import { AppDB } from '../../../src/storage/db/app-db';
import { loadKb } from '../../../src/storage/db/kb-loader';
import { buildKb } from '../../../src/lib/kb/build';
import { createHandlers } from '../../../src/background/handlers';
import { registerHandlers } from '../../../src/background/router';
import { sendMessage } from '../../../src/platform/messaging';
import { type ResponseOf } from '../../../src/lib/protocol/background-calls';
import { uniqueDbName } from '../db/fixtures';
import { contentScript, extensionPage, sendAs, type Sender } from '../protocol/senders';
import { makeCardsKb, X } from './fixtures';

const kb = makeCardsKb();
let db: AppDB;
let unregister: () => void;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-cards'));
  await loadKb(db, kb);
  unregister = registerHandlers(createHandlers(db));
});

afterEach(async () => {
  unregister();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

async function cardsFor(entityIds: string[], sender: Sender = contentScript()): Promise<EntityCard[]> {
  sendAs(sender);
  const result = await sendMessage('cards/for-entities', { entityIds });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('cards/for-entities', () => {
  it('answers a content script with the cards, in the order asked, unknown ids and repeats skipped', async () => {
    const cards = await cardsFor(['zeta-city', 'no-such-entity', X, 'zeta-city']);
    expect(cards.map((c) => c.id)).toEqual(['zeta-city', X]);
  });

  it('gives the same cards as the pure builder over the whole KB', async () => {
    const ids = kb.entities.map((e) => e.id);
    const cards = await cardsFor(ids, extensionPage());
    expect(cards).toEqual(ids.map((id) => buildEntityCard(kb, id)));
  });

  it('carries ranking, diversity, corroboration, events order and related over the wire', async () => {
    const [card] = await cardsFor([X]);
    expect(card!.keyClaims.map((k) => [k.claimId, k.corroboratingSources])).toEqual([
      ['s1#0', 2],
      ['s3#0', 0],
      ['s4#0', 0],
      ['s2#1', 0],
    ]);
    expect(card!.events.map((e) => e.iso)).toEqual(['2025-10-15', '2025-10-15', '2025-11-01']);
    expect(card!.related.map((r) => r.id)).toEqual([
      'yolanda-example',
      'zeta-city',
      'victor-front',
      'sierra-town',
      'tango-person',
      'uniform-org',
    ]);
    expect(card!.totalClaims).toBe(9);
  });

  it('answers [] for no ids or only unknown ones', async () => {
    await expect(cardsFor([])).resolves.toEqual([]);
    await expect(cardsFor(['nobody', 'ghost'])).resolves.toEqual([]);
  });

  it('rejects payloads that are not a list of at most 500 entity ids', async () => {
    sendAs(contentScript());
    const bad: unknown[] = [
      {},
      { entityIds: 'xavier-example' },
      { entityIds: ['<img src=x onerror=alert(1)>'] },
      { entityIds: ['Xavier Example'] },
      { entityIds: [''] },
      { entityIds: [42] },
      { entityIds: [X], extra: true },
      { entityIds: Array.from({ length: 501 }, (_, i) => `e-${i}`) },
    ];
    for (const payload of bad) {
      await expect(sendMessage('cards/for-entities', payload as never)).resolves.toEqual({
        ok: false,
        error: expect.stringMatching(/^Invalid payload for "cards\/for-entities": /),
      });
    }
    const max = await sendMessage('cards/for-entities', { entityIds: Array.from({ length: 500 }, () => X) });
    expect(max).toMatchObject({ ok: true, value: [{ id: X }] });
  });

  it('rejects senders outside the extension (the fake browser’s empty sender included)', async () => {
    await expect(sendMessage('cards/for-entities', { entityIds: [X] })).resolves.toEqual({
      ok: false,
      error: 'Rejected: the sender is not part of this extension',
    });
  });

  it('reads the KB in one transaction over the tables it needs', async () => {
    const spy = vi.spyOn(db, 'transaction');
    await loadCards(db, [X, 'zeta-city']);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toBe('r');
  });

  it('is typed EntityCard[]', () => {
    expectTypeOf<ResponseOf<'cards/for-entities'>>().toEqualTypeOf<EntityCard[]>();
  });
});

describe('loadCards on the real KB', () => {
  // Builds the whole KB and every card twice: longer than the default 5 s on a busy machine.
  it('matches the pure builder for every entity', { timeout: 30_000 }, async () => {
    const { articles, catalog } = loadSeeds();
    const real = buildKb(articles, catalog).kb;
    const realDb = new AppDB(uniqueDbName('glossa-cards-real'));
    try {
      await loadKb(realDb, real);
      const ids = real.entities.map((e) => e.id);
      const cards = await loadCards(realDb, ids);
      expect(cards).toEqual(ids.map((id) => buildEntityCard(real, id)));
      const [one] = await loadCards(realDb, ['hmeimim-air-base']);
      expect(one).toEqual(buildEntityCard(real, 'hmeimim-air-base'));
    } finally {
      realDb.close();
      await realDb.delete();
    }
  });
});
