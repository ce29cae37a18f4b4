/**
 * The main chunk: what Glossa does on a page that has work for it. Injected by the
 * background into the frame whose loader asked for it (src/content/loader/), it takes the
 * loader's handle, marks the page with the loader's decision, and registers its calls into
 * the loader's router.
 *
 * It is kept small, because every article page compiles it before its marks show. It
 * paints the marks in the page's one UI host (ui/host.ts), which it makes; what else it
 * draws — the card, the reader's highlights, the toolbar, the note frame — is the UI chunk
 * (ui-chunk.ts, content-ui.js), which it has the background inject only where it is
 * needed: at once where the reader's highlights are the reason Glossa is here (saved
 * highlights, a selection, the highlight shortcut, a call from the popup); on an article
 * with saved highlights, once the marks are on screen, in idle time; elsewhere when the
 * pointer first rests on a mark (the card) or the reader selects text (the loader passes
 * the selection and the shortcut on until then). Most articles are read without either,
 * and no longer pay its ~100 KB: 6–10 ms of script per page load (bench:ab).
 */
import type { Recognize } from './highlights/capture';
import type { HighlightsController, NoteFrameEvent } from './highlights/controller';
import { markBoxCss, markNames } from '../lib/mark-styles';
import { OverlayPainter } from '../lib/dom/overlay';
import { UiHost } from './ui/host';
import type { PageSnapshot, TabCallType } from '../lib/protocol/tab-calls';
import { NOTE_PAGE, noteFrameHash } from '../lib/protocol/names';
import { watchHubPort } from '../platform/hub-port';
import { sendMessage } from '../platform/messaging';
import { EntitiesController, type RecognizeWalk } from './entities/controller';
import { mentionsOf, splitWire, type Recognized, type WalkTextData } from '../lib/match/walk-text';
import {
  ownGlobal,
  pageDecision,
  type LoaderDecision,
  type LoaderHandle,
  type MainApi,
  type PageDecision,
} from './loader/contract';
import { parseReadingSettings } from '../lib/settings';
import { UI_KEY, type UiApi, type UiFactory } from './ui-contract';

/** How long the UI chunk may wait for idle time after the marks are on screen. */
export const UI_IDLE_TIMEOUT_MS = 2_000;

/**
 * The tab calls' payload check, with the UI chunk's schemas (valibot, 10 KB minified):
 * every call that carries a payload opens a card or works on the reader's highlights, which
 * need that chunk anyway, while this one is compiled on every article before its marks
 * show (until the marks −0.3 to −1.7 ms over seven pages without them, paired bench:ab).
 * The two calls without a payload load nothing: what came (an object, the router checked)
 * is not passed on, their handlers get {}.
 */
export const checkTabPayload =
  (ui: () => Promise<Pick<UiApi, 'check'>>) =>
  async (type: TabCallType, payload: unknown): Promise<ReturnType<UiApi['check']>> =>
    type === 'page/state' || type === 'page/annotate' ? { payload: {} } : (await ui()).check(type, payload);

