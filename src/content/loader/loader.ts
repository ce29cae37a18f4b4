/**
 * The awake content loader (loader-awake.js): what runs on a page once the quiet loader
 * (quiet.ts, the one content script on every page) found something to do — the gate's
 * prefilter found a name, the reader selected text, a page view called — or where the
 * background registered it to start at once (the sites with saved highlights or rules;
 * every page while Glossa is off: src/background/wake-registration.ts):
 *
 *   settings (storage.local) ── off, or the site set to "never" ──> nothing at all
 *   relevance gate (title, description, a sample of the main text): the background's
 *     verdict on the quiet loader's ask, or asked for again (`content/gate`; the gate
 *     and its vocabulary run in the background, not here)
 *   does the page have saved highlights? (a compact index in storage.local)
 *     └ marks or highlights needed ──> ask the background for the main chunk
 *                                      (scripting.executeScript into this frame)
 *   otherwise: wait, without touching the page, for what would need it:
 *     a selection the reader made (trusted input only), a keyboard command or the context
 *     menu, the popup asking ("Annotate this page anyway"), the settings changing, the
 *     page's address changing (single-page apps), its text arriving late.
 *
 * Nothing here is visible to the page: no element, no attribute, no style, no message on
 * the page's window. The loader answers the page views (popup, side panel) itself until
 * the main chunk takes over.
 */
import type { GateInput } from '../../lib/gate';
import {
  PERF_GATE,
  PERF_LOAD_MAIN,
  PERF_LOADER,
  PERF_STORAGE_KEY,
  perfMark,
  perfMeasure,
  perfStart,
  setPerf,
} from '../../lib/dom/perf';
import { newMarkPrefix } from '../../lib/mark-styles';
import type { TabCallType } from '../../lib/protocol/tab-calls';
import type { PageSnapshot } from '../../lib/protocol/tab-wire';
import { decideActivation, parseSiteSettings, SETTINGS_KEY, siteRuleFor, type SiteSettings } from '../../lib/settings';
import { PAGE_INDEX_KEY } from '../../lib/highlights/page-index';
import type { RawBrowser } from '../../platform/raw-browser';
import {
  LOADER_KEY,
  type LoaderDecision,
  type LoaderHandle,
  type MainApi,
  type Trigger,
  type Verdict,
} from './contract';
import { TabRouter } from './router';
import { hasReaderSelection, isHighlightShortcut, pageAddress, watchAddress } from './selection';

export { hasReaderSelection, isHighlightShortcut };

/** Re-run the gate this long after start when the page said no (text that arrives late). */
export const LATE_GATE_MS = [1_500, 5_000] as const;
/**
 * Wait this long at most for the background's verdict (it comes with the answer to the
 * quiet loader's ask, within milliseconds): then the loader asks for the gate itself.
 */
export const VERDICT_WAIT_MS = 2_000;
/**
 * Ask the background for the gate (`content/gate`) no sooner than this after the last ask,
 * and one ask at a time: a page that changes its address in a loop must not keep the
 * background deciding. The newest decision waiting is the one asked about.
 */
export const GATE_ASK_SPACING_MS = 1_000;
/** An ask the background has not answered in this long counts as failed ("not about"). */
export const GATE_ASK_TIMEOUT_MS = VERDICT_WAIT_MS;

export interface LoaderDeps {
  win: Window;
  api: RawBrowser;
  /**
   * Whether the page has saved highlights: `index` is the background's page index as
   * storage.local holds it (read with the settings, one read); may be slow or fail (then: no).
   */
  hasHighlights(url: string, doc: Document, index: unknown): Promise<boolean>;
  /** Ask the background to inject the main chunk into this frame; resolves once it ran. */
  loadMain(markPrefix: string): Promise<void>;
  /**
   * The relevance gate's verdict on the page's input: asked of the background
   * (`content/gate`), which holds the gate and its vocabulary. A failed ask counts as "not
   * about" (the late looks and the next address ask again).
   */
  gate(input: GateInput): Promise<boolean>;
  /**
   * The gate's input, read from the page: the quiet loader's reader (src/lib/dom/gate-input.ts),
   * which loader.js publishes (`KIT_KEY`), so this chunk, compiled on every article, does not
   * carry a second copy; where loader.js has not run in this frame, the background injects it
   * first (index.ts).
   */
  gateInput(doc: Document): Promise<GateInput>;
  /**
   * The gate's verdict the background gave the quiet loader that asked for this one
   * (quiet.ts): the first decision on that address takes it instead of running the gate.
   */
  verdict?: Verdict | null;
  /**
   * Whether the browser made this event (default `event.isTrusted`). Unit tests, which
   * cannot make trusted events, pass their own; the e2e suite checks the real thing.
   */
  trusted?: (event: Event) => boolean;
}

