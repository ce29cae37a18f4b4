/**
 * Entity marks on a page, composed from the pure core and the DOM seams:
 *
 *   decision (the loader: settings + relevance gate) ─ off ─> no marks
 *     └ on: sliced walk → the background's names → mentions → highlights near the viewport
 *           card data for the page's entities (one message) → hover / keyboard → card
 *
 * and keeps up with the page: text added or changed (MutationObserver), settings and
 * address changes (the loader calls `update`), a page clearing the highlights. Text in
 * open shadow roots and same-origin iframes is read and marked where it stands; the
 * frames' documents get the same pointer and key listeners, their `load` (a frame that
 * arrives or navigates) and the shadow roots' and frames' own mutations start a rescan.
 * A shadow root attached later to an element already on the page makes no mutation: it is
 * read at the next rescan (README, "Where Glossa reads"). Acts only
 * on input the browser made (`isTrusted`): a page's scripts cannot open cards or move the
 * keyboard focus through Glossa.
 */
import type { EntityCard } from '../../lib/cards/types';
import { HitIndex } from '../../lib/dom/hit-test';
import { EntityMarker, type MarkedMention, type MarkPainter } from '../../lib/dom/marker';
import { PERF_NAMES, perfMark, perfMeasure, perfStart } from '../../lib/dom/perf';
import { firstScreenWatch } from '../../lib/dom/first-screen';
import { documentGone } from '../../lib/dom/gone';
import { PageWalk } from '../../lib/dom/page-walk';
import { runSliced, yieldToPage } from '../../lib/dom/slices';
import { HoverIntent } from '../../lib/hover';
import type { EntityCommand } from '../../lib/commands';
import type { MarkNames } from '../../lib/mark-styles';
import type { PageContext } from '../../lib/match/page-rules';
import {
  cutWalkText,
  mentionsOf,
  type Recognized,
  type RecognizedMention,
  type WalkTextData,
} from '../../lib/match/walk-text';
import type { PageActivity, PageSnapshot } from '../../lib/protocol/tab-calls';
import type { ReaderTarget } from '../../lib/reader-url';
import type { Settings } from '../../lib/settings';
import { sendMessage } from '../../platform/messaging';
import type { PageDecision } from '../loader/contract';
import type { CardPresenter, CardPresenterFactory } from './card-presenter';

/**
 * Recognizes the names in a walk's text: on web pages the background does
 * (`content/recognize`), on the reader page the page itself. Rejects with why it could not.
 */
export type RecognizeWalk = (text: WalkTextData, ctx: PageContext, still?: () => boolean) => Promise<Recognized>;

/**
 * - `markNames`: the highlight names to use (random per activation on web pages).
 * - `cards`: the card presenter, made on first use (the UI chunk, with Preact).
 * - `openReader`: what a card's claim links do (default: the `reader/open` call, a new tab).
 * - `onChange`: called whenever `snapshot()` changed (the router pushes it to page views).
 */
export interface EntitiesOptions {
  /** Who recognizes the names in the text walked (the background, on web pages). */
  recognize: RecognizeWalk;
  markNames?: MarkNames;
  /**
   * How cards are shown: asked for on the first card (on web pages the UI chunk is
   * loaded then, unless it already is).
   */
  cards: CardPresenterFactory;
  openReader?: (target: ReaderTarget) => void;
  onChange?: () => void;
  /**
   * On web pages, what paints the marks of the page's own document (boxes in Glossa's
   * closed shadow root, which the page cannot read). Absent: they are registered in the
   * page's CSS highlight registry, which the page styles itself (the source reader).
   */
  painter?: MarkPainter;
}

/** Wait after the last DOM change before rescanning: pages often change in bursts. */
export const RESCAN_DEBOUNCE_MS = 600;

/** The entity part of a page's snapshot. */
export type EntitiesSnapshot = Pick<PageSnapshot, 'state' | 'reason' | 'entities'>;

export class EntitiesController {
  #settings: Settings | null = null;
  #state: EntitiesSnapshot = { state: 'starting', reason: null, entities: [] };
  #decision: PageDecision | null = null;

