/**
 * The quiet loader: the one content script in the manifest (loader.js), on every http(s)
 * page the reader opens. Most of those pages are not about Syria or Russia, and there it
 * touches no extension API at all — the first touch of `chrome.*` in a page's isolated
 * world costs about as much as a whole trivial content script:
 *
 *   the gate's prefilter (one native regular expression, src/lib/gate.ts) over the raw
 *   headline, metas, first paragraphs and (where the gate may read it) the text after the
 *   headline
 *     ├ two Syria-side terms, or three Russia-side terms with three of Syria's or the
 *     │ Middle East's (a second expression, compiled only then) ──> ask the background, sending it
 *     │      the gate's input (src/lib/dom/gate-input.ts): it decides with the gate, the
 *     │      settings and the page index (src/lib/wake-verdict.ts), warm, outside the page
 *     │   ├ the page needs the awake loader ──> the background injects loader-awake.js
 *     │   │      (the settings, saved highlights, the main chunk: loader.ts), which takes
 *     │   │      the gate's verdict from here instead of running the gate cold
 *     │   └ it does not (a name in passing) ──> quiet, as below
 *     └ less: the gate can only say no ──> quiet; only these wake it:
 *         the reader's own selection or Alt+Shift+H (trusted input; replayed once awake),
 *         text arriving late (more paragraphs at 1.5 s or 5 s), a new address.
 *
 * Where the loader must be awake from the start — the sites with saved highlights or
 * rules, every page while Glossa is off — the background registers loader-awake.js itself
 * (src/background/wake-registration.ts): whichever runs second sees the other. The page
 * views, the context menu and the commands inject it before they call a tab
 * (src/platform/wake-tab.ts).
 *
 * Nothing here is visible to the page: no element, no attribute, no message.
 */
import { gateInput, quietPage } from '../../lib/dom/gate-input';
import { gateInputChars, mayBeAbout, MAX_GATE_ASK_CHARS, type GateInput } from '../../lib/gate';
import { near, prefilter } from '../../generated/gate-vocabulary.json';
import {
  KIT_KEY,
  LOADER_KEY,
  ownGlobal,
  QUIET_KEY,
  type LoaderKit,
  type Pending,
  type QuietHandle,
  type Verdict,
} from './contract';
import { hasReaderSelection, isHighlightShortcut, pageAddress, watchAddress } from './selection';
import { MAX_URL } from '../../lib/highlights/limits';
import { rawBrowser } from '../../platform/raw-browser';

/** Look again this long after start, where the page's text may have arrived late (ms). */
export const LATE_LOOKS_MS = [1_500, 5_000] as const;
/**
 * After the background left the page quiet, ask again no sooner than this (ms): a page
 * that changes its address in a loop must not keep the background deciding; the last
 * address is still asked about.
 */
export const ASK_AGAIN_MS = 1_000;
/** After failed asks the pause doubles, up to this many times (1 s → 64 s). */
export const MAX_BACKOFF_DOUBLINGS = 6;

/** The background refused the ask itself (its input): asked again without it. */
export class WakeRefused extends Error {}
/**
 * The extension is gone from this page (updated, reloaded, removed): this loader is an
 * orphan, and stops for good.
 */
export class ExtensionGone extends Error {}

const VOCABULARY = { terms: '', prefilter, near };
const PASSIVE = { capture: true, passive: true };
const CAPTURE = { capture: true };

/** What the quiet loader sends with `content/awake` where its prefilter found a name. */
export interface WakeAsk {
  url: string;
  canonical: string | null;
  gate: GateInput;
}

/** The background's answer: whether it injected the awake loader; the gate's verdict if it ran. */
export interface WakeAnswer {
  awake: boolean;
  about: boolean | null;
}

export interface QuietDeps {
  win: Window;
  /**
   * Ask for the awake loader: `ask` null (the reader's selection or shortcut) always gets
   * it; with the gate's input the background injects it only where the page needs it.
   * Throws WakeRefused, ExtensionGone, or any other error for a failure on the way.
   */
  wake(ask: WakeAsk | null): Promise<WakeAnswer>;
  /** Whether the browser made this event (default `event.isTrusted`; unit tests pass their own). */
  trusted?: (event: Event) => boolean;
}

type Global = Record<string, unknown>;

/**
 * The gate's input and the page's keys as the background accepts them (the protocol's
 * limits); null where they do not fit — one enormous paragraph, an address too long to
 * store — and then the background wakes the awake loader, which asks it again for the gate
 * with the input cut to fit (`content/gate`, fitGateInput).
 */
function askFor(doc: Document): WakeAsk | null {
  const url = doc.URL;
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
  if (url.length > MAX_URL || (canonical?.length ?? 0) > MAX_URL || !/^https?:/i.test(url)) return null;
  const gate = gateInput(doc);
  return gateInputChars(gate) > MAX_GATE_ASK_CHARS ? null : { url, canonical, gate };
}