type Global = Record<string, unknown>;

/** Listener options (removal reads only `capture`). */
const PASSIVE = { capture: true, passive: true };
const CAPTURE = { capture: true };

export class Loader implements LoaderHandle {
  readonly router: TabRouter;
  trigger: Trigger = 'gate';
  /** The settings as storage.local holds them, and the switch and site rules read from them. */
  #stored: unknown = undefined;
  #settings: SiteSettings = parseSiteSettings(undefined);
  #pageOverride: 'annotate' | null = null;
  #gateAbout = false;
  #url: string;
  #main: MainApi | null = null;
  #loading: Promise<MainApi | null> | null = null;
  readonly #cleanup: (() => void)[] = [];
  #lateGates: number[] = [];
  /** Decided on first need (the settings are read first). */
  #decided: LoaderDecision | null = null;
  #watchingSelection = false;
  /** The main chunk's highlights controller watches selections and keys itself. */
  #highlightsRunning = false;
  /** The page index as storage.local held it at start (src/lib/highlights/page-index.ts). */
  #pageIndex: unknown = undefined;
  /** The start: the settings read, the page views and the settings listened to (once). Never rejects. */
  #awake: Promise<void> | null = null;
  /** The start's first decision is made (settled once, never rejects): what calls before it wait for. */
  #decidedFirst: Promise<void> | null = null;
  #decidedFirstNow: () => void = () => undefined;
  /** The background's verdict (see LoaderDeps.verdict); for the first decision only. */
  #verdict: Verdict | null;
  /**
   * The start has made its first decision: until then an address or a settings change only
   * updates what that decision reads (deciding earlier would use the default settings).
   */
  #started = false;
  /** The settings changed while the start read them: the change is newer than the read. */
  #settingsChanged = false;
  /** The wait for the verdict (VERDICT_WAIT_MS), cleared once it is over or on stop. */
  #verdictTimer = 0;
  /**
   * Counts the decisions begun: a decision whose gate answered after a newer one began
   * (the address or the settings changed meanwhile) is dropped.
   */
  #decisions = 0;
  /**
   * A first decision (at start, or on a new address) began and none has finished since: the
   * decision that finishes does what a first one does (look for saved highlights).
   */
  #firstOwed = false;
  /**
   * The last verdict taken (the quiet loader's, or an answer to `content/gate`) and the page
   * it was on: its address and paragraph count. A decision on the same page takes it again
   * instead of asking (the settings changed, "Annotate this page anyway").
   */
  #lastVerdict: { url: string; paragraphs: number; about: boolean } | null = null;
  /** The last ask failed (no answer, or loader.js could not be injected for its kit): the late looks ask again. */
  #askFailed = false;
  /** The `content/gate` ask in flight, and when the last one was sent (performance.now()). */
  #asking: Promise<unknown> | null = null;
  #askedAt = -Infinity;
  /** The number of the last decision that landed (made `#decided`); below #decisions while one is pending. */
  #landed = 0;
  #stopped = false;

  readonly #deps: LoaderDeps;

  constructor(deps: LoaderDeps) {
    this.#deps = deps;
    const { win, api } = deps;
    this.#url = win.location.href;
    this.#verdict = deps.verdict ?? null;
    this.router = new TabRouter(api, () => this.#snapshot());
  }

  get #current(): LoaderDecision {
    // Before the start's first decision, one from the defaults (which that decision replaces).
    this.#decided ??= this.#decide();
    return this.#decided;
  }

