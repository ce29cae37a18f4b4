/**
 * What the background injects where a loader asks (src/background/activate.ts): the awake
 * loader into the quiet loader's own document, the main chunk, with no style; the marks'
 * styles under the page's random prefix once the main chunk shows marks, on the element
 * holding them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { activateContent, awakeContent, gateVerdict } from '../../../src/background/activate';
import { buildPageIndex, PAGE_INDEX_KEY } from '../../../src/lib/highlights/page-index';
import type { MessageSender } from '../../../src/lib/protocol/sender';
import { SETTINGS_KEY } from '../../../src/lib/settings';

let executed: unknown[];
let inserted: unknown[];
let removed: unknown[];
beforeEach(() => {
  fakeBrowser.reset();
  executed = [];
  inserted = [];
  removed = [];
  const s = fakeBrowser.scripting as unknown as Record<string, unknown>;
  s['executeScript'] = vi.fn(async (o: unknown) => void executed.push(o));
  s['insertCSS'] = vi.fn(async (o: unknown) => void inserted.push(o));
  s['removeCSS'] = vi.fn(async (o: unknown) => void removed.push(o));
});
afterEach(() => vi.restoreAllMocks());

const sender = { tab: { id: 7 }, frameId: 0, documentId: 'doc-1' } as unknown as MessageSender;

const PAGE = 'https://news.example/a';
const pageSender = { ...sender, url: PAGE } as MessageSender;
const passing = {
  headline: 'Ten tips for a better garden',
  lead: 'Spring is coming.',
  paragraphs: ['Plant roses early; a gardener in Damascus swears by it, and so do we.'],
};
const about = {
  headline: 'Syria’s al-Sharaa meets Putin at the Kremlin',
  lead: 'Talks on the Russian bases at Hmeimim and Tartus.',
  paragraphs: ['Syrian President Ahmed al-Sharaa met Vladimir Putin in Moscow; Damascus wants wheat.'],
};
const ask = (gate: typeof passing) => ({ url: PAGE, canonical: null, gate });

describe('injection where a loader asks', () => {
  it('content/gate: the gate’s verdict on the awake loader’s input, and nothing injected', () => {
    expect(gateVerdict(about)).toBe(true);
    expect(gateVerdict(passing)).toBe(false);
    expect(executed).toEqual([]);
  });

  it('content/awake without the gate’s input (the reader asked): loader-awake.js into the asking document, no style', async () => {
    expect(await awakeContent(null, sender)).toEqual({ awake: true, about: null });
    expect(executed).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['loader-awake.js'] }]);
    expect(inserted).toEqual([]);
  });

  it('content/awake with the gate’s input: decides here; a name in passing injects nothing, a page about the domain the awake loader', async () => {
    await fakeBrowser.storage.local.set({ [PAGE_INDEX_KEY]: buildPageIndex([], 1) });
    expect(await awakeContent(ask(passing), pageSender)).toEqual({ awake: false, about: false });
    expect(executed).toEqual([]);
    expect(await awakeContent(ask(about), pageSender)).toEqual({ awake: true, about: true });
    expect(executed).toHaveLength(1);
  });

  it('content/awake with the gate’s input wakes where the page needs it otherwise: its highlights, no index yet, Glossa off', async () => {
    expect(await awakeContent(ask(passing), pageSender)).toEqual({ awake: true, about: false }); // no index
    await fakeBrowser.storage.local.set({ [PAGE_INDEX_KEY]: buildPageIndex([PAGE], 2) });
    expect(await awakeContent(ask(passing), pageSender)).toEqual({ awake: true, about: false });
    await fakeBrowser.storage.local.set({
      [PAGE_INDEX_KEY]: buildPageIndex([], 3),
      [SETTINGS_KEY]: { enabled: false },
    });
    expect(await awakeContent(ask(passing), pageSender)).toEqual({ awake: true, about: null });
    expect(executed).toHaveLength(3);
  });

  it('content/activate: content-main.js, and no style before there are marks', async () => {
    await activateContent(sender);
    expect(inserted).toEqual([]);
    expect(executed).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['content-main.js'] }]);
  });

  it('content/activate with chunk kit: loader.js, for an awake loader in a document where it never ran', async () => {
    await activateContent(sender, 'kit');
    expect(executed).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['loader.js'] }]);
  });

  it('no tab: refused', async () => {
    await expect(awakeContent(null, {} as MessageSender)).rejects.toThrow('no tab');
    await expect(awakeContent(ask(passing), { url: PAGE } as MessageSender)).rejects.toThrow('no tab');
  });
});
