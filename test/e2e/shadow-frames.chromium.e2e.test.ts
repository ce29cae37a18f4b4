/**
 * Every place text lives, in real Chromium with the built extension: names in an open
 * shadow root and in same-origin iframes (srcdoc and a page of the same origin) are marked
 * and styled in their own trees, open a card on hover (shown in the top page, beside the
 * name) and are reached by the keyboard; names in a closed shadow root, in a cross-origin
 * iframe and in a shadow root inside the menu are not.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import type { HeaderFixtureServer } from './support/header-server';
import { dumpLogsOnFailure } from './support/hooks';
import { axDialogs, BLANK, chromiumAxTree, hover, intersects, startRecognitionServer } from './support/recognition';
import {
  pageTreeMarks,
  expectNavigatedFrameMarked,
  SHADOW_FRAMES,
  SHADOW_FRAMES_MARKS,
  KEYBOARD_BACKWARDS,
  summarize,
  treeWordRect,
  type TreeMark,
} from './support/shadow-frames';
import { poll, sleep } from './support/util';

let h: ChromiumHarness;
let server: HeaderFixtureServer;

beforeAll(async () => {
  server = await startRecognitionServer();
  h = await launchChromium();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

async function open(): Promise<Page> {
  const page = await h.openPage(server.url(SHADOW_FRAMES));
  await poll(
    async () => {
      const marks = summarize(await pageTreeMarks(page));
      return JSON.stringify(marks) === JSON.stringify(SHADOW_FRAMES_MARKS)
        ? { done: true, value: undefined }
        : { done: false, detail: marks };
    },
    { timeout: 10_000, interval: 50, message: `the marks ${JSON.stringify(SHADOW_FRAMES_MARKS)}` },
  );
  // The pointer and key listeners start a task or two after the marks are painted.
  await sleep(300);
  return page;
}

async function waitForDialog(page: Page, name: string) {
  return poll(
    async () => {
      const ds = axDialogs(await chromiumAxTree(h.context, page));
      return ds.length === 1 && ds[0]!.name === name
        ? { done: true, value: ds[0]! }
        : { done: false, detail: ds.map((d) => d.name) };
    },
    { timeout: 5_000, interval: 50, message: `one dialog named "${name}"` },
  );
}

describe('Chromium: shadow roots and frames', () => {
  it('marks names in open shadow roots and same-origin frames, styled in their trees; not closed roots, other origins or the menu', async () => {
    const page = await open();
    const marks = await pageTreeMarks(page);
    const all: TreeMark[] = Object.values(marks).flat();
    for (const m of all) expect(m.background, `${m.text}@${m.tree} is styled`).not.toBe('rgba(0, 0, 0, 0)');
    // The cross-origin frame: Glossa has no way in, its registry stays empty.
    const cross = page.frames().find((f) => f.url().includes('localhost'));
    expect(cross, 'the cross-origin frame loaded').toBeTruthy();
    expect(await cross!.evaluate(() => [...(CSS as any).highlights.keys()])).toEqual([]);
    await page.close();
  });

  it('a same-origin frame that navigates after the marks: its new document is read and marked', async () => {
    // Its old document is gone (in Firefox, a "dead object": src/lib/dom/gone.ts); the
    // frame's load makes the top page's scan read the new one.
    const page = await open();
    await expectNavigatedFrameMarked(page);
    await page.close();
  });

  it('opens the card over a name in an open shadow root and in a same-origin frame, in the top page beside the name', async () => {
    const page = await open();
    for (const [where, text, card] of [
      ['shadow:open-host', 'Ahmed al-Sharaa', 'Ahmed al-Sharaa'],
      ['frame:same', 'Tartous', 'Tartus (port and Russian naval base)'],
      ['frame:file', 'Hmeimim Air Base', 'Hmeimim Air Base'],
    ] as const) {
      await page.mouse.move(BLANK.x, BLANK.y);
      await poll(
        async () =>
          (await axDialogs(await chromiumAxTree(h.context, page))).length === 0
            ? { done: true, value: 0 }
            : { done: false },
        { timeout: 5_000, interval: 50, message: 'no card' },
      );
      const name = await page.evaluate(treeWordRect, { where, text });
      expect(name, `${text} in ${where}`).toBeTruthy();
      const { card: box } = await hover(page, name!);
      await waitForDialog(page, card);
      expect(intersects(box, name!), `the card does not cover ${text}`).toBe(false);
      expect(Math.abs(box.top - name!.bottom) < 40 || Math.abs(name!.top - box.bottom) < 40, 'beside the name').toBe(
        true,
      );
    }
    await page.close();
  });

  it('Alt+Shift+, / . reach the names in frames and in the shadow root', async () => {
    const page = await open();
    await page.focus('#headline').catch(() => undefined);
    const focusMark = async () =>
      ((await pageTreeMarks(page, true))['glossa-focus'] ?? [])
        .filter((m) => m.text !== '')
        .map((m) => `${m.text}@${m.tree}`);
    const seen: string[] = [];
    for (let k = 0; k < 5; k++) {
      await page.keyboard.press('Alt+Shift+Comma');
      const before = seen[seen.length - 1];
      const now = await poll(
        async () => {
          const f = await focusMark();
          return f.length === 1 && f[0] !== before ? { done: true, value: f[0]! } : { done: false, detail: f };
        },
        { timeout: 3_000, interval: 30, message: 'the focus highlight to move' },
      );
      seen.push(now);
    }
    expect(seen).toEqual(KEYBOARD_BACKWARDS);
    await page.close();
  });
});