  #mentions: MarkedMention[] = [];
  #counts = new Map<string, number>();
  #hit: HitIndex | null = null;
  readonly #marker: EntityMarker;
  #cards = new Map<string, EntityCard>();
  #presenter: Promise<CardPresenter> | null = null;
  /** The presenter once made (synchronous checks: is a card open, is a node inside it). */
  #cardHost: CardPresenter | null = null;
  readonly #hover: HoverIntent<number>;
  #focusIndex = -1;
  /** Set while the keyboard path opens a card, so it opens once, with focus in it. */
  #openingByKeyboard = false;
  #returnFocus: Element | null = null;
  #scanRun = 0;
  #mutationObserver: MutationObserver | null = null;
  #rescanTimer: number | null = null;
  #pointerFrame = 0;
  #lastPointer: { x: number; y: number; doc: Document | null } = { x: 0, y: 0, doc: null };
  /** Same-origin frames' documents listened to, and every iframe watched for `load`. */
  #frameDocs: Document[] = [];
  #frameEls: HTMLIFrameElement[] = [];
  /** The document read in each frame by the last scan (null: none readable then). */
  readonly #frameDocOf = new Map<HTMLIFrameElement, Document>();
  #listening = false;

  readonly #win: Window;
  readonly #signal: AbortSignal;
  readonly #options: EntitiesOptions;

  constructor(win: Window, signal: AbortSignal, options: EntitiesOptions) {
    this.#win = win;
    this.#signal = signal;
    this.#options = options;
    this.#marker = new EntityMarker(win, options.markNames, options.painter);
    this.#hover = new HoverIntent<number>(
      { show: (i) => void this.#openCard(i, this.#openingByKeyboard), hide: () => this.#cardHost?.hide() },
      { set: (fn, ms) => win.setTimeout(fn, ms), clear: (id) => win.clearTimeout(id) },
    );
    signal.addEventListener('abort', () => this.stop());
  }

  /** The entity part of the page's snapshot. */
  snapshot(): EntitiesSnapshot {
    return this.#state;
  }

  /**
   * Carry out a decision of the loader (or the reader page's own): mark the page, or
   * take the marks away. Resolves once done (the scan finished, or superseded).
   */
  async update(decision: PageDecision): Promise<void> {
    const before = this.#decision;
    this.#decision = decision;
    const s = decision.settings;
    this.#settings = s;
    this.#hover.setShowDelay(s.hoverDelayMs);
    if (!decision.marks.active) {
      this.#deactivate(decision.marks.reason);
      return;
    }
    const unchanged =
      before !== null &&
      before.marks.active &&
      before.url === decision.url &&
      before.settings.markMode === s.markMode &&
      JSON.stringify(before.settings.kinds) === JSON.stringify(s.kinds);
    if (unchanged && this.#state.state === 'active') {
      this.#setState({ ...this.#state, reason: decision.marks.reason });
      return;
    }
    await this.#scan(decision.marks.reason);
  }