export class QuietLoader implements QuietHandle {
  readonly pending: Pending[] = [];
  verdict: Verdict | null = null;
  /** An ask is out, or the awake loader was injected. */
  #woken = false;
  #listening = false;
  #stopped = false;
  /** When the background last left the page quiet or an ask failed (performance.now()), and the ask deferred since. */
  #quietAt = -Infinity;
  /** Asks that failed in a row (the pause before the next doubles with each). */
  #failures = 0;
  #deferred = 0;
  /**
   * The page as the last look that counts saw it: its address (a route's fragment
   * included, an anchor's not: pageAddress) and paragraphs.
   */
  #seen = { url: '', paragraphs: -1 };
  #lateLooks: number[] = [];
  readonly #cleanup: (() => void)[] = [];
  readonly #deps: QuietDeps;

  constructor(deps: QuietDeps) {
    this.#deps = deps;
  }

  /** Returns whether the page stayed quiet. */
  start(): boolean {
    const global = globalThis as unknown as Global;
    if (ownGlobal(LOADER_KEY) !== undefined) return false; // the awake loader ran first (its site is registered)
    // Another quiet loader runs here: loader.js injected again for its kit (index.ts), in
    // Firefox into the frame's next document where the manifest's copy runs too.
    if (ownGlobal(QUIET_KEY) !== undefined) return false;
    global[QUIET_KEY] = this;
    this.#look();
    if (this.#woken) return false;
    this.#listen();
    return true;
  }

  stop(): void {
    this.#stopped = true;
    this.#deps.win.clearTimeout(this.#deferred);
    for (const t of this.#lateLooks.splice(0)) this.#deps.win.clearTimeout(t);
    for (const fn of this.#cleanup.splice(0)) fn();
    const global = globalThis as unknown as Global;
    if (ownGlobal(QUIET_KEY) === this) delete global[QUIET_KEY];
  }

  #state(): { url: string; paragraphs: number } {
    // document.URL, not location.href: the first touch of `location` in the isolated world costs more.
    const doc = this.#deps.win.document;
    return { url: pageAddress(doc.URL), paragraphs: doc.getElementsByTagName('p').length };
  }

  /** The prefilter; where it finds a name, the background decides (#wakeForGate). */
  #look(): void {
    if (this.#woken || this.#stopped) return;
    const state = this.#state();
    if (quietPage(this.#deps.win.document, (text) => mayBeAbout(text, VOCABULARY))) this.#seen = state;
    else this.#wakeForGate();
  }

  /**
   * Look again if the page changed since the look that counts (a new address, other
   * paragraphs). Unless an ask is out: its answer looks again itself.
   */
  #recheck(): void {
    if (this.#woken || this.#stopped || this.#deferred !== 0) return;
    const now = this.#state();
    if (now.url !== this.#seen.url || now.paragraphs !== this.#seen.paragraphs) this.#look();
  }

  /**
   * The prefilter found a name: the background decides with the gate's input (the awake
   * loader takes its verdict from `verdict`). Where it leaves the page quiet, listen, and
   * look again at once if the page changed while it decided.
   */
  #wakeForGate(): void {
    if (this.#woken || this.#stopped || this.#deferred !== 0) return;
    const wait = this.#quietAt + this.#pause() - performance.now();
    if (wait > 0) return this.#lookIn(wait);
    this.#seen = this.#state();
    const ask = askFor(this.#deps.win.document);
    // Should the background refuse the ask itself, ask as before this path existed: wake.
    const answer = this.#ask(ask).then((a) =>
      a === 'refused' ? (ask !== null && !this.#stopped ? this.#ask(null) : null) : a,
    );
    this.verdict = { url: ask?.url ?? '', about: answer.then((a) => (a !== null && a !== 'refused' ? a.about : null)) };
    void answer.then((a) => {
      if (a === null || a === 'refused' || a.awake || this.#stopped) return;
      // A name in passing: quiet after all. What the reader did meanwhile still wakes it.
      this.#woken = false;
      this.#quietAt = performance.now();
      this.verdict = null;
      if (this.pending.length > 0) return this.#wake();
      this.#listen();
      this.#recheck();
    });
  }

  /** The reader asked (a selection, the shortcut): the awake loader, whatever the page. */
  #wake(): void {
    if (this.#woken || this.#stopped) return;
    void this.#ask(null);
  }

  /**
   * One `content/awake`; 'refused' where the background refused its input, null where it
   * failed (asked again at the next occasion, after a pause that doubles with each failure:
   * a page changing its address in a loop must not make this ask, and warn, on every
   * change).
   */
  #ask(ask: WakeAsk | null): Promise<WakeAnswer | 'refused' | null> {
    this.#woken = true;
    return this.#deps.wake(ask).then(
      (answer) => {
        this.#failures = 0;
        return answer;
      },
      (error: unknown) => this.#failed(error, ask),
    );
  }

  #failed(error: unknown, ask: WakeAsk | null): 'refused' | null {
    this.#woken = false;
    if (error instanceof ExtensionGone) {
      this.stop(); // an orphan: nothing it could ask would be answered again
      return null;
    }
    console.warn('Glossa: could not start on this page:', error);
    this.#listen();
    // One failure per round: a refused input is asked about again plainly at once (the
    // caller: #wakeForGate), and that ask's own outcome counts (a handler that failed is a
    // refusal too).
    if (error instanceof WakeRefused && ask !== null) return 'refused';
    this.#failures++;
    this.#quietAt = performance.now();
    // A background not ready yet (a service worker starting): look again after the pause,
    // even where the page does not change.
    if (this.#failures <= MAX_BACKOFF_DOUBLINGS) {
      this.#deps.win.clearTimeout(this.#deferred);
      this.#lookIn(this.#pause());
    }
    return error instanceof WakeRefused ? 'refused' : null;
  }

  /** The pause after a "no" or a failure: 1 s, doubled with each failure in a row. */
  #pause(): number {
    return ASK_AGAIN_MS * 2 ** Math.min(this.#failures, MAX_BACKOFF_DOUBLINGS);
  }

  /** The one deferred look (an ask waits for it: #wakeForGate, #recheck). */
  #lookIn(ms: number): void {
    this.#deferred = this.#deps.win.setTimeout(() => {
      this.#deferred = 0;
      this.#look();
    }, ms);
  }

  /** Text that arrives late: look again this long after start, or after a new address. */
  #armLateLooks(): void {
    const { win } = this.#deps;
    for (const t of this.#lateLooks.splice(0)) win.clearTimeout(t);
    for (const ms of LATE_LOOKS_MS) this.#lateLooks.push(win.setTimeout(() => this.#recheck(), ms));
  }

  #listen(): void {
    if (this.#listening || this.#stopped) return;
    this.#listening = true;
    const { win } = this.#deps;
    const doc = win.document;
    const trusted = (e: Event) => (this.#deps.trusted ? this.#deps.trusted(e) : e.isTrusted);
    const selected = (e: Event) => {
      const ok =
        e.type === 'mouseup'
          ? (e as MouseEvent).button === 0
          : (e as KeyboardEvent).shiftKey || (e as KeyboardEvent).key === 'Shift';
      if (!ok || !trusted(e)) return;
      // The selection is final after the event: look in the next task.
      win.setTimeout(() => {
        if (this.#stopped || !hasReaderSelection(doc)) return;
        this.pending.push('selection');
        this.#wake();
      }, 0);
    };
    const shortcut = (e: KeyboardEvent) => {
      if (!trusted(e) || !isHighlightShortcut(e)) return;
      e.preventDefault();
      this.pending.push('shortcut');
      this.#wake();
    };
    doc.addEventListener('mouseup', selected, PASSIVE);
    doc.addEventListener('keyup', selected, PASSIVE);
    doc.addEventListener('keydown', shortcut, CAPTURE);
    this.#cleanup.push(() => {
      doc.removeEventListener('mouseup', selected, PASSIVE);
      doc.removeEventListener('keyup', selected, PASSIVE);
      doc.removeEventListener('keydown', shortcut, CAPTURE);
    });
    // Late text: only a page with other paragraphs by then is looked at again.
    this.#armLateLooks();
    // A new address (single-page apps): look again now, and for its text arriving late.
    // Only the address is read here: where the Navigation API is missing (older browsers;
    // Chromium 156 and Firefox 153 have it) this runs every second on every page.
    let url = pageAddress(doc.URL);
    this.#cleanup.push(
      watchAddress(win, () => {
        const now = pageAddress(doc.URL);
        if (now === url) return;
        url = now;
        this.#armLateLooks();
        this.#recheck();
      }),
    );
  }
}

