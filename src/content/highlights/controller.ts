/**
 * The reader's highlights on a web page — on EVERY page, whatever the relevance gate says:
 *
 *   load:    this page's highlights (one message; the URL normalized, canonical honoured)
 *   restore: per highlight, the text index of its root (the article's main text, see
 *            main-root.ts), then exact → position → fuzzy anchoring (src/lib/anchoring),
 *            all in slices of a few ms (runSliced), falling back to the whole body;
 *   draw:    StaticRanges in CSS Custom Highlights `glossa-hl-<color>` (the page's DOM is
 *            never touched), a dotted underline for those with a note;
 *   retry:   when the page's text changes (late-loading articles, dynamic pages), debounced;
 *   report:  which were found and which are orphans (never deleted: listed, re-attachable);
 *   create:  select text → a floating toolbar (closed shadow root): a color, a note, or
 *            "Re-attach" for an orphan; also Alt+Shift+H / the browser command and the
 *            context menu; the entities inside the passage are recorded with it;
 *   edit:    a click on a highlight opens its note editor (hit test via the caret position).
 */
import { h } from 'preact';
import {
  NoteEditor,
  Notice,
  PAGE_UI_CSS,
  SelectionToolbar,
  type OrphanItem,
  type SaveState,
} from '../../components/highlights';
import { describe as describeRange, type Selectors } from '../../lib/anchoring';
import type { Highlight } from '../../lib/highlights/schema';
import { caretAt, pointInRects } from '../../lib/dom/hit-test';
import { gateDocument } from '../../lib/dom/page';
import { TextIndex } from '../../lib/dom/text-index';
import { applyPageRules, sharedMatcher, type CompiledMatcherData, type Matcher } from '../../lib/match/matcher';
import { reasonOf } from '../../lib/protocol/background-calls';
import { sendMessage } from '../../platform/messaging';
import { colorOf, DEFAULT_COLOR, type HighlightColor } from '../../lib/highlights/colors';
import { anchoredAt, HighlightLayer, pendingEntry, type Entry } from './layer';
import { cssPath, findMainRoot } from '../../lib/dom/main-root';
import type { PageSnapshot } from '../../lib/protocol/tab-calls';
import { MAX_EXACT, MAX_TITLE, type HighlightDraftInput } from '../../lib/highlights/schema';
import { HighlightUiHost } from './ui-host';
import { isStorableUrl, normalizeUrl } from '../../lib/highlights/url';

/** Wait after the page's last text change before anchoring again. */
export const RETRY_DEBOUNCE_MS = 700;
/** ... but re-anchor at least this often while a page keeps changing. */
export const RETRY_MAX_WAIT_MS = 4_000;
/** Wait after the last anchoring before telling the background what was found. */
export const REPORT_DELAY_MS = 2_000;
/** Text before a passage read for the entity page rules (a surname needs the full name first). */
const ENTITY_CONTEXT_CHARS = 3_000;

interface Capture {
  root: Element;
  index: TextIndex;
  start: number;
  end: number;
  selectors: Selectors;
}

interface EditorState {
  id: string;
  draft: string;
  state: SaveState;
  deleted: Highlight | null;
}

