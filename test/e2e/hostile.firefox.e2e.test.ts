/**
 * Hostile pages in real Firefox (MV2, puppeteer over WebDriver BiDi; issue #9): the same
 * attack pages as in Chromium (test/e2e/fixtures/hostile/), each attack installed in the
 * page's main world before Glossa runs, the same scenarios (support/hostile-scenarios.ts).
 * Where Firefox differs (no IntersectionObserver v2, the deepest tree it can hold), the
 * test says so.
 *
 * Run against another build with GLOSSA_E2E_FIREFOX_DIR.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_UUID, GECKO_ID, launchFirefox, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { isLegacyBuild, markTexts, uiBox, waitForKb, type HostileEnv, type HPage } from './support/hostile';
import {
  deepPage,
  expectNoLongStall,
  expectTimersRun,
  fadedToolbar,
  coveredEditor,
  FADES,
  coveredInPlace,
  pinnedText,
  fixedHeader,
  fingerprinting,
  focusThief,
  forgedInput,
  hugePage,
  keylogger,
  mutating,
  clobbering,
  namedGlobals,
  offAndNever,
  registry,
  SERVER_OPTIONS,
  squat,
  strictCsp,
  tampering,
  wxtMessages,
  type Stalls,
  type Theft,
} from './support/hostile-scenarios';
import { startHostileServer, type HostileServer } from './support/hostile-server';
import { puppeteerEvaluate } from './support/pages';
import { FIREFOX_EXTENSION_DIR } from './support/paths';
import { decodePng } from './support/png';
import { paintedMarks } from './support/painted-marks';

let h: FirefoxHarness;
let server: HostileServer;
let env: HostileEnv;

async function press(page: Page, combo: string): Promise<void> {
  const keys = combo.split('+');
  const key = keys.pop()!;
  for (const m of keys) await page.keyboard.down(m as never);
  await page.keyboard.press(key as never);
  for (const m of keys.reverse()) await page.keyboard.up(m as never);
}

function adapt(page: Page): HPage {
  return {
    evaluate: puppeteerEvaluate(page),
    url: () => page.url(),
    move: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    dblclick: (x, y) => page.mouse.click(x, y, { count: 2 }),
    wheel: (dy) => page.mouse.wheel({ deltaY: dy }),
    press: (combo) => press(page, combo),
    type: (text) => page.keyboard.type(text),
    // Puppeteer's clip is in the document's coordinates (Playwright's, in Chromium's
    // test, the viewport's): from a scrolled page it would take another part of the page.
    // Without capturing beyond the viewport it takes what the reader sees, and subtracts
    // the scroll it reads then: add the same one here.
    screenshot: async (b) => {
      const at = await page.evaluate(() => ({ x: visualViewport!.pageLeft, y: visualViewport!.pageTop }));
      const clip = { x: b.left + at.x, y: b.top + at.y, width: b.width, height: b.height };
      return decodePng(await page.screenshot({ clip, captureBeyondViewport: false }));
    },
    noteFieldFocused: async () => {
      // WebDriver BiDi reports the extension frame's URL as about:blank: look at every subframe.
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        if (await f.evaluate(() => document.activeElement?.localName === 'textarea').catch(() => false)) return true;
      }
      return false;
    },
    subframes: () => page.frames().length - 1,
    marks: async () => markTexts(await paintedMarks(page)),
    noteButton: async (label) => {
      // The frame's owner is in a closed root the page's world cannot reach: where the frame
      // is comes from Glossa's UI as the page's hit-testing finds it (the panel is the frame).
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        const b = await f
          .evaluate((name) => {
            const button = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
            const r = button?.getBoundingClientRect();
            return r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null;
          }, label)
          .catch(() => null);
        const ui = b ? await puppeteerEvaluate(page)(uiBox, null) : null;
        if (!b || !ui) continue;
        const left = ui.left + b.left;
        const top = ui.top + b.top;
        return { left, top, right: left + b.width, bottom: top + b.height, width: b.width, height: b.height };
      }
      return null;
    },
    close: () => page.close(),
  };
}

beforeAll(async () => {
  server = await startHostileServer(SERVER_OPTIONS);
  h = await launchFirefox();
  env = {
    name: 'Firefox',
    server,
    extensionId: GECKO_ID,
    extensionUuid: FIREFOX_EXTENSION_UUID,
    legacy: isLegacyBuild(FIREFOX_EXTENSION_DIR),
    open: async (url) => {
      const page = await h.browser.newPage();
      await page.bringToFront();
      await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
      return adapt(page);
    },
    inExtension: (fn, arg) => h.evaluateInExtension(fn, arg),
  };
  // The helper extension page opens first, so that every test page is in front of it.
  await waitForKb(env);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Firefox', () => h);

describe('Firefox: hostile pages', () => {
  // Guards against a page acting as the reader: made-up mouseup over a script-made
  // selection (toolbar), clicks on a highlight (note editor), pointer moves over names
  // (cards), Alt+Shift+H (save) and Alt+Shift+. / , (keyboard path).
  it('1. forged input opens nothing and saves nothing', () => forgedInput(env));

  // Guards against a page reading the note as it is typed (keyboard, input, composition
  // events and the selection, logged on window and document in the capture phase), or
  // reaching the editor's frame through window.frames.
  it('2. a page logging keys, input and the selection sees none of a typed note', () => keylogger(env));

  // Guards against a page taking the keyboard from the note editor: it moves the focus to
  // a hidden field of its own a moment after the editor took it, and the reader types on.
  // The editor takes the keyboard back, so the page's field gets none of the note.
  let theft: Theft | null = null;
  it('2b. a page taking the focus from the note editor gets none of the note', async () => {
    theft = await focusThief(env);
    expect(theft).toMatchObject({ stolen: '', backWithGlossa: true });
  });
  // The browser clears the frame's focused field when the page takes the focus, and the
  // content script cannot reach into the frame: the note page puts the keyboard back in
  // its note field when its window gets the focus back (src/components/notes/NoteEditor.tsx),
  // so what the reader types on lands in the note.
  it('2b′. … and what the reader types on lands in the note', async () => {
    theft ??= await focusThief(env);
    expect(theft.saved).toBe(true);
  });

  // Guards against squatting Glossa's element: `glossa-ui` defined before (or after) Glossa
  // runs, attachShadow / attachInternals patched in the main world.
  it('3a. a glossa-ui custom element defined before Glossa gets none of its roots', () => squat(env, false));
  it('3b. … nor one defined once Glossa’s UI is on the page', () => squat(env, true));

  // Guards against WXT's page-visible start-up protocol switching Glossa off, and against
  // Glossa posting any message to the page.
  it('4. forged WXT messages change nothing, and the page receives no message from Glossa', () => wxtMessages(env));

  // Guards against a page clearing CSS.highlights every 5 ms or squatting a mark's name,
  // and against the reader's highlights being readable from the registry or measurable
  // through Glossa's host.
  it('5. a page clearing and squatting CSS.highlights: marks come back, highlights stay unreadable', () =>
    registry(env));

  // Guards against prototype tampering before Glossa loads (Xray wrappers keep the
  // content script's view of the DOM clean).
  it('6. prototype tampering: Glossa still marks, opens a card and saves a highlight', () => tampering(env));

  // Guards against pages that stall or crash Glossa by size. Firefox has no long-task
  // entries: the page watches its animation frames (no 200 ms without one, or one page
  // restyle on a busy machine: stallLimit).
  let huge: Stalls | null = null;
  it('7a. a 100,000-node page: marked, a card opens, no 200 ms (or one page restyle) without a frame', async () => {
    huge = await hugePage(env);
    expectNoLongStall(huge);
  });
  // Glossa's slices yield with a real task (a message-channel round trip,
  // src/lib/dom/slices.ts), queued behind the page's own: the page's timers, message and
  // network callbacks keep running while Glossa scans a huge page. (scheduler.yield()
  // continuations were queued ahead of them, and the page's code stalled for the whole scan.)
  it('7a′. … and the page’s own timers keep running while Glossa works', async () => {
    huge ??= await hugePage(env);
    expectTimersRun(huge);
  });
  // Firefox's content process itself crashes when a 50,000-deep tree is put in a document
  // (seen, extension or not): 20,000 is the deepest it holds here. Glossa's walks are loops
  // (see Chromium), so the names at the bottom are marked.
  it('7b. a 20,000-deep DOM with names at the bottom: marked, no long stall', async () =>
    expectNoLongStall(await deepPage(env, 20_000)));

  // Guards against a page changing its DOM every 5 ms: marks stay, rescans debounced,
  // the page's own timer keeps its pace.
  it('8. a page mutating every 5 ms: marks stay, rescans debounced, the page responsive', () => mutating(env));

  // Guards against DOM clobbering: the article in a <form> whose controls are named
  // parentElement, nodeType, id… (they shadow the form's properties in our world too).
  it('8b. the article in a form whose controls clobber DOM properties: marked, styled, a card', () => clobbering(env));
  it('8c. elements with the ids of Glossa’s globals: marked, a card, a highlight saved', () => namedGlobals(env));

  // Guards against a strict Content-Security-Policy (header and <meta>) disabling Glossa's
  // styles or blocking the note editor's moz-extension:// frame.
  it('9a. strict CSP by header: marks and card styled, the note editor’s frame saves', () => strictCsp(env, 'header'));
  it('9b. strict CSP by <meta>: marks and card styled, the note editor’s frame saves', () => strictCsp(env, 'meta'));

  // Guards against clickjacking the toolbar by fading Glossa's host or the page, or by a
  // lure shown before it: the toolbar is raised into the top layer when shown, out of their
  // reach. A merely tinted page (grayscale, a dark theme's inversion) keeps its clicks.
  it('10. a faded or filtered toolbar: a lured real click saves nothing', () => fadedToolbar(env, FADES));
  // Known limitation (README, "Security"): Firefox has no IntersectionObserver v2, so
  // nothing tells Glossa that the page drew something over the toolbar. A lure in the top
  // layer that lets clicks through, raised again and again above the toolbar, hides it,
  // and a click on it saves. No cheap
  // stand-in: elementFromPoint sees through a lure with pointer-events: none, and
  // Glossa's own panels are in a closed root the page paints over freely. Expected to
  // fail until Firefox ships isVisible / trackVisibility.
  it.fails(
    '10′. a lure drawn over the toolbar: a click through it saves nothing (FAILS: no IntersectionObserver v2)',
    () => fadedToolbar(env, ['cover-raise']),
  );

  // The same limit over the note editor's frame (README, Known limits): in Chromium the
  // frame takes the pointer only while IntersectionObserver v2 sees it uncovered.
  // Expected to fail (at its first check: the click through the lure deletes), as 10′.
  it.fails(
    '10v′. a lure drawn over the note editor: a click through it on Delete deletes nothing (FAILS: no IntersectionObserver v2)',
    () => coveredEditor(env),
  );

  // Guards against the reader's highlights painting over a page's own fixed header.
  it('10″. a fixed header over a highlight: not painted over the header, painted again below it', () =>
    fixedHeader(env));

  // Guards against the reader's highlights painting over what the page draws over them
  // without a scroll: a dialog it adds, a menu a CSS :hover opens under the pointer. (Not
  // printed: checked in Chromium; WebDriver BiDi cannot emulate print media.)
  it('10‴. a dialog, a hover menu over a highlight: not painted over them, painted again after', () =>
    coveredInPlace(env));

  // Guards against a highlight vanishing from text that stays on screen as the page
  // scrolls (a fixed or sticky box): its boxes follow the text.
  it('10⁗. a highlight in text fixed on screen: still painted over it as the page scrolls', () => pinnedText(env));

  // Guards against Glossa touching a page when switched off, or on a site set to "never".
  it('11. off, and on a site set to “never”: the page is left exactly as parsed', () => offAndNever(env));

  // Guards against fingerprinting on an unrelated page (children of <html>, CSS.highlights,
  // ::highlight() probes, Glossa's note page by address). The moz-extension:// UUID is
  // random per install, so a page cannot name the note page at all.
  it('12. fingerprinting an unrelated page reveals nothing of Glossa', async () => {
    const probe = await fingerprinting(env);
    expect(probe.fetches['mozRandom']).toMatch(/^error/);
  });
});