/** The quiet loader on a real page: waking it is one call to the background. */
export function startQuietLoader(win: Window = window): QuietLoader {
  // For the awake loader, first: also where it runs already and asked for this file.
  (globalThis as Record<string, unknown>)[KIT_KEY] = { gateInput } satisfies LoaderKit;
  const quiet = new QuietLoader({
    win,
    wake: async (ask) => {
      // The extension API is looked up only now: even reading `chrome.runtime` makes the
      // browser build its bindings in the page's isolated world (~1 ms).
      const api = rawBrowser();
      if (!api) throw new ExtensionGone('the extension is gone from this page');
      let answer: { ok: boolean; error?: string; value?: WakeAnswer } | undefined;
      try {
        answer = (await api.runtime.sendMessage({ type: 'content/awake', payload: ask ?? {} })) as typeof answer;
      } catch (error) {
        // Chrome's words for an extension updated or removed under a running content script.
        if (!rawBrowser() || /context invalidated/i.test(String(error))) throw new ExtensionGone(String(error));
        throw error;
      }
      if (answer?.ok === false) throw new WakeRefused(answer.error ?? 'content/awake refused');
      if (!answer?.ok || !answer.value) throw new Error('no answer to content/awake');
      return answer.value;
    },
  });
  quiet.start();
  return quiet;
}
