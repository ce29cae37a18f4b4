/**
 * `content/recognize` (src/background/recognize.ts): the background recognizes the text a
 * main chunk's walk read, sent in parts, and refuses what a walk cannot have made.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../src/background/handlers';
import { OPEN_WALK_MS, recognizeWalkPart } from '../../../src/background/recognize';
import { registerHandlers } from '../../../src/background/router';
import { AppDB } from '../../../src/storage/db/app-db';
import { splitWire, WalkText, type WalkTextData, type WalkTextWire } from '../../../src/lib/match/walk-text';
import type { MessageSender } from '../../../src/lib/protocol/sender';
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

const HEADLINE = 'Sharaa in Moscow';
const PARAGRAPH =
  'President Ahmed al-Sharaa met Vladimir Putin at the Kremlin; Washington and Congress were not there.';

/** A walk of two blocks: a headline and a paragraph. */
function walk(): WalkTextData {
  const w = new WalkText(true);
  w.addText(HEADLINE, 0);
  w.addBreak(16);
  w.addText(PARAGRAPH, 16);
  w.length = 16 + PARAGRAPH.length;
  return w.data();
}

const one = (data: WalkTextData, about = true, name = 'a1') => ({
  ...splitWire(data)[0]!,
  walk: name,
  last: true,
  about,
});

function names(r: { ids: string[]; kinds: string[]; at: number[] }, text: string) {
  const out: [string, string, string][] = [];
  for (let i = 0; i < r.at.length; i += 3)
    out.push([r.ids[r.at[i]!]!, r.kinds[r.at[i]!]!, text.slice(r.at[i + 1], r.at[i + 2])]);
  return out;
}

describe('content/recognize', () => {
  it('answers the names with their kinds, as (entity, start, end) triples in page order', async () => {
    sendAs(contentScript());
    const res = await sendMessage('content/recognize', one(walk()));
    if (!res.ok || !res.value) throw new Error(String(!res.ok && res.error));
    expect(names(res.value, HEADLINE + PARAGRAPH)).toEqual([
      ['ahmed-al-sharaa', 'person', 'Sharaa'],
      ['moscow', 'place', 'Moscow'],
      ['ahmed-al-sharaa', 'person', 'Ahmed al-Sharaa'],
      ['vladimir-putin', 'person', 'Vladimir Putin'],
      ['kremlin', 'organization', 'Kremlin'],
      ['united-states', 'state', 'Washington'],
      ['us-congress', 'organization', 'Congress'],
    ]);
    expect(res.value.ids).toHaveLength(6); // each entity once
  });

  it('keeps weak names off a page the gate did not find about the domain', async () => {
    sendAs(contentScript());
    const res = await sendMessage('content/recognize', one(walk(), false));
    if (!res.ok || !res.value) throw new Error('no answer');
    expect(res.value.ids).toEqual(['ahmed-al-sharaa', 'moscow', 'vladimir-putin', 'kremlin']);
  });

  it('joins a walk sent in parts, per frame and walk, and answers the last', async () => {
    const text = walk();
    const parts = splitWire(text, 10);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.breaks)).toEqual([[], [16]]); // a boundary goes with the text after it
    const tab = { tab: { id: 3 }, frameId: 0, documentId: 'd' } as unknown as MessageSender;
    const other = { tab: { id: 4 }, frameId: 0, documentId: 'd' } as unknown as MessageSender;
    expect(recognizeWalkPart({ ...parts[0]!, walk: 'w1', last: false, about: true }, tab)).toBeNull();
    // Another tab's walk of the same name is another walk.
    expect(recognizeWalkPart({ ...parts[1]!, walk: 'w1', last: true, about: true }, other)?.ids).toEqual([
      'ahmed-al-sharaa',
      'vladimir-putin',
      'kremlin',
      'united-states',
      'us-congress',
    ]);
    const whole = recognizeWalkPart({ ...parts[1]!, walk: 'w1', last: true, about: true }, tab)!;
    expect(names(whole, HEADLINE + PARAGRAPH)).toHaveLength(7);
  });

  it('drops a walk whose last part does not come', () => {
    const [first, second] = splitWire(walk(), 10) as [WalkTextWire, WalkTextWire];
    const tab = { tab: { id: 5 }, frameId: 0 } as unknown as MessageSender;
    recognizeWalkPart({ ...first, walk: 'w2', last: false, about: true }, tab, 0);
    // Later than OPEN_WALK_MS the first part is gone: the headline's names are not in the answer.
    const late = recognizeWalkPart({ ...second, walk: 'w2', last: true, about: true }, tab, OPEN_WALK_MS + 1);
    expect(late?.ids).not.toContain('moscow');
    recognizeWalkPart({ ...first, walk: 'w3', last: false, about: true }, tab, 0);
    expect(recognizeWalkPart({ ...second, walk: 'w3', last: true, about: true }, tab, 10)?.ids).toContain('moscow');
  });

  it('refuses what a walk cannot have made, and extension pages', async () => {
    sendAs(contentScript());
    const w = one(walk());
    const bad: [string, unknown][] = [
      ['fewer offsets', { ...w, starts: [0] }],
      ['offsets going back', { ...w, starts: [16, 0] }],
      ['a text over the next', { ...w, starts: [0, 3] }],
      ['past the length', { ...w, length: 20 }],
      ['boundaries going back', { ...w, breaks: [16, 2] }],
      ['lengths not adding up', { ...w, lengths: [16, 5] }],
      ['not a number', { ...w, starts: [0, '16'] }],
      ['a walk name with markup', { ...w, walk: '<b>' }],
      ['an extra field', { ...w, html: '<b>' }],
    ];
    for (const [why, payload] of bad) {
      const res = await sendMessage('content/recognize', payload as typeof w);
      expect(res.ok, why).toBe(false);
    }
    sendAs(extensionPage());
    expect((await sendMessage('content/recognize', w)).ok).toBe(false);
  });

  it('splits a huge walk into parts of whole texts that join back into it', () => {
    const w = new WalkText(true);
    let at = 0;
    for (let i = 0; i < 50; i++) {
      w.addBreak(at);
      const t = `Paragraph ${i} about Damascus. `.repeat(20);
      w.addText(t, at);
      at += t.length + 3; // text passed over between them
    }
    w.length = at;
    const data = w.data();
    const parts = splitWire(data, 2_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(Math.max(...parts.map((p) => p.joined.length))).toBeLessThanOrEqual(2_000);
    expect(parts.flatMap((p) => p.breaks)).toEqual(data.breaks);
    expect(parts.map((p) => p.joined).join('')).toBe(data.texts.join(''));
  });
});
