/**
 * `content/recognize` (src/background/recognize.ts): the background recognizes the text a
 * main chunk's walk read, sent in parts, and refuses what a walk cannot have made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../src/background/handlers';
import { OPEN_WALK_MS, PART_MISSING, recognizeWalkPart } from '../../../src/background/recognize';
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

const frame = (tab: number) => ({ tab: { id: tab }, frameId: 0, documentId: 'd' }) as unknown as MessageSender;

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
  part: 0,
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

  it('joins a walk sent in parts, per frame, and answers the last', () => {
    const parts = splitWire(walk(), PARAGRAPH.length);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.breaks)).toEqual([[], [16]]); // a boundary goes with the text after it
    const tab = frame(3);
    const other = frame(4);
    expect(recognizeWalkPart({ ...parts[0]!, walk: 'w1', part: 0, last: false, about: true }, tab)).toBeNull();
    expect(recognizeWalkPart({ ...parts[0]!, walk: 'w1', part: 0, last: false, about: true }, other)).toBeNull();
    const whole = recognizeWalkPart({ ...parts[1]!, walk: 'w1', part: 1, last: true, about: true }, tab)!;
    expect(names(whole, HEADLINE + PARAGRAPH)).toHaveLength(7);
    expect(recognizeWalkPart({ ...parts[1]!, walk: 'w1', part: 1, last: true, about: true }, other)?.ids).toContain(
      'moscow',
    );
  });

  it('fails a walk with a part missing, late, or replaced: never answers for a part of the text', () => {
    const [first, second] = splitWire(walk(), PARAGRAPH.length) as [WalkTextWire, WalkTextWire];
    const tab = frame(5);
    const send = (p: WalkTextWire, walkName: string, n: number, last: boolean, now = 0) =>
      recognizeWalkPart({ ...p, walk: walkName, part: n, last, about: true }, tab, now);
    // The first part never came (the background restarted meanwhile).
    expect(() => send(second, 'w2', 1, true)).toThrow(PART_MISSING);
    // Parts out of order.
    send(first, 'w3', 0, false);
    expect(() => send(second, 'w3', 2, true)).toThrow(PART_MISSING);
    // Nothing for longer than OPEN_WALK_MS.
    send(first, 'w4', 0, false, 0);
    expect(() => send(second, 'w4', 1, true, OPEN_WALK_MS + 1)).toThrow(PART_MISSING);
    // A new walk of the same frame replaces the one it had not finished.
    send(first, 'w5', 0, false);
    send(first, 'w6', 0, false);
    expect(() => send(second, 'w5', 1, true)).toThrow(PART_MISSING);
    expect(send(second, 'w6', 1, true)?.ids).toContain('moscow');
    // A walk in one part (a highlighted passage) meanwhile leaves the page's walk alone.
    send(first, 'w7', 0, false);
    expect(send(first, 'w8', 0, true)?.ids).toEqual(['ahmed-al-sharaa', 'moscow']);
    expect(send(second, 'w7', 1, true)?.ids).toContain('kremlin');
  });

  it('recognizes a walk of hundreds of thousands of texts (no argument-list limits)', () => {
    const w = new WalkText(true);
    for (let i = 0; i < 300_000; i++) w.addText(i % 1000 === 0 ? 'Damascus ' : 'a ', i * 9);
    w.length = 300_000 * 9;
    const parts = splitWire(w.data());
    let answer = null;
    parts.forEach((p, i) => {
      answer = recognizeWalkPart({ ...p, walk: 'big', part: i, last: i === parts.length - 1, about: true }, frame(6));
    });
    expect((answer as unknown as { at: number[] }).at.length / 3).toBe(300);
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
    // A text longer than a part is cut into pieces.
    const long = splitWire(
      { texts: ['x'.repeat(4_500)], starts: [7], breaks: [7], length: 4_507, english: true },
      2_000,
    );
    expect(long.map((p) => [p.starts, p.lengths, p.breaks])).toEqual([
      [[7], [2_000], [7]],
      [[2_007], [2_000], []],
      [[4_007], [500], []],
    ]);
    expect(parts.flatMap((p) => p.breaks)).toEqual(data.breaks);
    expect(parts.map((p) => p.joined).join('')).toBe(data.texts.join(''));
  });
});

describe('the matcher made before the first walk of a background’s lifetime', () => {
  const about = {
    headline: 'Syria’s al-Sharaa meets Putin at the Kremlin',
    lead: 'Talks on the Russian bases at Hmeimim and Tartus.',
    paragraphs: ['Syrian President Ahmed al-Sharaa met Vladimir Putin in Moscow; Damascus wants wheat.'],
  };
  const passing = { headline: 'Ten tips for a better garden', lead: 'Spring is coming.', paragraphs: ['Plant roses.'] };
  const sender = { tab: { id: 7 }, frameId: 0, documentId: 'doc-1', url: 'https://news.example/a' };

  /** A background just started: its modules evaluated afresh. */
  async function freshBackground() {
    vi.resetModules();
    const recognize = await import('../../../src/background/recognize');
    const { createHandlers: handlersOf } = await import('../../../src/background/handlers');
    const s = fakeBrowser.scripting as unknown as Record<string, unknown>;
    s['executeScript'] = vi.fn(async () => undefined);
    s['insertCSS'] = vi.fn(async () => undefined);
    return { recognize, handlers: handlersOf(db) };
  }
  const ctx = { caller: 'content-script' as const, sender: sender as unknown as MessageSender };

  /** The warm-up was asked for, ran in its own task and finished without a warning. */
  async function warmedUp(recognize: { warmUp(): Promise<void> | null }) {
    const warn = vi.spyOn(console, 'warn');
    const task = recognize.warmUp();
    expect(task).toBeInstanceOf(Promise);
    await task;
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  }

  it('is made where the gate finds a page about the domain, not on a page naming it in passing', async () => {
    const { recognize, handlers } = await freshBackground();
    expect(recognize.warmUp()).toBeNull();
    expect(await handlers['content/gate']({ gate: passing }, ctx)).toBe(false);
    expect(recognize.warmUp()).toBeNull();
    expect(await handlers['content/gate']({ gate: about }, ctx)).toBe(true);
    await warmedUp(recognize);
  });

  it('is made where the awake loader is woken for such a page, and where the main chunk is injected', async () => {
    let { recognize, handlers } = await freshBackground();
    await handlers['content/awake']({ url: sender.url, canonical: null, gate: passing }, ctx);
    expect(recognize.warmUp()).toBeNull();
    await handlers['content/awake']({ url: sender.url, canonical: null, gate: about }, ctx);
    await warmedUp(recognize);

    ({ recognize, handlers } = await freshBackground());
    await handlers['content/activate']({ chunk: 'ui' }, ctx);
    expect(recognize.warmUp()).toBeNull();
    await handlers['content/activate']({}, ctx);
    await warmedUp(recognize);
  });

  it('is asked for once per lifetime, and not after a walk made the matcher', async () => {
    const { recognize } = await freshBackground();
    const first = recognize.prewarmRecognition();
    expect(recognize.prewarmRecognition()).toBe(first);
    await first;
    const again = await freshBackground();
    again.recognize.recognizeWalkPart(one(walk()), frame(9));
    await expect(again.recognize.warmUp()).resolves.toBeUndefined();
  });

  it('warms up on a sentence that names several entities (verification and the rules run too)', async () => {
    const { WARM_UP_TEXT } = await import('../../../src/background/recognize');
    const w = new WalkText(true);
    w.addText(WARM_UP_TEXT, 0);
    w.length = WARM_UP_TEXT.length;
    sendAs(contentScript());
    const res = await sendMessage('content/recognize', one(w.data()));
    if (!res.ok || !res.value) throw new Error('no answer');
    expect(res.value.ids.length).toBeGreaterThanOrEqual(4);
  });
});