function uuid(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts (not on http:// pages).
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = [...b].map((n) => n.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export class HighlightsController {
  private readonly doc: Document;
  private url = '';
  private readonly layer: HighlightLayer;
  private readonly entries: Map<string, Entry>;
  private observer: MutationObserver | null = null;
  private retryTimer: number | null = null;
  private firstPending = 0;
  private reportTimer: number | null = null;
  private lastReport = '';
  private readonly ui: HighlightUiHost;
  private uiMode: 'none' | 'toolbar' | 'editor' | 'notice' = 'none';
  private toolbarRange: Range | null = null;
  private editor: EditorState | null = null;
  private returnFocus: Element | null = null;
  private lastColor: HighlightColor = DEFAULT_COLOR;
  private matcher: Matcher | null = null;
  private restoring: Promise<void> = Promise.resolve();
  private scrollFrame = 0;
  /** Notes typed for highlights whose save is still in flight. */
  private readonly pendingNotes = new Map<string, string>();

  constructor(
    private readonly win: Window,
    /** The build-time compiled matcher (content-match.json), built on first use. */
    private readonly compiled: CompiledMatcherData | null,
    private readonly signal: AbortSignal,
    /** Called whenever `snapshot()` may have changed (the router pushes it to page views). */
    private readonly onChange: () => void = () => undefined,
  ) {
    this.doc = win.document;
    this.layer = new HighlightLayer(win, signal);
    this.entries = this.layer.entries;
    this.ui = new HighlightUiHost(this.doc, PAGE_UI_CSS, { escape: () => this.closeUi(true) });
    signal.addEventListener('abort', () => this.stop());
  }

  async start(): Promise<void> {
    const d = this.doc;
    d.addEventListener('mouseup', this.onMouseUp, { capture: true, passive: true });
    d.addEventListener('click', this.onClick, { capture: true, passive: true });
    d.addEventListener('keydown', this.onKeyDown, { capture: true });
    d.addEventListener('selectionchange', this.onSelectionChange, { passive: true });
    await this.load();
  }

  stop(): void {
    this.layer.cancel();
    const d = this.doc;
    d.removeEventListener('mouseup', this.onMouseUp, { capture: true });
    d.removeEventListener('click', this.onClick, { capture: true });
    d.removeEventListener('keydown', this.onKeyDown, { capture: true });
    d.removeEventListener('selectionchange', this.onSelectionChange);
    this.win.removeEventListener('scroll', this.onScroll, { capture: true });
    this.scrolling = false;
    this.observer?.disconnect();
    this.observer = null;
    for (const t of [this.retryTimer, this.reportTimer]) if (t !== null) this.win.clearTimeout(t);
    this.layer.clear();
    this.ui.destroy();
  }

  /** Single-page navigation: another article in the same document. */
  onLocationChange(): void {
    const next = this.pageUrl();
    if (next === this.url) return;
    this.closeUi(false);
    this.layer.cancel();
    this.entries.clear();
    this.layer.clear();
    void this.load();
  }

  /** Resolves once the current restore (if any) has finished (tests, bench). */
  settled(): Promise<void> {
    return this.restoring;
  }

  // ---------------------------------------------------------------- load, restore, draw

  private pageUrl(): string {
    // The canonical link is the page's to set: honoured only within the page's own origin,
    // so a page cannot pull another site's highlights (and notes) into itself.
    const href = this.doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
    let canonical: string | null = null;
    if (href) {
      try {
        const c = new URL(href, this.win.location.href);
        if (c.origin === this.win.location.origin) canonical = c.href;
      } catch {
        canonical = null;
      }
    }
    return normalizeUrl(this.win.location.href, canonical);
  }

  private async load(): Promise<void> {
    const url = (this.url = this.pageUrl());
    if (!isStorableUrl(url)) return;
    const res = await sendMessage('highlights/list', { url });
    // The page may have moved on (a single-page app) while the list was on its way.
    if (this.signal.aborted || url !== this.url) return;
    if (!res.ok) {
      // No background (extension reloaded) or storage unreadable: nothing to restore, say why in the console.
      console.warn('Glossa: could not load this page’s highlights:', res.error);
      return;
    }
    for (const hl of res.value) {
      const prior = this.entries.get(hl.id);
      this.entries.set(hl.id, prior ?? pendingEntry(hl));
    }
    if (this.entries.size > 0) {
      this.observe();
      await this.restore();
    }
  }

  /** Anchors every saved highlight again (sliced) and draws them; then reports what was found. */
  private restore(): Promise<void> {
    this.restoring = this.layer.restore().then((done) => {
      if (done) this.scheduleReport();
    });
    return this.restoring;
  }

  private scheduleReport(): void {
    this.onChange();
    if (this.reportTimer !== null) this.win.clearTimeout(this.reportTimer);
    this.reportTimer = this.win.setTimeout(() => {
      this.reportTimer = null;
      void this.report();
    }, REPORT_DELAY_MS);
  }

  private async report(): Promise<void> {
    // The page is still changing (a late article?): report once it has settled.
    if (this.retryTimer !== null) {
      this.scheduleReport();
      return;
    }
    const anchored: string[] = [];
    const orphaned: string[] = [];
    for (const e of this.entries.values()) {
      if (e.unsaved) continue;
      if (e.state === 'anchored') anchored.push(e.h.id);
      else if (e.state === 'orphan') orphaned.push(e.h.id);
    }
    const key = JSON.stringify([this.url, anchored, orphaned]);
    if (key === this.lastReport || (anchored.length === 0 && orphaned.length === 0)) return;
    const res = await sendMessage('highlights/anchor-report', { url: this.url, anchored, orphaned });
    if (res.ok) this.lastReport = key;
  }

  // ---------------------------------------------------------------- text changes

  private observe(): void {
    this.followScroll();
    if (this.observer || !this.doc.body) return;
    this.observer = new MutationObserver((records) => {
      const relevant = records.some((r) => !this.ui.contains(r.target));
      if (relevant) this.scheduleRetry();
    });
    this.observer.observe(this.doc.body, { childList: true, characterData: true, subtree: true });
  }

  private scheduleRetry(): void {
    const now = Date.now();
    if (this.retryTimer === null) this.firstPending = now;
    else this.win.clearTimeout(this.retryTimer);
    const wait = Math.max(0, Math.min(RETRY_DEBOUNCE_MS, this.firstPending + RETRY_MAX_WAIT_MS - now));
    this.retryTimer = this.win.setTimeout(() => {
      this.retryTimer = null;
      void this.restore();
    }, wait);
  }

  // ---------------------------------------------------------------- creating

  private selectionRange(): Range | null {
    const sel = this.doc.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const node = range.commonAncestorContainer;
    if (this.ui.contains(node)) return null;
    const el = node instanceof Element ? node : node.parentElement;
    if (!el || el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return null;
    return range;
  }

  /** The selection as offsets into its root's fresh text index, with selectors. */
  private capture(range: Range): Capture | null {
    const body = this.doc.body;
    if (!body) return null;
    const main = findMainRoot(this.doc) ?? body;
    const root = main.contains(range.commonAncestorContainer) ? main : body;
    const index = TextIndex.build(root);
    const old = this.layer.replaceIndex(root, index);
    // The text changed since the last anchoring: the others' offsets are stale.
    if (old && old.text !== index.text && this.entries.size > 0) this.scheduleRetry();
    const offsets = index.offsetsOf(range);
    if (!offsets) return null;
    const selectors = describeRange(index.text, offsets.start, offsets.end);
    if (!selectors || !selectors.position) return null;
    return { root, index, start: selectors.position.start, end: selectors.position.end, selectors };
  }

  private entitiesIn(index: TextIndex, start: number, end: number): string[] {
    if (!this.compiled) return [];
    try {
      this.matcher ??= sharedMatcher(this.compiled);
      const from = Math.max(0, start - ENTITY_CONTEXT_CHARS);
      const found = applyPageRules(this.matcher, this.matcher.scan(index.text.slice(from, end)), {
        about: gateDocument(this.doc).about,
      });
      const ids: string[] = [];
      for (const m of found) {
        if (m.start + from >= start && !ids.includes(m.entityId)) ids.push(m.entityId);
      }
      return ids;
    } catch (error) {
      console.warn('Glossa: could not recognize the names in the passage', error);
      return [];
    }
  }

  private draftFor(cap: Capture, id: string, color: HighlightColor, note: string): HighlightDraftInput | string {
    if (cap.selectors.quote.exact.length > MAX_EXACT) {
      return `The selection is too long to highlight (more than ${MAX_EXACT.toLocaleString('en')} characters).`;
    }
    const scope = cssPath(cap.root, this.doc);
    return {
      id,
      url: this.url,
      title: (this.doc.title || '').trim().slice(0, MAX_TITLE),
      quote: cap.selectors.quote,
      position: cap.selectors.position!,
      color,
      note,
      entityIds: this.entitiesIn(cap.index, cap.start, cap.end),
      ...(scope ? { scope } : {}),
    };
  }

  /** Toolbar, keyboard command, context menu: highlight the selection. */
  async highlightSelection(
    color: HighlightColor,
    openEditor: boolean,
    range: Range | null = this.selectionRange(),
  ): Promise<void> {
    if (!range) {
      // No selection: the caret inside a highlight opens its editor (keyboard users).
      const sel = this.doc.getSelection();
      const at = sel && sel.rangeCount > 0 ? this.layer.entryAt(sel.anchorNode, sel.anchorOffset) : null;
      if (at) {
        await this.openEditor(at, true);
        return;
      }
      this.showNotice('Select some text on the page first, then highlight it.', false);
      return;
    }
    if (!isStorableUrl(this.url)) {
      this.showNotice('Highlights can only be kept on web pages (http or https addresses).', true);
      return;
    }
    const cap = this.capture(range);
    if (!cap) {
      this.showNotice('There is no page text in the selection to highlight.', false);
      return;
    }
    const existing = anchoredAt(this.entries.values(), cap.index, cap.start, cap.end);
    if (existing) {
      await this.openEditor(existing, true);
      return;
    }
    const draft = this.draftFor(cap, uuid(), color, '');
    if (typeof draft === 'string') {
      this.showNotice(draft, true);
      return;
    }
    this.lastColor = color;
    const now = new Date().toISOString();
    const entry: Entry = {
      h: { ...draft, created: now, updated: now },
      state: 'anchored',
      method: 'exact',
      index: cap.index,
      start: cap.start,
      end: cap.end,
      unsaved: true,
    };
    this.entries.set(draft.id, entry);
    this.layer.draw();
    this.observe();
    this.doc.getSelection()?.collapseToEnd();
    this.hideToolbar();
    if (openEditor) await this.openEditor(entry, true);
    await this.save(entry, draft);
  }

  private async save(entry: Entry, draft: HighlightDraftInput): Promise<boolean> {
    const id = entry.h.id;
    this.setEditor(id, { state: { kind: 'saving' } });
    const res = await sendMessage('highlights/put', { annotation: draft });
    if (res.ok) {
      entry.h = res.value;
      entry.unsaved = false;
      this.onChange();
      // A note typed while the highlight was being saved: in the open editor, or left when it closed.
      const open = this.editor?.id === id && !this.editor.deleted;
      const pending = open ? this.editor!.draft : this.pendingNotes.get(id);
      this.pendingNotes.delete(id);
      if (pending !== undefined && pending !== res.value.note && pending.trim()) {
        if (open) await this.saveNote(entry, pending);
        else {
          const r = await sendMessage('highlights/update', { id, note: pending });
          if (r.ok) {
            entry.h = r.value;
            this.layer.draw();
          } else await this.showSaveError(entry, `The note was not saved. ${reasonOf(r.error)}`, pending);
        }
      } else if (open) this.setEditor(id, { state: { kind: 'saved' } });
      return true;
    }
    await this.showSaveError(entry, `The highlight was not saved. ${reasonOf(res.error)}`);
    return false;
  }

  /**
   * Say in `entry`'s editor why a save failed, opening it again if the reader has moved
   * on (a save can finish late), with the note they typed: nothing is lost silently.
   */
  private async showSaveError(entry: Entry, message: string, draft?: string): Promise<void> {
    if (this.editor?.id === entry.h.id) this.setEditor(entry.h.id, { state: { kind: 'error', message } });
    else await this.openEditor(entry, false, { kind: 'error', message });
    if (draft !== undefined && this.editor?.id === entry.h.id) this.editor.draft = draft;
  }

  private async reattach(
    id: string,
    range: Range | null = this.selectionRange(),
  ): Promise<{ ok: boolean; error?: string }> {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, error: 'This highlight is not on this page.' };
    if (!range) return { ok: false, error: 'Select the text on the page to attach the highlight to, then try again.' };
    const cap = this.capture(range);
    if (!cap) return { ok: false, error: 'There is no page text in the selection.' };
    const draft = this.draftFor(cap, id, colorOf(entry.h.color), entry.h.note);
    if (typeof draft === 'string') return { ok: false, error: draft };
    const res = await sendMessage('highlights/put', { annotation: draft });
    if (!res.ok) return { ok: false, error: reasonOf(res.error) };
    Object.assign(entry, {
      h: res.value,
      state: 'anchored',
      index: cap.index,
      start: cap.start,
      end: cap.end,
      unsaved: false,
    });
    this.doc.getSelection()?.collapseToEnd();
    this.hideToolbar();
    this.layer.draw();
    this.scheduleReport();
    return { ok: true };
  }

  // ---------------------------------------------------------------- editing

  private async openEditor(entry: Entry, focus: boolean, state: SaveState = { kind: 'idle' }): Promise<void> {
    const range = this.layer.liveRange(entry);
    const rect = range?.getBoundingClientRect() ?? new DOMRect(this.win.innerWidth / 2, 40, 0, 0);
    if (focus && !this.ui.hasFocus()) this.returnFocus = this.doc.activeElement;
    this.toolbarRange = null;
    this.editor = { id: entry.h.id, draft: entry.h.note, state, deleted: null };
    this.uiMode = 'editor';
    await this.ui.show(this.renderEditor(), rect, focus);
  }

  /** Update the editor of highlight `id`, if that is still the one open (saves finish late). */
  private setEditor(id: string, patch: Partial<EditorState>): void {
    if (this.editor?.id !== id) return;
    this.editor = { ...this.editor, ...patch };
    this.ui.update(this.renderEditor());
  }

  private renderEditor() {
    const ed = this.editor!;
    const entry = this.entries.get(ed.id);
    const hl = entry?.h ?? ed.deleted!;
    return h(NoteEditor, {
      key: ed.id,
      quote: hl.quote.exact,
      note: hl.note,
      color: colorOf(hl.color),
      state: ed.state,
      deleted: ed.deleted !== null,
      idPrefix: 'glossa-hl',
      onDraft: (note: string) => {
        if (this.editor) this.editor.draft = note;
      },
      onSave: (note: string) => {
        const e = this.entries.get(ed.id);
        if (e) void this.saveNote(e, note, true);
      },
      onColor: (color: HighlightColor) => {
        const e = this.entries.get(ed.id);
        if (e) void this.saveColor(e, color);
      },
      onDelete: () => {
        const e = this.entries.get(ed.id);
        if (e) void this.remove(e);
      },
      onUndoDelete: () => void this.undoRemove(),
      onRetry: entry?.unsaved
        ? () => {
            const e = this.entries.get(ed.id);
            if (!e) return;
            const { created: _c, updated: _u, deleted: _d, orphaned: _o, ...draft } = e.h;
            void this.save(e, { ...draft, note: this.editor?.draft ?? e.h.note } as HighlightDraftInput);
          }
        : undefined,
      onClose: () => this.closeUi(true),
    });
  }

  private async saveNote(entry: Entry, note: string, close = false): Promise<boolean> {
    if (entry.unsaved) {
      // Stored once the highlight itself is (see save()).
      if (this.editor?.id === entry.h.id) this.editor.draft = note;
      this.pendingNotes.set(entry.h.id, note);
      if (close) this.closeUi(true);
      return false;
    }
    if (note === entry.h.note) {
      if (close) this.closeUi(true);
      return true;
    }
    this.setEditor(entry.h.id, { state: { kind: 'saving' } });
    const res = await sendMessage('highlights/update', { id: entry.h.id, note });
    if (!res.ok) {
      await this.showSaveError(entry, `The note was not saved. ${reasonOf(res.error)}`, note);
      return false;
    }
    entry.h = res.value;
    this.layer.draw();
    if (close && this.editor?.id === entry.h.id) void this.closeUi(true);
    else this.setEditor(entry.h.id, { state: { kind: 'saved' } });
    return true;
  }

  private async saveColor(entry: Entry, color: HighlightColor): Promise<void> {
    this.lastColor = color;
    if (entry.unsaved) {
      entry.h = { ...entry.h, color };
      this.layer.draw();
      this.setEditor(entry.h.id, {});
      return;
    }
    const res = await sendMessage('highlights/update', { id: entry.h.id, color });
    if (!res.ok) {
      this.setEditor(entry.h.id, {
        state: { kind: 'error', message: `The color was not changed. ${reasonOf(res.error)}` },
      });
      return;
    }
    entry.h = res.value;
    this.layer.draw();
    this.setEditor(entry.h.id, { state: { kind: 'saved' } });
  }

  private async remove(entry: Entry): Promise<void> {
    if (entry.unsaved) {
      this.entries.delete(entry.h.id);
      this.layer.draw();
      this.closeUi(true);
      return;
    }
    const res = await sendMessage('highlights/delete', { id: entry.h.id });
    if (!res.ok) {
      this.setEditor(entry.h.id, {
        state: { kind: 'error', message: `The highlight was not deleted. ${reasonOf(res.error)}` },
      });
      return;
    }
    this.entries.delete(entry.h.id);
    this.layer.draw();
    this.onChange();
    this.setEditor(entry.h.id, { deleted: entry.h, state: { kind: 'idle' } });
    this.ui.focus();
  }

  private async undoRemove(): Promise<void> {
    const gone = this.editor?.deleted;
    if (!gone) return;
    const res = await sendMessage('highlights/restore', { id: gone.id });
    if (!res.ok) {
      this.showNotice(`The highlight could not be restored. ${reasonOf(res.error)}`, true);
      return;
    }
    const entry = pendingEntry(res.value);
    this.entries.set(gone.id, entry);
    this.closeUi(true);
    await this.restore();
  }

  /**
   * Esc, Close, a click elsewhere: close what is open; the editor saves a changed note
   * first. Resolves to false when that save failed and the editor stays open to say why.
   */
  private closeUi(restoreFocus: boolean): Promise<boolean> {
    if (this.uiMode === 'editor' && this.editor && !this.editor.deleted) {
      const entry = this.entries.get(this.editor.id);
      if (entry && !entry.unsaved && this.editor.draft !== entry.h.note) {
        // Keep the editor open until the note is stored; on failure it shows why.
        return this.saveNote(entry, this.editor.draft, true);
      }
      if (entry?.unsaved) {
        if (this.editor.state.kind === 'error') {
          // Never stored: drop the mark (the reader has seen why).
          this.entries.delete(entry.h.id);
          this.pendingNotes.delete(entry.h.id);
          this.layer.draw();
        } else if (this.editor.draft !== entry.h.note) {
          // Its save is in flight: the note follows it (see save()).
          this.pendingNotes.set(entry.h.id, this.editor.draft);
        }
      }
    }
    this.ui.hide();
    this.uiMode = 'none';
    this.editor = null;
    this.toolbarRange = null;
    if (restoreFocus && this.returnFocus instanceof HTMLElement) this.returnFocus.focus();
    this.returnFocus = null;
    return Promise.resolve(true);
  }

  private showNotice(message: string, error: boolean): void {
    const sel = this.doc.getSelection();
    const rect =
      sel && sel.rangeCount > 0
        ? sel.getRangeAt(0).getBoundingClientRect()
        : new DOMRect(this.win.innerWidth / 2, 40, 0, 0);
    this.uiMode = 'notice';
    this.editor = null;
    void this.ui.show(h(Notice, { message, error, onClose: () => this.closeUi(true) }), rect, error);
  }

  // ---------------------------------------------------------------- toolbar and page events

  private orphans(): OrphanItem[] {
    return [...this.entries.values()]
      .filter((e) => e.state === 'orphan')
      .map((e) => ({ id: e.h.id, exact: e.h.quote.exact, note: e.h.note }));
  }

  private toolbar() {
    return h(SelectionToolbar, {
      onHighlight: (c: HighlightColor) => void this.highlightSelection(c, false, this.toolbarRange),
      onNote: () => void this.highlightSelection(this.lastColor, true, this.toolbarRange),
      orphans: this.orphans(),
      onReattach: (id: string) => {
        void this.reattach(id, this.toolbarRange).then((r) => {
          if (!r.ok) this.showNotice(r.error ?? 'Could not re-attach the highlight.', true);
        });
      },
    });
  }

  private showToolbar(range: Range): void {
    this.followScroll();
    this.toolbarRange = range.cloneRange();
    this.uiMode = 'toolbar';
    this.editor = null;
    void this.ui.show(this.toolbar(), range.getBoundingClientRect(), false);
  }

  private hideToolbar(): void {
    if (this.uiMode !== 'toolbar') return;
    this.ui.hide();
    this.uiMode = 'none';
    this.toolbarRange = null;
  }

  private readonly onMouseUp = (e: MouseEvent): void => {
    if (!e.isTrusted) return; // a page's made-up events never open Glossa's UI
    if (e.button !== 0 || this.ui.contains(e.target)) return;
    // The selection is final after the event: look in the next task.
    this.win.setTimeout(() => {
      if (this.signal.aborted) return;
      const range = this.selectionRange();
      if (range) {
        if (this.uiMode === 'editor') this.closeUi(false);
        if (this.uiMode === 'none' || this.uiMode === 'toolbar' || this.uiMode === 'notice') this.showToolbar(range);
      } else if (this.uiMode === 'toolbar') this.hideToolbar();
    }, 0);
  };

  private hadSelection = false;

  private readonly onSelectionChange = (): void => {
    const has = this.selectionRange() !== null;
    if (has !== this.hadSelection) {
      this.hadSelection = has;
      this.onChange();
    }
    if (this.uiMode !== 'toolbar') return;
    const sel = this.doc.getSelection();
    if (!sel || sel.isCollapsed) this.hideToolbar();
  };

  /**
   * Listen to scrolling once there is something to keep up (highlights on the page, the
   * toolbar): most pages have neither, and a listener on them would run every frame.
   */
  private followScroll(): void {
    if (this.scrolling) return;
    this.scrolling = true;
    this.win.addEventListener('scroll', this.onScroll, { passive: true, capture: true });
  }

  private scrolling = false;

  private readonly onScroll = (): void => {
    if (this.scrollFrame) return;
    // At most once per frame: put our highlights back if the page cleared them; keep the toolbar by the selection.
    this.scrollFrame = this.win.requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.layer.repair();
      if (this.uiMode === 'toolbar' && this.toolbarRange) {
        void this.ui.show(this.toolbar(), this.toolbarRange.getBoundingClientRect(), false);
      }
    });
  };

  private readonly onClick = (e: MouseEvent): void => {
    if (!e.isTrusted) return;
    if (e.button !== 0 || this.ui.contains(e.target)) return;
    const sel = this.doc.getSelection();
    if (sel && !sel.isCollapsed) return;
    if (this.entries.size === 0) {
      if (this.uiMode === 'editor' || this.uiMode === 'notice') this.closeUi(false);
      return;
    }
    const caret = caretAt(this.doc, e.clientX, e.clientY);
    const entry = caret ? this.layer.entryAt(caret.node, caret.offset) : null;
    if (entry) {
      // The caret snaps to the nearest character: confirm the point is on the highlight's boxes.
      const rects = this.layer.liveRange(entry)?.getClientRects();
      if (rects && pointInRects(rects, e.clientX, e.clientY)) {
        if (this.editor?.id !== entry.h.id) void this.switchEditor(entry);
        return;
      }
    }
    if (this.uiMode === 'editor' || this.uiMode === 'notice') this.closeUi(false);
  };

  /** Open `entry`'s editor once the open one has stored its note (a failed save keeps it open). */
  private async switchEditor(entry: Entry): Promise<void> {
    if (this.uiMode === 'editor' && !(await this.closeUi(false))) return;
    await this.openEditor(entry, true);
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.uiMode === 'toolbar') {
      this.hideToolbar();
      return;
    }
    // In-page fallback of the `highlight-selection` command (Alt+Shift+H); never while typing,
    // and never for a key event the page made up: it would write to the reader's library.
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyH' && e.isTrusted) {
      const t = e.target as HTMLElement | null;
      if (this.ui.contains(t)) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      e.stopPropagation();
      void this.highlightSelection(this.lastColor, true);
    }
  };

  // ---------------------------------------------------------------- messages

  /** The highlights part of the page's snapshot. */
  snapshot(): PageSnapshot['highlights'] {
    return {
      url: this.url,
      hasSelection: this.selectionRange() !== null,
      items: [...this.entries.values()].filter((e) => !e.unsaved).map((e) => ({ id: e.h.id, state: e.state })),
    };
  }

  /** Resolves once the current restore has finished (what a page view should see). */
  async settledSnapshot(): Promise<PageSnapshot['highlights']> {
    await this.restoring;
    return this.snapshot();
  }

  /** Scroll to a highlight and flash it; `edit` opens its note editor. */
  reveal(id: string, edit: boolean): { revealed: boolean } {
    const entry = this.entries.get(id);
    const range = entry ? this.layer.liveRange(entry) : null;
    if (!entry || !range) return { revealed: false };
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > this.win.innerHeight) {
      this.win.scrollBy({ top: rect.top - this.win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
    this.layer.flash(entry);
    if (edit) void this.openEditor(entry, true);
    return { revealed: true };
  }

  /** The keyboard command or the context menu: highlight the selection (or edit the one at the caret). */
  async fromCommand(): Promise<null> {
    await this.highlightSelection(this.lastColor, true);
    return null;
  }

  /** Move an orphan to the page's selection; throws with what the reader should do. */
  async reattachToSelection(id: string): Promise<null> {
    const r = await this.reattach(id);
    if (!r.ok) throw new Error(r.error ?? 'Could not re-attach the highlight.');
    return null;
  }

  /** The loader saw the reader select text before this chunk ran: show the toolbar now. */
  selectionMade(): void {
    const range = this.selectionRange();
    if (range && this.uiMode !== 'editor') this.showToolbar(range);
  }
}