  #setState(next: EntitiesSnapshot): void {
    this.#state = next;
    this.#options.onChange?.();
  }

  #deactivate(reason: string): void {
    this.#scanRun++;
    this.#marker.clear();
    this.#hover.hideNow();
    this.#mentions = [];
    this.#hit = null;
    this.#counts.clear();
    this.#stopListening();
    this.#setState({ state: 'dormant', reason, entities: [] });
  }

  async #scan(reason: string): Promise<void> {
    const run = ++this.#scanRun;
    const doc = this.#win.document;
    if (!doc.body) return;
    const started = perfStart();
    this.#setState({ ...this.#state, state: 'scanning' as PageActivity, reason });
    // The walk keeps the text it reads; the background finds the names in it (on the
    // reader page, the page itself: options.recognize).
    const walk = new PageWalk(doc.body, { shadowRoots: true, frames: true });
    const ctx = { about: this.#decision?.gateAbout ?? true };
    // A page's first scan shows the first screen first: once the walk has read past it,
    // its marks are shown, then the rest of the page is read (first-screen.ts). A page
    // that fits on a screen or two is read whole at once; a rescan keeps the marks shown
    // until its whole result replaces them.
    const pastScreen = this.#mentions.length === 0 ? firstScreenWatch(this.#win, walk) : () => false;
    const paused = () => !walk.walked && pastScreen();
    let done = false;
    const stopped = await runSliced(
      (shouldYield) => (done = walk.step(() => shouldYield() || paused())) || paused(),
      this.#signal,
    );
    if (!stopped || run !== this.#scanRun) return;
    let shown = false;
    if (!done) {
      const first = await this.#recognize(walk, ctx, run);
      if (run !== this.#scanRun) return;
      if (first === null) return this.#recognitionFailed();
      this.#marker.show(walk, this.#markable(first).marked);
      this.#marksOnScreen(started);
      shown = true;
      walk.completeScope();
      const finished = await runSliced((shouldYield) => walk.step(shouldYield), this.#signal);
      if (!finished || run !== this.#scanRun) return;
    }
    const found = await this.#recognize(walk, ctx, run);
    if (run !== this.#scanRun) return;
    if (found === null) return this.#recognitionFailed();
    const { marked, counts, firstAt } = this.#markable(found);
    this.#counts = counts;
    this.#hit = null; // the old index points into the old mentions
    this.#mentions = marked;
    await yieldToPage();
    if (run !== this.#scanRun) return;
    this.#marker.show(walk, marked);
    if (!shown) this.#marksOnScreen(started);
    await yieldToPage();
    if (run !== this.#scanRun) return;
    this.#hit = new HitIndex(doc, walk, marked, (i) => this.#marker.range(i), walk.shadowRoots);
    this.#focusIndex = -1;
    this.#setState({
      state: 'active',
      reason,
      entities: [...this.#counts].map(([id, count]) => ({
        id,
        count,
        first: walk.length > 0 ? (firstAt.get(id) ?? 0) / walk.length : 0,
      })),
    });
    this.#startListening();
    this.#watchTrees(walk);
    await this.#loadCards([...this.#counts.keys()]);
  }

  /** The names in what `walk` walked so far, or null (and a warning) where they could not be had. */
  async #recognize(walk: PageWalk, ctx: PageContext, run: number): Promise<RecognizedMention[] | null> {
    const t = perfStart();
    const still = () => run === this.#scanRun && !this.#signal.aborted;
    try {
      // What a walk reads beyond MAX_WALK_CHARS (tens of megabytes of text) is not marked.
      return mentionsOf(await this.#options.recognize(cutWalkText(walk.text.data()), ctx, still));
    } catch (error) {
      if (still()) console.warn('Glossa: could not find the names on this page:', error);
      return null;
    } finally {
      perfMeasure(PERF_NAMES.recognize, t);
    }
  }

  /**
   * The names could not be had (the background failed twice): a rescan keeps the marks it
   * would have replaced; a first scan leaves none, and the page views say why.
   */
  #recognitionFailed(): void {
    if (this.#mentions.length > 0) this.#setState({ ...this.#state, state: 'active' });
    else this.#deactivate('recognition-failed');
  }

  /** The mentions to mark under the reader's settings (kinds, first mention only), and the page's counts. */
  #markable(all: readonly RecognizedMention[]): {
    marked: MarkedMention[];
    counts: Map<string, number>;
    firstAt: Map<string, number>;
  } {
    const s = this.#settings!;
    const counts = new Map<string, number>();
    const firstAt = new Map<string, number>();
    for (const m of all) {
      counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
      if (!firstAt.has(m.entityId)) firstAt.set(m.entityId, m.start);
    }
    const seen = new Set<string>();
    const marked: MarkedMention[] = [];
    for (const m of all) {
      const kind = m.kind;
      if (!s.kinds[kind]) continue;
      if (s.markMode === 'first' && seen.has(m.entityId)) continue;
      seen.add(m.entityId);
      marked.push({ entityId: m.entityId, kind, start: m.start, end: m.end });
    }
    return { marked, counts, firstAt };
  }

  /**
   * The bench's marks: the marks on screen are painted (their boxes in the layer; drawn in
   * the next frame).
   */
  #marksOnScreen(started: number): void {
    perfMark(PERF_NAMES.marksOnScreen);
    perfMeasure(PERF_NAMES.scan, started);
  }

  /** Card data for the page's entities, fetched once per scan so a card opens at once. */
  async #loadCards(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.#cards.has(id));
    if (missing.length === 0) return;
    const res = await sendMessage('cards/for-entities', { entityIds: missing });
    if (res.ok) for (const c of res.value) this.#cards.set(c.id, c);
  }

  // ---------------------------------------------------------------- cards

  /** The card presenter, made on the first card. */
  #cardsReady(): Promise<CardPresenter> {
    this.#presenter ??= Promise.resolve(
      this.#options.cards({
        pointerEnter: () => this.#hover.pointerEnterCard(),
        pointerLeave: () => this.#hover.pointerLeaveCard(),
        escape: () => this.#closeCard(true),
      }),
    ).then((p) => (this.#cardHost = p));
    return this.#presenter;
  }

  async #openCard(i: number, byKeyboard: boolean, entityId?: string): Promise<void> {
    const m = this.#mentions[i];
    const id = entityId ?? m?.entityId;
    if (!m || !id || !this.#hit) return;
    if (!this.#cards.has(id)) await this.#loadCards([id]);
    const card = this.#cards.get(id);
    const rect = this.#hit.rect(i);
    if (!card || !rect) return;
    const cards = await this.#cardsReady();
    if (byKeyboard && !cards.isOpen) this.#returnFocus = this.#win.document.activeElement;
    await cards.show(
      {
        card,
        pageCount: this.#counts.get(id) ?? 0,
        onSelectEntity: (other) => void this.#openCard(i, true, other),
        onOpenClaim: (claimId) => this.#openReader(claimId !== null ? { claimId } : { entityId: id }),
        onClose: () => this.#closeCard(true),
      },
      rect,
      byKeyboard,
    );
  }

  #openReader(target: ReaderTarget): void {
    if (this.#options.openReader) this.#options.openReader(target);
    else void sendMessage('reader/open', target);
  }

  #closeCard(restoreFocus: boolean): void {
    this.#hover.hideNow();
    this.#cardHost?.hide();
    // Not `instanceof HTMLElement`: an element in a frame belongs to another realm.
    const back = this.#returnFocus as HTMLElement | null;
    if (restoreFocus && back?.nodeType === 1 && typeof back.focus === 'function') back.focus();
    this.#returnFocus = null;
  }

  /** Keyboard: move to the next/previous marked name, scroll to it, open its card. */
  #step(delta: 1 | -1): void {
    const n = this.#mentions.length;
    if (n === 0) return;
    this.#reveal(this.#focusIndex < 0 ? (delta > 0 ? 0 : n - 1) : (this.#focusIndex + delta + n) % n);
  }

  /** Scroll mention i into view, emphasize it and open its card with focus in it. */
  #reveal(i: number): void {
    if (!this.#hit) return;
    this.#focusIndex = i;
    this.#marker.setFocus(i);
    this.#hit.scrollFrame(i);
    const rect = this.#hit.rect(i);
    if (rect && (rect.top < 0 || rect.bottom > this.#win.innerHeight)) {
      this.#win.scrollBy({ top: rect.top - this.#win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
    if (!this.#cardHost?.isOpen) this.#returnFocus = this.#win.document.activeElement;
    this.#openingByKeyboard = true;
    this.#hover.showNow(i);
    this.#openingByKeyboard = false;
  }

  // ---------------------------------------------------------------- page events

  #startListening(): void {
    if (this.#listening) return;
    this.#listening = true;
    const doc = this.#win.document;
    doc.addEventListener('pointermove', this.#onPointerMove, { passive: true, capture: true });
    doc.addEventListener('keydown', this.#onKeyDown, { capture: true });
    this.#win.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#mutationObserver = new MutationObserver(() => this.#scheduleRescan());
    this.#mutationObserver.observe(doc.body, { childList: true, characterData: true, subtree: true });
  }

  #stopListening(): void {
    if (!this.#listening) return;
    this.#listening = false;
    const doc = this.#win.document;
    doc.removeEventListener('pointermove', this.#onPointerMove, { capture: true });
    doc.removeEventListener('keydown', this.#onKeyDown, { capture: true });
    this.#win.removeEventListener('scroll', this.#onScroll);
    this.#mutationObserver?.disconnect();
    this.#mutationObserver = null;
    this.#unwatchTrees();
  }

  /**
   * The trees a scan read beyond the page's light DOM: listen in the frames' documents,
   * observe the shadow roots and frames' bodies (the page's observer does not see into
   * them), and rescan when any iframe met loads.
   */
  #watchTrees(walk: PageWalk): void {
    this.#unwatchTrees();
    const observer = this.#mutationObserver;
    if (!observer) return;
    const options = { childList: true, characterData: true, subtree: true };
    for (const root of walk.shadowRoots) observer.observe(root, options);
    const top = this.#win.document;
    for (const frame of walk.frames) {
      frame.addEventListener('load', this.#onFrameLoad);
      this.#frameEls.push(frame);
      let doc: Document | null = null;
      try {
        doc = frame.contentDocument;
      } catch {
        doc = null;
      }
      if (doc?.body) this.#frameDocOf.set(frame, doc);
      if (!doc?.body || doc === top || this.#frameDocs.includes(doc)) continue;
      doc.addEventListener('pointermove', this.#onPointerMove, { passive: true, capture: true });
      doc.addEventListener('keydown', this.#onKeyDown, { capture: true });
      observer.observe(doc.body, options);
      this.#frameDocs.push(doc);
    }
  }

  #unwatchTrees(): void {
    for (const frame of this.#frameEls) frame.removeEventListener('load', this.#onFrameLoad);
    for (const doc of this.#frameDocs) {
      // A frame's document that is gone is a dead object in Firefox (src/lib/dom/gone.ts).
      if (documentGone(doc)) continue;
      doc.removeEventListener('pointermove', this.#onPointerMove, { capture: true });
      doc.removeEventListener('keydown', this.#onKeyDown, { capture: true });
    }
    this.#frameEls = [];
    this.#frameDocs = [];
    this.#frameDocOf.clear();
    // The observer keeps its other targets until the next scan re-observes: disconnect and
    // observe the page's body again (observing a target twice only updates its options).
    if (this.#mutationObserver) {
      this.#mutationObserver.disconnect();
      this.#mutationObserver.observe(this.#win.document.body, { childList: true, characterData: true, subtree: true });
    }
  }

  /**
   * A frame loaded: rescan only when what Glossa can read of it changed — a same-origin
   * document it has not read, or one it read that is gone. Ad frames rotating cross-origin
   * content (a load event each time) cost nothing, and a page's made-up `load` is ignored.
   */
  readonly #onFrameLoad = (e: Event): void => {
    if (!e.isTrusted) return;
    const frame = e.currentTarget as HTMLIFrameElement;
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument?.body ? frame.contentDocument : null;
    } catch {
      doc = null;
    }
    const read = this.#frameDocOf.get(frame) ?? null;
    if (doc === read) return;
    this.#scheduleRescan();
  };

  readonly #onPointerMove = (e: PointerEvent): void => {
    if (!e.isTrusted) return; // a page's made-up pointer moves open no card
    // The document listened on: the page's, or a frame's (its own client coordinates).
    this.#lastPointer = { x: e.clientX, y: e.clientY, doc: e.currentTarget as Document };
    if (this.#pointerFrame) return;
    // One hit-test per frame at most, however fast the pointer moves.
    this.#pointerFrame = this.#win.requestAnimationFrame(() => {
      this.#pointerFrame = 0;
      if (!this.#hit) return;
      if (this.#cardHost?.contains(e.target)) return;
      const p = this.#lastPointer;
      const i = this.#hit.at(p.x, p.y, p.doc ?? this.#win.document);
      // The card's code (the UI chunk) loads on the first mark the pointer meets, during
      // the hover delay, so the card still opens on time.
      if (i >= 0 && !this.#presenter) this.#cardsReady().catch(() => (this.#presenter = null));
      this.#hover.pointerOver(i >= 0 ? i : null);
    });
  };

  readonly #onKeyDown = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return; // only the reader's keys, never a page script's
    if (e.key === 'Escape' && this.#cardHost?.isOpen) {
      this.#closeCard(true);
      return;
    }
    // In-page fallback for the keyboard commands (browsers let readers rebind those):
    // Alt+Shift+. / Alt+Shift+, — never while typing.
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'Period' || e.code === 'Comma')) {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      this.#step(e.code === 'Period' ? 1 : -1);
    }
  };

  readonly #onScroll = (): void => {
    // Cheap: a map lookup per highlight name. A frame whose page cleared its CSS.highlights
    // gets its marks back (the page's own marks are painted: nothing there to clear).
    this.#marker.repair();
  };

  #scheduleRescan(): void {
    if (this.#rescanTimer !== null) this.#win.clearTimeout(this.#rescanTimer);
    this.#rescanTimer = this.#win.setTimeout(() => {
      this.#rescanTimer = null;
      if (this.#decision?.marks.active) void this.#scan(this.#decision.marks.reason);
    }, RESCAN_DEBOUNCE_MS);
  }

  // ---------------------------------------------------------------- calls from page views

  /** Scroll to the entity's first mention and open its card (popup, side panel). */
  revealEntity(entityId: string): { revealed: boolean } {
    const i = this.#mentions.findIndex((m) => m.entityId === entityId);
    if (i >= 0) this.#reveal(i);
    return { revealed: i >= 0 };
  }

  /** A keyboard command from the browser: next or previous name. */
  command(command: EntityCommand): void {
    this.#step(command === 'next-entity' ? 1 : -1);
  }

  stop(): void {
    this.#scanRun++;
    this.#stopListening();
    this.#marker.clear();
    this.#cardHost?.destroy();
  }
}