export function startMain(handle: LoaderHandle, win: Window = window): MainApi {
  const abort = new AbortController();
  const { router, api } = handle;
  let decision: PageDecision = pageDecision(handle.decision(), parseReadingSettings);
  const push = () => router.push();

  // ---- the page's one UI host (made on first use): the marks here, the rest by the UI chunk
  const host = new UiHost(win.document, abort.signal);

  // ---- the UI chunk, loaded once
  let ui: Promise<UiApi> | null = null;
  const loadUi = (): Promise<UiApi> =>
    (ui ??= (async (): Promise<UiApi> => {
      if (!ownGlobal(UI_KEY)) {
        const r = await sendMessage('content/activate', { chunk: 'ui' });
        if (!r.ok) throw new Error(r.error);
      }
      const make = ownGlobal(UI_KEY) as UiFactory | undefined;
      if (!make) throw new Error('the UI chunk did not start');
      return make(win, host);
    })().catch((error: unknown) => {
      // A failed injection is tried again at the next need (a card, a selection), not kept.
      ui = null;
      throw error;
    }));

  // The names are found by the background, warm (content/recognize): in the text the walk
  // read, and in the passages the reader highlights.
  // In parts (splitWire), one message a task: a huge page's text in one message would be
  // one long task to send. Each walk has a name of its own (the background joins its parts
  // by it, per frame); a walk that fails on the way (the background restarted, a part lost)
  // is sent once more, whole, under a new name.
  const session = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  let walks = 0;
  const sendWalk = async (text: WalkTextData, about: boolean, still: () => boolean): Promise<Recognized> => {
    const walk = `${session}${++walks}`;
    const parts = splitWire(text);
    let answer: Recognized | null = null;
    for (let i = 0; i < parts.length; i++) {
      if (!still()) throw new Error('a newer walk replaced this one');
      const last = i === parts.length - 1;
      const r = await sendMessage('content/recognize', { ...parts[i]!, walk, part: i, last, about });
      if (!r.ok) throw new Error(r.error);
      answer = r.value;
    }
    if (!answer) throw new Error('no answer to the last part');
    return answer;
  };
  const recognizeWalk: RecognizeWalk = async (text, ctx, still = () => true) => {
    try {
      return await sendWalk(text, ctx.about, still);
    } catch {
      if (!still()) throw new Error('a newer walk replaced this one');
      return sendWalk(text, ctx.about, still);
    }
  };
  const recognize: Recognize = async (text, about) => {
    const r = await recognizeWalk(
      { texts: [text], starts: [0], breaks: [], length: text.length, english: true },
      { about },
    );
    return mentionsOf(r);
  };

  const entities = new EntitiesController(win, abort.signal, {
    recognize: recognizeWalk,
    markNames: markNames(handle.markPrefix),
    cards: async (events) => (await loadUi()).cards(events),
    onChange: push,
    painter: new OverlayPainter(
      win,
      () => host.panel('marks'),
      (css) => host.addCss(css),
      markBoxCss(),
      abort.signal,
    ),
  });

  // ---- the reader's highlights: where Glossa is on and the site not set to "never";
  // made (again) when that becomes true, stopped when it stops being so.
  let highlights: { controller: Promise<HighlightsController>; abort: AbortController } | null = null;
  let current: HighlightsController | null = null;
  /** Whether the highlights ran on this page: where they did, they start again without asking. */
  let highlightsRan = false;
  const startHighlights = (): Promise<HighlightsController> => {
    if (highlights) return highlights.controller;
    highlightsRan = true;
    const own = new AbortController();
    abort.signal.addEventListener('abort', () => own.abort(), { once: true });
    const controller = loadUi().then(async (u) => {
      const c = u.highlights(recognize, own.signal, {
        editorUrl: (id) => api.runtime.getURL(NOTE_PAGE) + noteFrameHash(id),
        gateAbout: () => decision.gateAbout,
        onChange: push,
        watch: watchHubPort,
      });
      // start() listens for the reader's selection and keys at once, then loads the page's
      // highlights (in slices, other tasks between them): the loader stops listening now,
      // not after the load, or one Alt+Shift+H pressed meanwhile was taken by both and
      // saved the passage twice (lost-work e2e, "an orphan deleted in the library…").
      const started = c.start();
      handle.highlightsStarted();
      await started;
      if (!own.signal.aborted) current = c;
      push();
      return c;
    });
    highlights = { controller, abort: own };
    controller.catch((error: unknown) => console.warn('Glossa: the highlights could not start:', error));
    return controller;
  };
  const stopHighlights = () => {
    if (!highlights) return;
    highlights.abort.abort();
    highlights = null;
    current = null;
    // Until they start again, the loader passes the reader's selection and keys on.
    handle.highlightsStopped();
  };
  const needHighlights = async (): Promise<HighlightsController> => {
    if (!decision.highlights) throw new Error('Highlights are switched off on this page.');
    return startHighlights();
  };

  const snapshot = (): PageSnapshot => ({
    url: decision.url,
    title: win.document.title,
    ...entities.snapshot(),
    highlights: current?.snapshot() ?? { url: decision.url, hasSelection: false, items: [] },
  });

  router.handle('page/reveal', ({ entityId }) => entities.revealEntity(entityId));
  router.handle('page/command', ({ command }) => {
    entities.command(command);
    return null;
  });
  router.handle('highlights/selection', async () => (await needHighlights()).fromCommand());
  router.handle('highlights/reveal', async ({ id, edit }) => (await needHighlights()).reveal(id, edit ?? false));
  router.handle('highlights/reattach', async ({ id }) => (await needHighlights()).reattachToSelection(id));
  router.handle('note-frame/event', async (e: NoteFrameEvent) => (await needHighlights()).noteFrameEvent(e));
  router.handle('page/state', async () => {
    if (highlights) await (await highlights.controller).settled();
    return snapshot();
  });
  router.setValidator(checkTabPayload(loadUi));
  router.setSnapshot(snapshot);

  /** After the marks, in idle time: the highlights (and the UI chunk) where the page has saved ones. */
  const later = () => {
    const idle = (win as Window & { requestIdleCallback?: typeof requestIdleCallback }).requestIdleCallback;
    const go = async () => {
      if (abort.signal.aborted || !decision.highlights || highlights) return;
      // Where they ran before (switched off and on again) they start again: the reader may
      // have saved one here. Where the index fails, they are loaded rather than missed.
      const has = highlightsRan || (await handle.hasHighlights().catch(() => true));
      if (has && !abort.signal.aborted && decision.highlights) void startHighlights();
    };
    if (idle) idle.call(win, () => void go(), { timeout: UI_IDLE_TIMEOUT_MS });
    else win.setTimeout(() => void go(), 50);
  };

  const apply = async (from: LoaderDecision | PageDecision): Promise<void> => {
    const next = 'settings' in from ? from : pageDecision(from, parseReadingSettings);
    const urlChanged = next.url !== decision.url;
    decision = next;
    if (!next.highlights) stopHighlights();
    else if (urlChanged && current) current.onLocationChange();
    // The marks come first; the reader's highlights (and the UI) at once only where they
    // are why Glossa is here.
    const wanted = next.highlights && (!next.marks.active || handle.trigger !== 'gate');
    const started = wanted ? startHighlights().then(() => undefined) : Promise.resolve();
    await Promise.all([started, entities.update(next)]);
    if (next.highlights && !highlights) later();
    push();
  };

  const ready = apply(decision);
  return {
    ready,
    update: apply,
    selectionMade: () => void needHighlights().then((c) => c.selectionMade()),
    highlightShortcut: () => void needHighlights().then((c) => c.fromCommand()),
    stop: () => abort.abort(),
  };
}
