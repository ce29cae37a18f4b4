/**
 * The quiet loader: the one content script in the manifest (loader.js), on every http(s)
 * page the reader opens. Most of those pages are not about Syria or Russia, and there it
 * touches no extension API at all — the first touch of `chrome.*` in a page's isolated
 * world costs about as much as a whole trivial content script:
 *
 *   the gate's prefilter (one native regular expression, src/lib/gate.ts) over the raw
 *   headline, metas, first paragraphs and (where the gate may read it) the text after the
 *   headline
 *     ├ a Syria-side name, or three Russia-side terms ──> wake: the background injects
 *     │      loader-awake.js (the settings, the gate, saved highlights: loader.ts)
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
import { quietPage } from '../../lib/dom/gate-input';
import { mayBeAbout } from '../../lib/gate';
import { prefilter } from '../../generated/gate-vocabulary.json';
import { LOADER_KEY, QUIET_KEY, type Pending, type QuietHandle } from './contract';
import { hasReaderSelection, isHighlightShortcut, watchAddress } from './selection';
import { rawBrowser } from '../../platform/raw-browser';

/** Look again this long after start, where the page's text may have arrived late (ms). */
export const LATE_LOOKS_MS = [1_500, 5_000] as const;

const VOCABULARY = { terms: '', prefilter };
const PASSIVE = { capture: true, passive: true };
const CAPTURE = { capture: true };

export interface QuietDeps {
  win: Window;
  /** Ask for the awake loader (the background injects loader-awake.js into this frame). */
  wake(): Promise<void>;
  /** Whether the browser made this event (default `event.isTrusted`; unit tests pass their own). */
  trusted?: (event: Event) => boolean;
}

type Global = Record<string, unknown>;

export class QuietLoader implements QuietHandle {
  readonly pending: Pending[] = [];
  #woken = false;
  #stopped = false;
  readonly #timers: number[] = [];
  readonly #cleanup: (() => void)[] = [];
  readonly #deps: QuietDeps;
  #url: string;

  constructor(deps: QuietDeps) {
    this.#deps = deps;
    // document.URL, not location.href: the first touch of `location` in the isolated world costs more.
    this.#url = deps.win.document.URL;
  }

  /** Returns whether the page stayed quiet. */
  start(): boolean {
    const global = globalThis as unknown as Global;
    if (global[LOADER_KEY] !== undefined) return false; // the awake loader ran first (its site is registered)
    global[QUIET_KEY] = this;
    if (!this.#quiet()) {
      this.#wake();
      return false;
    }
    this.#listen();
    return true;
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers.splice(0)) this.#deps.win.clearTimeout(t);
    for (const fn of this.#cleanup.splice(0)) fn();
    const global = globalThis as unknown as Global;
    if (global[QUIET_KEY] === this) delete global[QUIET_KEY];
  }

  #quiet(): boolean {
    return quietPage(this.#deps.win.document, (text) => mayBeAbout(text, VOCABULARY));
  }

  #wake(): void {
    if (this.#woken || this.#stopped) return;
    this.#woken = true;
    this.#deps.wake().catch((error: unknown) => {
      this.#woken = false; // asked again at the next occasion
      console.warn('Glossa: could not start on this page:', error);
    });
  }

  #listen(): void {
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
    // Text that arrives late: look again only if the page has more paragraphs by then.
    const paragraphs = () => doc.getElementsByTagName('p').length;
    let seen = paragraphs();
    for (const ms of LATE_LOOKS_MS) {
      this.#timers.push(
        win.setTimeout(() => {
          const now = paragraphs();
          if (now === seen) return;
          seen = now;
          if (!this.#quiet()) this.#wake();
        }, ms),
      );
    }
    // A new address (single-page apps): look again.
    this.#cleanup.push(
      watchAddress(win, () => {
        if (doc.URL === this.#url) return;
        this.#url = doc.URL;
        if (!this.#quiet()) this.#wake();
      }),
    );
  }
}

/** The quiet loader on a real page: waking it is one call to the background. */
export function startQuietLoader(win: Window = window): QuietLoader {
  const quiet = new QuietLoader({
    win,
    wake: async () => {
      // The extension API is looked up only now: even reading `chrome.runtime` makes the
      // browser build its bindings in the page's isolated world (~1 ms).
      const api = rawBrowser();
      if (!api) throw new Error('no extension API here');
      const answer = (await api.runtime.sendMessage({ type: 'content/awake', payload: {} })) as
        { ok: boolean; error?: string } | undefined;
      if (!answer?.ok) throw new Error(answer?.error ?? 'no answer to content/awake');
    },
  });
  quiet.start();
  return quiet;
}
