/**
 * Hostile pages in real Chromium (issue #9): pages whose scripts attack Glossa from the
 * page's main world, each attack installed before Glossa runs (an inline script of the
 * fixture, test/e2e/fixtures/hostile/). The scenarios are shared with Firefox
 * (support/hostile-scenarios.ts); each test says what it guards against.
 *
 * Run against another build with GLOSSA_E2E_CHROME_DIR (the helpers tolerate the build
 * before the content runtime was rebuilt, eb506f1, so that this suite can be seen to fail there).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { dumpLogsOnFailure } from './support/hooks';
import { isLegacyBuild, markTexts, waitForKb, type HostileEnv, type HPage } from './support/hostile';
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
import { playwrightEvaluate } from './support/pages';
import { CHROME_EXTENSION_DIR } from './support/paths';
import { decodePng } from './support/png';
import { paintedMarks } from './support/painted-marks';

let h: ChromiumHarness;
let server: HostileServer;
let env: HostileEnv;

function adapt(page: Page): HPage {
  return {
    evaluate: playwrightEvaluate(page),
    url: () => page.url(),
    move: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    dblclick: (x, y) => page.mouse.dblclick(x, y),
    wheel: (dy) => page.mouse.wheel(0, dy),
    press: (combo) => page.keyboard.press(combo),
    type: (text) => page.keyboard.type(text),
    screenshot: async (b) =>
      decodePng(await page.screenshot({ clip: { x: b.left, y: b.top, width: b.width, height: b.height } })),
    noteFieldFocused: async () => {
      const frame = page.frames().find((f) => f.url().includes('/note.html'));
      return frame ? frame.evaluate(() => document.activeElement?.localName === 'textarea').catch(() => false) : false;
    },
    subframes: () => page.frames().length - 1,
    marks: async () => markTexts(await paintedMarks(page)),
    noteButton: async (label) => {
      const frame = page.frames().find((f) => f.url().includes('/note.html'));
      const owner = await frame?.frameElement();
      const at = await owner?.boundingBox();
      const b = await frame?.evaluate((name) => {
        const button = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
        const r = button?.getBoundingClientRect();
        return r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null;
      }, label);
      if (!at || !b) return null;
      const left = at.x + b.left;
      const top = at.y + b.top;
      return { left, top, right: left + b.width, bottom: top + b.height, width: b.width, height: b.height };
    },
    media: (media) => page.emulateMedia({ media }),
    close: () => page.close(),
  };
}

beforeAll(async () => {
  server = await startHostileServer(SERVER_OPTIONS);
  h = await launchChromium();
  env = {
    name: 'Chromium',
    server,
    extensionId: h.extensionId,
    legacy: isLegacyBuild(CHROME_EXTENSION_DIR),
    open: async (url) => {
      const page = await h.context.newPage();
      await page.bringToFront();
      await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
      return adapt(page);
    },
    inExtension: (fn, arg) => h.evaluateInWorker(fn, arg),
  };
  await waitForKb(env);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

describe('Chromium: hostile pages', () => {
  // Guards against a page acting as the reader: made-up mouseup over a script-made
  // selection (toolbar), clicks on a highlight (note editor), pointer moves over names
  // (cards), Alt+Shift+H (save) and Alt+Shift+. / , (keyboard path). None may open
  // anything or write anything.
  it('1. forged input opens nothing and saves nothing', () => forgedInput(env));

  // Guards against a page reading the note as it is typed: keyboard, input and
  // composition events and the selection, logged on window and document in the capture
  // phase. The note is typed into Glossa's own extension page, so the page sees none of
  // it; nor can it reach that page's frame (window.frames) to navigate it or post to it.
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

  // Guards against squatting Glossa's element: a `glossa-ui` custom element defined before
  // Glossa runs (its ElementInternals reach a "closed" shadow root), and attachShadow /
  // attachInternals patched in the main world. Glossa's host is a plain <div> made in its
  // own world: the page gets no root, and marks, card, toolbar and editor work.
  it('3a. a glossa-ui custom element defined before Glossa gets none of its roots', () => squat(env, false));
  it('3b. … nor one defined once Glossa’s UI is on the page', () => squat(env, true));

  // Guards against switching Glossa off with WXT's page-visible start-up protocol (a
  // forged "content script started" event, `wxt:locationchange`), and against Glossa
  // announcing itself to the page by postMessage (on an article and an unrelated page).
  it('4. forged WXT messages change nothing, and the page receives no message from Glossa', () => wxtMessages(env));

  // Guards against a page that clears and refills CSS.highlights (every 5 ms, and with a
  // Highlight of its own under one of Glossa's names): marks come back after a scroll,
  // the reader's highlight is never in the registry, nor measurable through Glossa's host
  // (its size, its scroll size), and a fake mark opens no card.
  it('5. a page clearing and squatting CSS.highlights: marks come back, highlights stay unreadable', () =>
    registry(env));

  // Guards against prototype tampering before Glossa loads (geometry, getSelection,
  // addEventListener, appendChild, JSON.parse, Array.prototype.push, Object.prototype):
  // Glossa's code runs in its own world and never calls the page's built-ins.
  it('6. prototype tampering: Glossa still marks, opens a card and saves a highlight', () => tampering(env));

  // Guards against pages that stall or crash Glossa by size: 100,000 nodes, and a DOM
  // 50,000 elements deep with names at the bottom (the scan's walk must not recurse).
  // After the page's own work: no long task over 200 ms, no 200 ms without a frame — or, on
  // a machine so busy that the page's own first frame took longer, 1.25 × that frame: the
  // marks' new style sheet costs the browser one restyle of the whole page (stallLimit).
  let huge: Stalls | null = null;
  it('7a. a 100,000-node page: marked, a card opens, no long task over 200 ms (or one page restyle)', async () => {
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
  // The walk (VisibleTextWalker, src/lib/dom/text-walk.ts) and the search for the text being
  // read (src/lib/dom/main-text.ts) go up and down the tree in loops, never by recursion,
  // and count each ancestor walked as work: a 50,000-deep chain under the article is read
  // to the bottom without overflowing the stack or a long task.
  it('7b. a 50,000-deep DOM with names at the bottom: marked, no long stall', async () =>
    expectNoLongStall(await deepPage(env, 50_000)));

  // Guards against a page that changes its DOM every 5 ms: marks stay, Glossa does not
  // rescan on every change (the page sees each rescan as new Highlight objects), and the
  // page's own timer keeps its pace.
  it('8. a page mutating every 5 ms: marks stay, rescans debounced, the page responsive', () => mutating(env));

  // Guards against DOM clobbering: the article in a <form> whose controls are named
  // parentElement, nodeType, id… (they shadow the form's properties in our world too).
  it('8b. the article in a form whose controls clobber DOM properties: marked, styled, a card', () => clobbering(env));
  it('8c. elements with the ids of Glossa’s globals: marked, a card, a highlight saved', () => namedGlobals(env));

  // Guards against a strict Content-Security-Policy (no style, script or frame of any
  // origin) disabling Glossa's styles or its note editor's frame.
  it('9a. strict CSP by header: marks and card styled, the note editor’s frame saves', () => strictCsp(env, 'header'));
  it('9b. strict CSP by <meta>: marks and card styled, the note editor’s frame saves', () => strictCsp(env, 'meta'));

  // Guards against clickjacking the toolbar: a style sheet rule or a script-set style on
  // Glossa's host, the page faded (opacity) or filtered, a lure in the top layer shown
  // before the toolbar — none can hide it (it is raised into the top layer when shown), so
  // the reader's click counts; a lure raised again and again over it hides it, and a real
  // click through the lure saves nothing. And a page merely tinted (grayscale, a dark
  // theme's inversion) hides nothing: the click saves.
  it('10. a faded, filtered or covered toolbar: a lured real click saves nothing', () =>
    fadedToolbar(env, [...FADES, 'cover-raise']));

  // The note editor is a frame: a click in it never reaches the panel's guard, so the frame
  // takes the pointer only while the browser sees it uncovered (IntersectionObserver v2).
  it('10v. a lure drawn over the note editor: a click through it on Delete deletes nothing', () => coveredEditor(env));

  // Guards against the reader's highlights painting over a page's own fixed header.
  it('10″. a fixed header over a highlight: not painted over the header, painted again below it', () =>
    fixedHeader(env));

  // Guards against the reader's highlights painting over what the page draws over them
  // without a scroll: a dialog it adds, a menu a CSS :hover opens under the pointer; and
  // boxes measured on screen are not printed over a page laid out anew.
  it('10‴. a dialog, a hover menu over a highlight: not painted over them, painted again after; not printed', () =>
    coveredInPlace(env));

  // Guards against a highlight vanishing from text that stays on screen as the page
  // scrolls (a fixed or sticky box): its boxes follow the text.
  it('10⁗. a highlight in text fixed on screen: still painted over it as the page scrolls', () => pinnedText(env));

  // Guards against Glossa touching pages it should leave alone: switched off, and on a
  // site set to "never" — no element, no CSS highlight, no ::highlight() style, no
  // message, not even when the reader selects text or presses Glossa's keys.
  it('11. off, and on a site set to “never”: the page is left exactly as parsed', () => offAndNever(env));

  // Guards against fingerprinting on an unrelated page: <html>'s children, CSS.highlights,
  // ::highlight() probes of plausible names, loading Glossa's note page by address. After
  // the reader selects text, the toolbar's bare host is all the page can see.
  it('12. fingerprinting an unrelated page reveals nothing of Glossa', async () => {
    const probe = await fingerprinting(env);
    expect(probe.fetches['real']).toMatch(/^error/);
  });
});
