/**
 * The reader's highlights on a web page — wherever Glossa is on, whatever the relevance
 * gate says:
 *
 *   load:    this page's highlights (one message; the URL normalized, the canonical link
 *            honoured within the page's own origin);
 *   restore: anchoring per highlight (layer.ts, src/lib/anchoring) in slices, again when
 *            the page's text changes, then painted in Glossa's closed shadow root
 *            (src/lib/dom/overlay.ts) — never in the page's CSS highlight registry;
 *   report:  which were found and which are orphans (never deleted: listed, re-attachable);
 *   create:  the reader selects text → the toolbar (a colour, a note, or "Re-attach" for an
 *            orphan); also Alt+Shift+H, the browser command and the context menu;
 *   edit:    a click on a highlight (or the caret in it and Alt+Shift+H) opens its note
 *            editor: an extension page in a frame (ui.ts), where the page cannot read or
 *            change what the reader types.
 *
 * Only input the browser made counts (`isTrusted`), and a toolbar click only when the
 * toolbar was visible and uncovered (host.ts). Content scripts may create and re-attach
 * highlights; editing notes, colours and deleting are calls of the editor page.
 */
import type { OrphanItem } from '../../components/highlights';
import { caretAt, pointInRects } from '../../lib/dom/hit-test';
import { DEFAULT_COLOR, type HighlightColor } from '../../lib/highlights/colors';
import type { Highlight } from '../../lib/highlights/schema';
import { isStorableUrl, samePath } from '../../lib/highlights/url';
import { reasonOf } from '../../lib/protocol/result';
import type { PageSnapshot } from '../../lib/protocol/tab-calls';
import type { watchPageHighlights } from '../../platform/highlight-port';
import { sendMessage } from '../../platform/messaging';
import { isTyping, listen, revealRect, watchText } from '../kit/page-kit';
import { highlightsUrl } from '../loader/page-index';
import type { UiHost } from '../ui/host';
import { readerSelection, SelectionCapture, uuid, type Recognize } from './capture';
import { anchoredAt, HighlightLayer, pendingEntry, type Entry, type Painter } from './layer';
import { OverlayPainter } from '../../lib/dom/overlay';
import { HIGHLIGHT_BOX_CSS } from './boxes';
import { HighlightsUi, type UiActions, type UiState } from './ui';

/** Wait after the page's last text change before anchoring again. */
export const RETRY_DEBOUNCE_MS = 700;
/** ... but re-anchor at least this often while a page keeps changing. */
export const RETRY_MAX_WAIT_MS = 4_000;
/** Wait after the last anchoring before telling the background what was found. */
export const REPORT_DELAY_MS = 2_000;
/** A highlight clicked while a note was open opens if that note closes within this (ms). */
const OPEN_AFTER_CLOSE_MS = 3_000;
/** How long a highlight's creation waits for the one before it at most (see create). */
export const CREATE_WAIT_MS = 10_000;

export interface HighlightsOptions {
  /** The page's one UI host (shared with the entity card). */
  ui: UiHost;
  /** The note editor page's address for a highlight (`note.html#id=…`). */
  editorUrl(id: string): string;
  /** What the relevance gate said of the page. */
  gateAbout(): boolean;
  /** Called whenever `snapshot()` may have changed (the router pushes it to page views). */
  onChange(): void;
  /**
   * Subscribes to the background's pushes for a page (src/platform/highlight-port.ts);
   * given by the main chunk, which carries the port's checks, so the UI chunk does not.
   */
  watch: typeof watchPageHighlights;
  /** Test seams: what paints (default: the overlay) and what shows the UI (default: ui.ts). */
  painter?: Painter;
  makeUi?: (actions: UiActions, orphans: () => OrphanItem[]) => UiView;
}

/** What the controller needs of its UI (HighlightsUi; unit tests pass a recording fake). */
export type UiView = Pick<HighlightsUi, 'current' | 'set' | 'follow' | 'resizeEditor' | 'requestClose' | 'destroy'>;

export interface NoteFrameEvent {
  highlightId: string;
  event: 'close' | 'saved' | 'deleted' | 'resize';
  height?: number;
}

