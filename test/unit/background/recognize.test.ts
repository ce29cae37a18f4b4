/**
 * `content/recognize` (src/background/recognize.ts): the background recognizes the text a
 * main chunk's walk read, and refuses what a walk cannot have made.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../src/background/handlers';
import { registerHandlers } from '../../../src/background/router';
import { AppDB } from '../../../src/storage/db/app-db';
import { cutWalkText, MAX_WALK_CHARS, WalkText, type WalkTextData } from '../../../src/lib/match/walk-text';
import { sendMessage } from '../../../src/platform/messaging';
import { contentScript, extensionPage, sendAs } from '../support/senders';
import { uniqueDbName } from '../support/db-fixtures';

let db: AppDB;
let unregister: () => void;
beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-recognize'));
  unregister = registerHandlers(createHandlers(db));
});
afterEach(async () => {
  unregister();
  db.close();
  await db.delete();
});

const PARAGRAPH =
  'President Ahmed al-Sharaa met Vladimir Putin at the Kremlin; Washington and Congress were not there.';

/** A walk of two blocks: a headline and a paragraph. */
function walk(): WalkTextData {
  const w = new WalkText(true);
  w.addText('Sharaa in Moscow', 0);
  w.addBreak(16);
  w.addText(PARAGRAPH, 16);
  w.length = 16 + PARAGRAPH.length;
  return w.data();
}

describe('content/recognize', () => {
  it('answers the names with their kinds, as (entity, start, end) triples in page order', async () => {
    sendAs(contentScript());
    const res = await sendMessage('content/recognize', { ...walk(), about: true });
    if (!res.ok) throw new Error(res.error);
    const { ids, kinds, at } = res.value;
    const text = 'Sharaa in Moscow' + PARAGRAPH;
    const found = [];
    for (let i = 0; i < at.length; i += 3) found.push([ids[at[i]!], kinds[at[i]!], text.slice(at[i + 1], at[i + 2])]);
    expect(found).toEqual([
      ['ahmed-al-sharaa', 'person', 'Sharaa'],
      ['moscow', 'place', 'Moscow'],
      ['ahmed-al-sharaa', 'person', 'Ahmed al-Sharaa'],
      ['vladimir-putin', 'person', 'Vladimir Putin'],
      ['kremlin', 'organization', 'Kremlin'],
      ['united-states', 'state', 'Washington'],
      ['us-congress', 'organization', 'Congress'],
    ]);
    expect(ids).toHaveLength(6); // each entity once
  });

  it('keeps weak names off a page the gate did not find about the domain', async () => {
    sendAs(contentScript());
    const res = await sendMessage('content/recognize', { ...walk(), about: false });
    if (!res.ok) throw new Error(res.error);
    expect(res.value.ids).toEqual(['ahmed-al-sharaa', 'moscow', 'vladimir-putin', 'kremlin']);
  });

  it('refuses what a walk cannot have made, and extension pages', async () => {
    sendAs(contentScript());
    const w = walk();
    const bad: [string, unknown][] = [
      ['fewer offsets', { ...w, starts: [0] }],
      ['offsets going back', { ...w, starts: [16, 0] }],
      ['a text over the next', { ...w, starts: [0, 3] }],
      ['past the length', { ...w, length: 20 }],
      ['boundaries going back', { ...w, breaks: [16, 2] }],
      ['not a number', { ...w, starts: [0, '16'] }],
      ['an extra field', { ...w, html: '<b>' }],
    ];
    for (const [why, payload] of bad) {
      const res = await sendMessage('content/recognize', { ...(payload as WalkTextData), about: true });
      expect(res.ok, why).toBe(false);
    }
    sendAs(extensionPage());
    expect((await sendMessage('content/recognize', { ...w, about: true })).ok).toBe(false);
  });

  it('has the main chunk send at most MAX_WALK_CHARS: the first texts, whole', () => {
    const half = 'a'.repeat(MAX_WALK_CHARS / 2);
    const big: WalkTextData = {
      texts: [half, half, 'Damascus'],
      starts: [0, half.length, 2 * half.length + 1],
      breaks: [half.length, 2 * half.length + 1],
      length: 2 * half.length + 9,
      english: true,
    };
    const cut = cutWalkText(big);
    expect(cut.texts).toHaveLength(2);
    expect(cut.length).toBe(2 * half.length + 1);
    expect(cut.breaks).toEqual([half.length, 2 * half.length + 1]);
    expect(cutWalkText(walk())).toEqual(walk());
  });
});