  #prefix = '';
  /**
   * Made on first use (the main chunk's activation): the first `crypto.getRandomValues` in a
   * page's isolated world costs ~0.5 ms, which a page Glossa leaves alone need not pay.
   */
  get markPrefix(): string {
    if (!this.#prefix) this.#prefix = newMarkPrefix((b) => this.#deps.win.crypto.getRandomValues(b));
    return this.#prefix;
  }

  get api(): RawBrowser {
    return this.#deps.api;
  }

  decision(): LoaderDecision {
    return this.#current;
  }

  attach(main: MainApi): void {
    if (!this.#main) this.#main = main;
  }

  isAttached(): boolean {
    return this.#main !== null;
  }

  highlightsStarted(): void {
    this.#highlightsRunning = true;
    this.#watchSelection(false);
  }

  highlightsStopped(): void {
    this.#highlightsRunning = false;
    if (this.#current.highlights) this.#watchSelection(true);
  }

  hasHighlights(): Promise<boolean> {
    return this.#deps.hasHighlights(this.#url, this.#deps.win.document, this.#pageIndex);
  }

  async start(): Promise<void> {
    const startedAt = performance.now();
    (globalThis as unknown as Global)[LOADER_KEY] = this;
    this.#watchLocation();
    await this.#wakeUp(startedAt);
  }

  /** The selection the reader made while only the quiet loader ran (it wakes this one for it). */
  readerSelected(): void {
    this.#afterSelection();
  }

  /** Alt+Shift+H pressed while only the quiet loader ran. */
  readerShortcut(): void {
    void this.#mainForSelection().then((main) => main?.highlightShortcut());
  }

  #wakeUp(startedAt: number): Promise<void> {
    if (!this.#awake) {
      this.#decidedFirst = new Promise((resolve) => (this.#decidedFirstNow = resolve));
      this.#awake = this.#startAwake(startedAt).catch((error: unknown) => {
        this.#decidedFirstNow();
        console.warn('Glossa: could not start on this page:', error);
      });
    }
    return this.#awake;
  }