export class HighlightsController {
  private readonly doc: Document;
  private url = '';
  private readonly layer: HighlightLayer;
  private readonly entries: Map<string, Entry>;
  private readonly capture: SelectionCapture;
  private readonly ui: UiView;
  private lastColor: HighlightColor = DEFAULT_COLOR;
  private restoring: Promise<void> = Promise.resolve();
  private reportTimer: number | null = null;
  private lastReport = '';
  private hadSelection = false;
  /** Listeners and watches of one page (address): aborted on navigation and on stop. */
  private page = new AbortController();
  private watching = false;

  constructor(
    private readonly win: Window,
    recognize: Recognize,
    private readonly signal: AbortSignal,
    private readonly options: HighlightsOptions,
  ) {
    this.doc = win.document;
    const painter =
      options.painter ??
      new OverlayPainter(
        win,
        () => options.ui.panel('paint'),
        (css) => options.ui.addCss(css),
        HIGHLIGHT_BOX_CSS,
        signal,
      );
    this.layer = new HighlightLayer(win, painter, signal);
    this.entries = this.layer.entries;
    this.capture = new SelectionCapture(this.doc, recognize, options.gateAbout);
    const actions: UiActions = {
      highlight: (color, range) => void this.create(color, false, range),
      note: (range) => void this.create(this.lastColor, true, range),
      reattach: (id, range) => void this.reattach(id, range).catch((e: Error) => this.notice(e.message, true)),
      close: () => void this.ui.set({ kind: 'none' }),
    };
    this.ui = options.makeUi
      ? options.makeUi(actions, () => this.orphans())
      : new HighlightsUi(this.doc, options.ui, actions, () => this.orphans(), options.editorUrl);
    signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  async start(): Promise<void> {
    const d = this.doc;
    const s = this.signal;
    listen(d, 'mouseup', this.onMouseUp, s, { capture: true, passive: true });
    listen(d, 'click', this.onClick, s, { capture: true, passive: true });
    listen(d, 'keydown', this.onKeyDown, s, { capture: true });
    listen(d, 'selectionchange', this.onSelectionChange, s, { passive: true });
    listen(this.win, 'scroll', this.onScroll, s, { passive: true });
    listen(d, 'visibilitychange', this.onVisible, s);
    await this.load();
  }

  stop(): void {
    this.hub?.();
    this.hub = null;
    this.layer.cancel();
    this.page.abort();
    if (this.reportTimer !== null) this.win.clearTimeout(this.reportTimer);
    this.layer.clear();
    this.ui.destroy();
  }

  /** Single-page navigation: another article in the same document. */
  onLocationChange(): void {
    if (this.pageUrl() === this.url) return;
    void this.ui.set({ kind: 'none' });
    this.layer.cancel();
    this.entries.clear();
    this.layer.clear();
    this.page.abort();
    this.page = new AbortController();
    this.watching = false;
    this.hub?.();
    this.hub = null;
    void this.load();
  }

  /** Resolves once the current restore (if any) has finished. */
  settled(): Promise<void> {
    return this.restoring;
  }

  /** The highlights part of the page's snapshot. */
  snapshot(): PageSnapshot['highlights'] {
    return {
      url: this.url,
      hasSelection: this.selection() !== null,
      items: [...this.entries.values()].map((e) => ({
        id: e.h.id,
        state: e.state,
        color: e.h.color,
        note: e.h.note.trim() !== '',
        text: e.state === 'anchored' && e.index ? e.index.text.slice(e.start, e.end) : null,
      })),
    };
  }

  // ---------------------------------------------------------------- load, restore, report

  private pageUrl(): string {
    // The canonical link is the page's to set: normalizeUrl honours it only within the
    // page's own origin, so a page cannot pull another site's highlights into itself.
    return highlightsUrl(this.win.location.href, this.doc);
  }

  private async load(): Promise<void> {
    const url = (this.url = this.pageUrl());
    if (!isStorableUrl(url)) return;
    const res = await sendMessage('highlights/list', { url });
    // The page may have moved on (a single-page app) while the list was on its way.
    if (this.signal.aborted || url !== this.url) return;
    if (!res.ok) {
      console.warn('Glossa: could not load this page’s highlights:', res.error);
      return;
    }
    for (const hl of res.value) {
      const known = this.entries.get(hl.id);
      if (!known) this.entries.set(hl.id, pendingEntry(hl));
      else known.h = hl;
    }
    if (this.entries.size > 0) {
      this.subscribe();
      await this.restore();
    }
  }

  // ---------------------------------------------------------------- changes made elsewhere

  /** Unsubscribes from the background's pushes, when subscribed. */
  private hub: (() => void) | null = null;

  /**
   * Follow this page's highlights as they are written anywhere (the note frame, the
   * library, another tab): the background pushes each change over a port. The port closes
   * when the background stops (Chrome stops an idle worker after ~30 s); it is opened again,
   * with one read to catch up, when the reader comes back to the page — not kept open,
   * which would keep the background awake.
   */
  private subscribe(): void {
    if (this.hub || !isStorableUrl(this.url)) return;
    const url = this.url;
    this.hub = this.options.watch(
      url,
      (m) => {
        if (url !== this.url) return;
        if (m.type === 'highlight-removed') this.removed(m.id);
        else this.upsert(m.highlight);
      },
      () => {
        this.hub = null;
      },
    );
  }

  private readonly onVisible = (): void => {
    if (this.doc.visibilityState !== 'visible' || this.hub || this.entries.size === 0) return;
    this.subscribe();
    void this.load(); // what changed while nobody listened
  };

  /** A highlight as stored now: new on this page, edited, moved, or brought back. */
  private upsert(h: Highlight): void {
    if (h.deleted !== undefined) {
      this.removed(h.id);
      return;
    }
    const e = this.entries.get(h.id);
    const moved = !e || e.h.quote.exact !== h.quote.exact || e.h.position.start !== h.position.start;
    if (e && !moved) {
      this.changed(h);
      return;
    }
    if (e && e.state === 'anchored' && e.h.rev >= h.rev) return; // our own write, already drawn
    this.entries.set(h.id, pendingEntry(h));
    void this.restore();
  }

  /** Anchors every saved highlight again (sliced) and paints them; then reports what was found. */
  private restore(): Promise<void> {
    this.watch();
    this.restoring = this.layer.restore().then((done) => {
      if (done) this.scheduleReport();
    });
    return this.restoring;
  }

  /** Once the page has highlights: follow its text (retry anchoring) and the toolbar's place. */
  private watch(): void {
    if (this.watching || !this.doc.body) return;
    this.watching = true;
    const s = AbortSignal.any([this.signal, this.page.signal]);
    watchText(this.win, this.doc.body, () => void this.restore(), s, {
      debounceMs: RETRY_DEBOUNCE_MS,
      maxWaitMs: RETRY_MAX_WAIT_MS,
    });
  }

  private scheduleReport(): void {
    this.options.onChange();
    if (this.reportTimer !== null) this.win.clearTimeout(this.reportTimer);
    this.reportTimer = this.win.setTimeout(() => {
      this.reportTimer = null;
      void this.report();
    }, REPORT_DELAY_MS);
  }

  private async report(): Promise<void> {
    // Orphans are reported only for highlights kept under this page's own path (its address
    // with other parameters, `?ref=home`, is the same page). Reached through its canonical link
    // from another path of its origin, they are another page's: this one, showing text of its
    // own choosing, would mark them orphans there (a write a page could make; review). It
    // may still say which it found: that clears a mark, and only with the passage on show.
    const ownPath = samePath(this.url, this.win.location.href);
    const anchored: string[] = [];
    const orphaned: string[] = [];
    for (const e of this.entries.values()) {
      if (e.state === 'anchored') anchored.push(e.h.id);
      else if (e.state === 'orphan' && ownPath) orphaned.push(e.h.id);
    }
    const key = JSON.stringify([this.url, anchored, orphaned]);
    if (key === this.lastReport || (anchored.length === 0 && orphaned.length === 0)) return;
    const res = await sendMessage('highlights/anchor-report', { url: this.url, anchored, orphaned });
    if (res.ok) this.lastReport = key;
  }

  /** A highlight changed elsewhere (the editor, the library, another tab): take its new note and colour. */
  changed(h: Highlight): void {
    const e = this.entries.get(h.id);
    if (!e) return;
    e.h = h;
    this.layer.draw();
    this.options.onChange();
  }

  /**
   * A highlight was deleted (in its note frame, the library, another tab): it goes from the
   * page. A note frame open on it stays open: the frame shows the deletion itself — Undo, or
   * "deleted elsewhere" with Restore — and keeps what the reader was typing there. Closing
   * it here took both away without a word, and left that text in a draft of a deleted row.
   */
  removed(id: string): void {
    if (!this.entries.delete(id)) return;
    this.layer.draw();
    this.options.onChange();
  }

  // ---------------------------------------------------------------- create, re-attach

  private selection(): Range | null {
    return readerSelection(this.doc, (n) => this.options.ui.contains(n));
  }

  /** Creations one after the other (see create). */
  private creating: Promise<void> = Promise.resolve();

  /**
   * Toolbar, keyboard command, context menu: highlight the selection (and open its editor).
   * One at a time: a creation waits for the background twice (the passage's names, the
   * save), and the same passage highlighted twice meanwhile (the shortcut pressed twice)
   * must find the first one (and open it), not be saved again.
   */
  private create(color: HighlightColor, edit: boolean, range: Range | null = this.selection()): Promise<void> {
    // The selection as it is now (a selection's range is live), for a creation that waits.
    const at = range?.cloneRange() ?? null;
    // A creation stuck on the way (a background that never answers) holds the next ones
    // back for CREATE_WAIT_MS at most.
    const previous = new Promise<void>((resolve) => {
      const timer = this.win.setTimeout(resolve, CREATE_WAIT_MS);
      void this.creating.then(() => {
        this.win.clearTimeout(timer);
        resolve();
      });
    });
    const run = previous.then(() => this.createNow(color, edit, at));
    this.creating = run.catch(() => undefined);
    return run;
  }

  private async createNow(color: HighlightColor, edit: boolean, range: Range | null): Promise<void> {
    if (!range) {
      // No selection: the caret inside a highlight opens its editor (keyboard users).
      const sel = this.doc.getSelection();
      const at = sel && sel.rangeCount > 0 ? this.layer.entryAt(sel.anchorNode, sel.anchorOffset) : null;
      if (at) await this.openEditor(at, true);
      else this.notice('Select some text on the page first, then highlight it.', false);
      return;
    }
    if (!isStorableUrl(this.url)) {
      this.notice('Highlights can only be kept on web pages (http or https addresses).', true);
      return;
    }
    const cap = this.capture.capture(range);
    if (!cap) {
      this.notice('There is no page text in the selection to highlight.', false);
      return;
    }
    const existing = anchoredAt(this.entries.values(), cap.index, cap.start, cap.end);
    if (existing) {
      await this.openEditor(existing, true);
      return;
    }
    const draft = await this.capture.draft(cap, uuid(), this.url, color);
    if (typeof draft === 'string') {
      this.notice(draft, true);
      return;
    }
    this.lastColor = color;
    const res = await sendMessage('highlights/put', { annotation: draft });
    if (!res.ok) {
      this.notice(`The highlight was not saved. ${reasonOf(res.error)}`, true);
      return;
    }
    const entry: Entry = {
      h: res.value,
      state: 'anchored',
      method: 'exact',
      index: cap.index,
      start: cap.start,
      end: cap.end,
      unsaved: false,
    };
    this.layer.replaceIndex(cap.root, cap.index);
    this.entries.set(entry.h.id, entry);
    this.layer.draw();
    this.watch();
    this.subscribe();
    this.doc.getSelection()?.collapseToEnd();
    if (edit) await this.openEditor(entry, true);
    else await this.ui.set({ kind: 'none' });
    this.scheduleReport();
  }

  /** Moves an orphan to `range`; throws with what the reader should know. */
  private async reattach(id: string, range: Range | null = this.selection()): Promise<null> {
    const entry = this.entries.get(id);
    if (!entry) throw new Error('This highlight is not on this page.');
    if (!range) throw new Error('Select the text on the page to attach the highlight to, then try again.');
    const cap = this.capture.capture(range);
    if (!cap) throw new Error('There is no page text in the selection.');
    const draft = await this.capture.draft(cap, id, this.url, entry.h.color);
    if (typeof draft === 'string') throw new Error(draft);
    // Only the selectors move (the background keeps the stored note and colour).
    const res = await sendMessage('highlights/put', { annotation: { ...draft, note: entry.h.note } });
    if (!res.ok) throw new Error(reasonOf(res.error));
    this.layer.replaceIndex(cap.root, cap.index);
    Object.assign(entry, { h: res.value, state: 'anchored', index: cap.index, start: cap.start, end: cap.end });
    this.doc.getSelection()?.collapseToEnd();
    await this.ui.set({ kind: 'none' });
    this.layer.draw();
    this.scheduleReport();
    return null;
  }

  // ---------------------------------------------------------------- calls (router)

  /** The keyboard command or the context menu: highlight the selection, or edit the one at the caret. */
  async fromCommand(): Promise<null> {
    await this.create(this.lastColor, true);
    return null;
  }

  /** Move an orphan to the page's selection (the popup's "Re-attach to the selection"). */
  reattachToSelection(id: string): Promise<null> {
    return this.reattach(id);
  }

  /** Scroll to a highlight and flash it; `edit` opens its note editor. */
  reveal(id: string, edit: boolean): { revealed: boolean } {
    const entry = this.entries.get(id);
    const range = entry ? this.layer.liveRange(entry) : null;
    if (!entry || !range) return { revealed: false };
    revealRect(this.win, range.getBoundingClientRect());
    this.layer.flash(entry);
    if (edit) void this.openEditor(entry, true);
    return { revealed: true };
  }

  /** The loader saw the reader select text before this chunk ran: show the toolbar now. */
  selectionMade(): void {
    const range = this.selection();
    if (range && this.ui.current.kind !== 'editor') void this.ui.set({ kind: 'toolbar', range: range.cloneRange() });
  }

  /** What the note editor's frame reports (through the background). */
  noteFrameEvent(e: NoteFrameEvent): null {
    const ui = this.ui.current;
    const mine = ui.kind === 'editor' && ui.id === e.highlightId;
    switch (e.event) {
      case 'resize':
        if (e.height !== undefined) this.ui.resizeEditor(e.highlightId, e.height);
        break;
      case 'close':
        if (mine) {
          const next = this.openAfterClose;
          this.openAfterClose = null;
          // Only the close that click asked for, soon after it: a frame that stayed open (its
          // save failed) and is closed later by Esc opens nothing the reader clicked long ago.
          const asked = next && next.from === e.highlightId && performance.now() - next.at < OPEN_AFTER_CLOSE_MS;
          if (asked && this.entries.get(next.entry.h.id) === next.entry) void this.openEditor(next.entry, true);
          else void this.ui.set({ kind: 'none' });
        }
        break;
      case 'deleted':
        this.removed(e.highlightId);
        break;
      case 'saved':
        void this.refresh(e.highlightId);
        break;
    }
    return null;
  }

  /** Reads one highlight again after an edit elsewhere (until the background pushes it). */
  private async refresh(id: string): Promise<void> {
    const res = await sendMessage('highlights/list', { url: this.url });
    if (!res.ok) return;
    const h = res.value.find((x) => x.id === id);
    // upsert, not changed: a highlight restored in its note frame (Undo) was taken off the page.
    if (h) this.upsert(h);
    else this.removed(id);
  }

  // ---------------------------------------------------------------- UI

  private async openEditor(entry: Entry, focus: boolean): Promise<void> {
    const range = this.layer.liveRange(entry);
    const at = range?.getBoundingClientRect() ?? new DOMRect(this.win.innerWidth / 2, 40, 0, 0);
    await this.ui.set({ kind: 'editor', id: entry.h.id, at }, focus);
  }

  private notice(message: string, error: boolean): void {
    const sel = this.doc.getSelection();
    const at =
      sel && sel.rangeCount > 0
        ? sel.getRangeAt(0).getBoundingClientRect()
        : new DOMRect(this.win.innerWidth / 2, 40, 0, 0);
    void this.ui.set({ kind: 'notice', message, error, at }, error);
  }

  private orphans(): OrphanItem[] {
    return [...this.entries.values()]
      .filter((e) => e.state === 'orphan')
      .map((e) => ({ id: e.h.id, exact: e.h.quote.exact, note: e.h.note }));
  }

  // ---------------------------------------------------------------- page events (trusted only)

  private readonly onMouseUp = (e: MouseEvent): void => {
    if (!e.isTrusted || e.button !== 0 || this.options.ui.contains(e.target)) return;
    // The selection is final after the event: look in the next task.
    this.win.setTimeout(() => {
      if (this.signal.aborted) return;
      const range = this.selection();
      const ui: UiState = this.ui.current;
      if (range) {
        if (ui.kind !== 'editor') void this.ui.set({ kind: 'toolbar', range: range.cloneRange() });
      } else if (ui.kind === 'toolbar') void this.ui.set({ kind: 'none' });
    }, 0);
  };

  private scrollFrame = 0;
  /** The toolbar stays by its selection as the page scrolls (one move per frame). */
  private readonly onScroll = (): void => {
    if (this.scrollFrame || this.ui.current.kind !== 'toolbar') return;
    this.scrollFrame = this.win.requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.ui.follow();
    });
  };

  private readonly onSelectionChange = (): void => {
    const has = this.selection() !== null;
    if (has !== this.hadSelection) {
      this.hadSelection = has;
      this.options.onChange();
    }
    if (!has && this.ui.current.kind === 'toolbar') void this.ui.set({ kind: 'none' });
  };

  private readonly onClick = (e: MouseEvent): void => {
    if (!e.isTrusted || e.button !== 0 || this.options.ui.contains(e.target)) return;
    const sel = this.doc.getSelection();
    if (sel && !sel.isCollapsed) return;
    const ui = this.ui.current;
    const entry = this.highlightAt(e.clientX, e.clientY);
    if (ui.kind === 'editor' && ui.id !== entry?.h.id) {
      // Elsewhere, with a note open: it closes as Esc closes it, a changed note saved first,
      // and the highlight clicked (if any) opens once it has. Closed outright, the text was
      // left in a draft that no list showed (review). Where it cannot close (the save failed,
      // a conflict), it stays and says why; a second click closes it, the text kept as a draft
      // (not the second click of a double-click: that would take it away mid-save).
      if (e.detail > 1) return;
      this.openAfterClose = entry ? { entry, from: ui.id, at: performance.now() } : null;
      if (this.ui.requestClose()) return;
      this.openAfterClose = null;
    }
    if (entry) {
      if (ui.kind !== 'editor' || ui.id !== entry.h.id) void this.openEditor(entry, true);
      return;
    }
    if (ui.kind === 'editor' || ui.kind === 'notice') void this.ui.set({ kind: 'none' });
  };

  /** The highlight the reader clicked while note `from` was open, opened once that note has closed. */
  private openAfterClose: { entry: Entry; from: string; at: number } | null = null;

  /** The highlight under a point: the caret there, confirmed on the highlight's own boxes. */
  private highlightAt(x: number, y: number): Entry | null {
    if (this.entries.size === 0) return null;
    const caret = caretAt(this.doc, x, y);
    const entry = caret ? this.layer.entryAt(caret.node, caret.offset) : null;
    const rects = entry ? this.layer.liveRange(entry)?.getClientRects() : undefined;
    return entry && rects && pointInRects(rects, x, y) ? entry : null;
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return; // never a key a page script made up
    if (e.key === 'Escape' && this.ui.current.kind === 'toolbar') {
      void this.ui.set({ kind: 'none' });
      return;
    }
    // In-page fallback of the `highlight-selection` command (Alt+Shift+H); never while typing.
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyH') {
      if (this.options.ui.contains(e.target) || isTyping(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      void this.create(this.lastColor, true);
    }
  };
}
