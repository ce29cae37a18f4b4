/**
 * What the background injects where a loader asks (src/background/activate.ts): the awake
 * loader into the quiet loader's own document, with no style; the main chunk with the
 * marks' styles under the page's random prefix.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { activateContent, awakeContent } from '../../../src/background/activate';
import type { MessageSender } from '../../../src/lib/protocol/sender';

let executed: unknown[];
let inserted: unknown[];
beforeEach(() => {
  fakeBrowser.reset();
  executed = [];
  inserted = [];
  const s = fakeBrowser.scripting as unknown as Record<string, unknown>;
  s['executeScript'] = vi.fn(async (o: unknown) => void executed.push(o));
  s['insertCSS'] = vi.fn(async (o: unknown) => void inserted.push(o));
});
afterEach(() => vi.restoreAllMocks());

const sender = { tab: { id: 7 }, frameId: 0, documentId: 'doc-1' } as unknown as MessageSender;

describe('injection where a loader asks', () => {
  it('content/awake: loader-awake.js into the asking document, no style', async () => {
    await awakeContent(sender);
    expect(executed).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['loader-awake.js'] }]);
    expect(inserted).toEqual([]);
  });

  it('content/activate: the marks’ styles, then content-main.js', async () => {
    await activateContent('gabcdefgh', sender);
    expect(inserted).toHaveLength(1);
    expect(executed).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['content-main.js'] }]);
  });

  it('no tab: refused', async () => {
    await expect(awakeContent({} as MessageSender)).rejects.toThrow('no tab');
  });
});