  async #startAwake(startedAt: number): Promise<void> {
    const { api } = this.#deps;
    this.router.setFallback((type, payload) => this.#callWithoutMain(type, payload));
    this.router.handle('page/state', () => this.router.snapshotNow());
    this.router.handle('page/annotate', async () => {
      this.#pageOverride = 'annotate';
      // Before the start's first decision, that decision takes the override.
      if (this.#started) await this.#reconsider();
      else await this.#decidedFirst;
      return this.router.snapshotNow();
    });
    this.router.start();
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // The index of pages with highlights, kept current for hasHighlights (a highlight saved
      // in another tab, a page of a single-page app highlighted since this one loaded).
      if (area === 'local' && Object.hasOwn(changes, PAGE_INDEX_KEY))
        this.#pageIndex = changes[PAGE_INDEX_KEY]?.newValue;
      if (area === 'local' && Object.hasOwn(changes, SETTINGS_KEY)) {
        this.#stored = changes[SETTINGS_KEY]?.newValue;
        this.#settings = parseSiteSettings(this.#stored);
        this.#settingsChanged = true;
        if (this.#started) void this.#reconsider();
      }
    };
    api.storage.onChanged.addListener(onStorage);
    this.#cleanup.push(() => api.storage.onChanged.removeListener(onStorage));
    // The background's verdict arrives with its answer to the quiet loader, about when the
    // storage read does. Both are waited for, each on its own (one failing must not leave
    // the other to land later), so that the first decision is made in one go.
    const verdict = this.#verdict;
    this.#verdict = null;
    const given = verdict
      ? Promise.race([
          verdict.about.then(
            (about) => ({ url: verdict.url, about }),
            () => null,
          ),
          new Promise<null>((resolve) => {
            this.#verdictTimer = this.#deps.win.setTimeout(() => resolve(null), VERDICT_WAIT_MS);
          }),
        ])
      : null;
    try {
      const stored = await api.storage.local.get([SETTINGS_KEY, PERF_STORAGE_KEY, PAGE_INDEX_KEY]);
      this.#pageIndex = stored[PAGE_INDEX_KEY];
      // The bench's timing marks (src/lib/dom/perf.ts): off unless the extension's storage says so.
      setPerf(stored[PERF_STORAGE_KEY] === true);
      perfMark(PERF_LOADER, startedAt);
      if (!this.#settingsChanged) {
        this.#stored = stored[SETTINGS_KEY];
        this.#settings = parseSiteSettings(this.#stored);
      }
    } catch {
      // Unreadable storage must not cost the reader Glossa: carry on with the defaults.
    }
    const verdictNow = (await given) ?? null;
    this.#deps.win.clearTimeout(this.#verdictTimer);
    this.#started = true;
    await this.#reconsider(true, verdictNow);
  }

  /**
   * Decide again; load the main chunk when something needs it. A decision that a newer one
   * replaced while it waited for the gate ends there: the newer one lands instead.
   */
  async #reconsider(first = false, given: { url: string; about: boolean | null } | null = null): Promise<void> {
    if (this.#stopped) return;
    const decision = ++this.#decisions;
    if (first) this.#firstOwed = true;
    const doc = this.#deps.win.document;
    const allowed = this.#settings.enabled && siteRuleFor(this.#settings, this.#url)?.rule !== 'never';
    // Off, or "never" here: not even the gate runs (unless the reader asked for this page).
    let about = false;
    // The background's verdict counts for the first decision only, on the address it was made for.
    if (allowed && doc.body) {
      const here = () => ({ url: pageAddress(this.#url), paragraphs: doc.getElementsByTagName('p').length });
      if (given !== null && pageAddress(given.url) === pageAddress(this.#url) && given.about !== null) {
        about = given.about;
        this.#lastVerdict = { ...here(), about };
      } else if (this.#pageOverride === 'annotate') {
        // The reader's "Annotate this page anyway" marks the page whatever the gate says, and
        // holds only on this address: no need to wait for the background.
        about = this.#gateAbout;
      } else {
        const verdict = await this.#verdictFor(decision, here);
        if (verdict === null) return; // a newer decision is under way, or the loader stopped
        about = verdict;
      }
    }
    this.#gateAbout = about;
    this.#decided = this.#decide();
    this.#landed = decision;
    first = this.#firstOwed;
    this.#firstOwed = false;
    // Calls that wait for the first decision go on now: what follows is loading.
    this.#decidedFirstNow();
    this.router.push();
    // The reader may select text or press the shortcut wherever highlights are allowed;
    // until the highlights controller runs, the loader listens for it (trusted input only).
    if (!this.#current.highlights) this.#watchSelection(false);
    else if (!this.#highlightsRunning) this.#watchSelection(true);
    if (this.#main) {
      await this.#main.update(this.#current);
      return;
    }
    if (this.#current.marks.active) {
      await (
        await this.#ensureMain('gate')
      )?.ready;
      return;
    }
    if (!this.#current.highlights) return;
    if (first) {
      const has = await this.#deps.hasHighlights(this.#url, doc, this.#pageIndex).catch(() => false);
      if (has) await (await this.#ensureMain('highlights'))?.ready;
      else this.#scheduleLateGate();
    }
  }

  /**
   * The gate's verdict for decision `decision` on the page as `here` finds it: the last
   * verdict where it was on the same page, else the background's answer, asked once no other
   * ask is in flight and GATE_ASK_SPACING_MS after the last. Null once a newer decision began
   * (or the loader stopped): that one decides instead.
   */
  async #verdictFor(decision: number, here: () => { url: string; paragraphs: number }): Promise<boolean | null> {
    for (;;) {
      if (decision !== this.#decisions || this.#stopped) return null;
      const page = here();
      const last = this.#lastVerdict;
      if (last !== null && last.url === page.url && last.paragraphs === page.paragraphs) return last.about;
      if (this.#asking) {
        await this.#asking;
        continue;
      }
      const wait = this.#askedAt + GATE_ASK_SPACING_MS - performance.now();
      if (wait > 0) {
        await new Promise((resolve) => this.#deps.win.setTimeout(resolve, wait));
        continue;
      }
      const t = perfStart();
      const { win } = this.#deps;
      let timer = 0;
      const asked = Promise.race([
        this.#deps.gateInput(win.document).then((input) => this.#deps.gate(input)),
        // A background that never answers must not hold every later decision.
        new Promise<never>((_, fail) => {
          timer = win.setTimeout(() => fail(new Error(`no answer in ${GATE_ASK_TIMEOUT_MS} ms`)), GATE_ASK_TIMEOUT_MS);
        }),
      ]).then(
        (about) => {
          this.#lastVerdict = { ...page, about };
          this.#askFailed = false;
          return about;
        },
        (error: unknown) => {
          console.warn('Glossa: the relevance gate did not answer:', error);
          this.#askFailed = true;
          return false; // not remembered: the next decision asks again
        },
      );
      this.#asking = asked;
      this.#askedAt = performance.now();
      const about = await asked;
      win.clearTimeout(timer);
      this.#asking = null;
      perfMeasure(PERF_GATE, t);
      return decision === this.#decisions && !this.#stopped ? about : null;
    }
  }

  #decide(): LoaderDecision {
    const marks = decideActivation(this.#settings, this.#url, this.#gateAbout, this.#pageOverride);
    const highlights =
      this.#settings.enabled &&
      (this.#pageOverride === 'annotate' || siteRuleFor(this.#settings, this.#url)?.rule !== 'never');
    return {
      storedSettings: this.#stored,
      siteSettings: this.#settings,
      url: this.#url,
      marks,
      highlights,
      gateAbout: this.#gateAbout,
    };
  }

  /**
   * The page said no at first: its article may arrive after the loader ran. The gate runs
   * again later only if the page has more paragraphs by then (counting them is one native
   * call; most pages are complete at document_idle and pay nothing more).
   */
  #scheduleLateGate(): void {
    const { win } = this.#deps;
    for (const t of this.#lateGates) win.clearTimeout(t);
    this.#lateGates = [];
    const paragraphs = () => win.document.getElementsByTagName('p').length;
    let seen = paragraphs();
    for (const ms of LATE_GATE_MS) {
      this.#lateGates.push(
        win.setTimeout(() => {
          if (this.#main || this.#loading) return;
          const now = paragraphs();
          // The same page: nothing to ask again, unless the last ask failed.
          if (now === seen && !this.#askFailed) return;
          seen = now;
          void this.#reconsider();
        }, ms),
      );
    }
  }

  /** The main chunk, loaded once on first need. */
  #ensureMain(trigger: Trigger): Promise<MainApi | null> {
    if (this.#main) return Promise.resolve(this.#main);
    if (this.#stopped) return Promise.resolve(null);
    if (!this.#loading) {
      this.trigger = trigger;
      for (const t of this.#lateGates) this.#deps.win.clearTimeout(t);
      this.#lateGates = [];
      const t = perfStart();
      this.#loading = this.#deps.loadMain(this.markPrefix).then(
        () => {
          perfMeasure(PERF_LOAD_MAIN, t);
          if (!this.#main) throw new Error('the main chunk did not start');
          return this.#main;
        },
        (error: unknown) => {
          console.warn('Glossa: could not start on this page:', error);
          this.#loading = null;
          return null;
        },
      );
    }
    return this.#loading;
  }

  /** A call from a page view or the background before the main chunk runs. */
  async #callWithoutMain(type: TabCallType, payload: unknown): Promise<unknown> {
    await this.#decidedFirst; // decided with the stored settings, not the defaults
    if (!this.#started) throw new Error('Glossa could not start on this page.');
    if (!this.#current.highlights && !this.#current.marks.active) {
      throw new Error('Glossa is switched off on this page.');
    }
    const main = await this.#ensureMain('call');
    if (!main) throw new Error('Glossa could not start on this page.');
    await main.ready;
    // The main chunk registered its handlers when it started: ask again.
    return this.router.replay(type, payload);
  }

  #snapshot(): PageSnapshot {
    const { win } = this.#deps;
    return {
      url: this.#url,
      title: win.document.title,
      state:
        !this.#started || this.#landed !== this.#decisions || (this.#loading && !this.#main) ? 'starting' : 'dormant',
      reason: this.#current.marks.reason,
      entities: [],
      highlights: { url: this.#url, hasSelection: false, items: [] },
    };
  }

  // ------------------------------------------------------------------ trusted selection

  /** Listen for the reader's selections and the shortcut (`on`), or stop. */
  #watchSelection(on: boolean): void {
    if (this.#watchingSelection === on) return;
    this.#watchingSelection = on;
    const doc = this.#deps.win.document;
    const listen = on ? 'addEventListener' : 'removeEventListener';
    doc[listen]('mouseup', this.#onPointerUp as EventListener, PASSIVE);
    doc[listen]('keyup', this.#onKeyUp as EventListener, PASSIVE);
    doc[listen]('keydown', this.#onKeyDown as EventListener, CAPTURE);
  }

  /** Only what the reader did counts: a page script's made-up events never load anything. */
  #trusted(e: Event): boolean {
    return this.#deps.trusted ? this.#deps.trusted(e) : e.isTrusted;
  }

  readonly #onPointerUp = (e: MouseEvent): void => {
    if (this.#trusted(e) && e.button === 0) this.#afterSelection();
  };

  readonly #onKeyUp = (e: KeyboardEvent): void => {
    if (this.#trusted(e) && (e.shiftKey || e.key === 'Shift')) this.#afterSelection();
  };

  /** The in-page Alt+Shift+H (the browser command is rebindable; this is its fallback). */
  readonly #onKeyDown = (e: KeyboardEvent): void => {
    if (!this.#trusted(e) || !isHighlightShortcut(e)) return;
    e.preventDefault();
    void this.#mainForSelection().then((main) => main?.highlightShortcut());
  };

  /** The main chunk for the reader's selection or shortcut, once the settings say highlights may run here. */
  async #mainForSelection(): Promise<MainApi | null> {
    void this.#wakeUp(performance.now());
    await this.#decidedFirst; // not the whole start (the main chunk's first screen): #ensureMain shares it
    // A start that failed before deciding knows no settings: nothing on its defaults.
    if (!this.#started || !this.#current.highlights) return null;
    return this.#ensureMain('selection');
  }

  #afterSelection(): void {
    // The selection is final after the event: look in the next task. Not `highlightsRunning`
    // here: the controller may have started between the event and this task, too late to
    // see the event itself, and a toolbar shown twice for one selection is harmless.
    this.#deps.win.setTimeout(() => {
      if (!hasReaderSelection(this.#deps.win.document)) return;
      void this.#mainForSelection().then((main) => main?.selectionMade());
    }, 0);
  }

  // ------------------------------------------------------------------ address changes

  #watchLocation(): void {
    const { win } = this.#deps;
    this.#cleanup.push(
      watchAddress(win, () => {
        // The same page at another anchor (a footnote, a scroll-spy) is no new page: the
        // reader's "Annotate this page anyway" stays, and nothing is decided again.
        const href = win.location.href;
        if (pageAddress(href) === pageAddress(this.#url)) return;
        this.#url = href;
        this.#pageOverride = null;
        // Before the start's first decision, that decision reads the new address itself.
        if (this.#started) void this.#reconsider(true);
      }),
    );
  }

  stop(): void {
    this.#stopped = true; // a gate's answer after this decides nothing, and nothing loads
    this.#decidedFirstNow(); // calls waiting for a first decision end (#callWithoutMain: not started, or nothing loads)
    this.#deps.win.clearTimeout(this.#verdictTimer);
    this.#watchSelection(false);
    for (const t of this.#lateGates) this.#deps.win.clearTimeout(t);
    for (const fn of this.#cleanup.splice(0)) fn();
    this.#main?.stop();
    this.router.stop();
    delete (globalThis as unknown as Global)[LOADER_KEY];
  }
}
