/**
 * The highlights' UI on a page, as ONE state (a tagged union) and the one place that shows
 * it: nothing, the toolbar by the reader's selection, a notice, or a highlight's note
 * editor. Every change goes through `set`, which renders what the state says — no flags
 * that must agree.
 *
 * The note editor is an extension page (`note.html`) in a frame inside Glossa's closed
 * shadow root: what the reader types is typed into the extension's own document, which a
 * page's scripts cannot read (keystrokes, input, the selection in it) or change, and
 * cannot reach by made-up events — and the keyboard stays with it while it is open
 * (`guardKeyboard`). It reports what happened (closed, saved, deleted, its
 * height) through the background (`note-frame/event`).
 */
import { flip, offset, shift } from '@floating-ui/core';
import { h } from 'preact';
import { Notice, PAGE_UI_CSS, SelectionToolbar, type OrphanItem } from '../../components/highlights';
import type { HighlightColor } from '../../lib/highlights/colors';
import type { NoteFrameCloseRequest } from '../../lib/protocol/note-frame';
import { uuid } from './capture';
import { FloatingPanel } from '../ui/floating-panel';
import type { UiHost } from '../ui/host';

export type UiState =
  | { kind: 'none' }
  /** The toolbar by the reader's selection (`range`, a copy of it when shown). */
  | { kind: 'toolbar'; range: Range }
  | { kind: 'notice'; message: string; error: boolean; at: DOMRect }
  /** A highlight's note editor, next to it. */
  | { kind: 'editor'; id: string; at: DOMRect };

export interface UiActions {
  highlight(color: HighlightColor, range: Range): void;
  note(range: Range): void;
  reattach(id: string, range: Range): void;
  /** Esc or Close: the UI asks to close (the controller decides what follows). */
  close(): void;
}

/** The note editor's frame: a compact page, resized to what it reports. */
export const FRAME_WIDTH = 340;
export const FRAME_HEIGHT = 260;
const MAX_FRAME_HEIGHT = 520;

/** How often, while the note editor has the keyboard, Glossa looks where the focus is (ms). */
export const FOCUS_CHECK_MS = 20;
/** A press of the reader's pointer this recent (ms) explains the focus leaving the editor. */
const READER_MOVED_FOCUS_MS = 500;
/** Takings within this time (ms), after which the editor closes instead of taking the keyboard back again. */
const TAKEN_WINDOW_MS = 5_000;
const MAX_TAKEN = 3;

export class HighlightsUi {
  private state: UiState = { kind: 'none' };
  private readonly toolbar: FloatingPanel;
  private frame: HTMLIFrameElement | null = null;
  /** The frame's key (in its address): what its window accepts a close request with. */
  private frameKey = '';
  /** A close request was posted to this frame and it is still open (saving, or saying why not). */
  private closeAsked = false;
  /**
   * Whether the note frame takes the pointer: only while the browser reports its panel
   * painted with nothing over it, where it can tell (Chromium; from its first report, ~100 ms).
   * Clicks inside the frame never reach the panel's guard (UiHost.isClickable): a page that
   * drew something over the frame and lured a click onto it deleted the highlight, or
   * discarded the note typed in it (review). Keys still reach it: the reader types on.
   */
  private frameClickable: boolean;
  private returnFocus: Element | null = null;
  /** The keyboard guard of an open editor (an interval), and what it saw. */
  private guard = 0;
  private lastPointerDown = -Infinity;
  private taken: number[] = [];
  /** The reader moved the focus out of the editor (a click in the page): not guarded until it is back. */
  private readerAway = false;

  constructor(
    private readonly doc: Document,
    host: UiHost,
    private readonly actions: UiActions,
    private readonly orphans: () => OrphanItem[],
    /** `note.html#id=…`: the extension page's address (runtime.getURL). */
    private readonly editorUrl: (id: string) => string,
  ) {
    this.frameClickable = !host.seesCover;
    this.toolbar = new FloatingPanel(host, 'toolbar', PAGE_UI_CSS, {
      escape: () => actions.close(),
      visibility: (visible) => {
        this.frameClickable = visible;
        this.frame?.style.setProperty('pointer-events', visible ? 'auto' : 'none');
      },
      setUp(container) {
        // Keep the page's selection and focus when a button is pressed.
        container.addEventListener('mousedown', (e) => e.preventDefault());
      },
    });
    doc.addEventListener('pointerdown', this.onPointerDown, { capture: true, passive: true });
  }

  get current(): UiState {
    return this.state;
  }

  /** True for an event target inside Glossa's UI (retargeted to the host). */
  contains(target: EventTarget | null): boolean {
    return this.toolbar.contains(target);
  }

  /** Show `next`; `focus` moves keyboard focus into it (and back out when it closes). */
  async set(next: UiState, focus = false): Promise<void> {
    const before = this.state;
    this.state = next;
    if (next.kind !== 'editor') this.stopGuard();
    if (before.kind === 'editor' && (next.kind !== 'editor' || next.id !== before.id)) this.removeFrame();
    if (focus && !this.toolbar.hasFocus()) this.returnFocus = this.doc.activeElement;
    switch (next.kind) {
      case 'none':
        this.toolbar.hide();
        if (this.returnFocus instanceof HTMLElement && before.kind !== 'toolbar') this.returnFocus.focus();
        this.returnFocus = null;
        return;
      case 'toolbar':
        await this.toolbar.show(this.renderToolbar(next.range), next.range.getBoundingClientRect(), placement);
        return;
      case 'notice':
        await this.toolbar.show(
          h(Notice, { message: next.message, error: next.error, onClose: () => this.actions.close() }),
          next.at,
          placement,
        );
        if (focus) this.toolbar.focus('[data-autofocus]');
        return;
      case 'editor':
        await this.toolbar.show(this.renderFrame(next.id), next.at, placement);
        if (focus && this.frame) {
          this.frame.focus();
          this.guardKeyboard();
        }
        return;
    }
  }

  /**
   * While the note editor has the keyboard, keep it there: a page can read nothing typed
   * into the editor's frame, but it can move the focus to a field of its own (with
   * `focus()`, at any moment) and have the reader, typing on, type the note into the page.
   * Its focus and blur events can be stopped by the page, so the focus is looked at every
   * FOCUS_CHECK_MS: when it is on the page's side and the reader's pointer did not just
   * press there, the editor takes it back; when the page keeps doing it, the editor closes
   * (its draft is kept) and says why. Only Esc, Close or a click elsewhere leave the editor.
   */
  private guardKeyboard(): void {
    const win = this.doc.defaultView;
    if (!win || this.guard) return;
    this.readerAway = false;
    this.guard = win.setInterval(() => this.checkFocus(), FOCUS_CHECK_MS);
  }

  private stopGuard(): void {
    if (this.guard) this.doc.defaultView?.clearInterval(this.guard);
    this.guard = 0;
  }

  private checkFocus(): void {
    const s = this.state;
    if (s.kind !== 'editor' || !this.frame) {
      this.stopGuard();
      return;
    }
    const active = this.doc.activeElement;
    if (active === null || this.contains(active)) {
      this.readerAway = false; // with Glossa's UI (the editor's frame): guard it again
      return;
    }
    const now = performance.now();
    if (this.readerAway || now - this.lastPointerDown < READER_MOVED_FOCUS_MS) {
      // The reader went elsewhere (a click in the page): leave the keyboard there until
      // the reader comes back to the editor, then guard again.
      this.readerAway = true;
      return;
    }
    this.taken = this.taken.filter((t) => now - t < TAKEN_WINDOW_MS);
    this.taken.push(now);
    if (this.taken.length < MAX_TAKEN) {
      this.frame.focus();
      return;
    }
    this.taken = [];
    void this.set({
      kind: 'notice',
      message:
        'This page keeps taking the keyboard away from the note editor, so Glossa closed it: what you type now goes to the page. Your note is kept as a draft; click the highlight to go on.',
      error: true,
      at: this.frame.getBoundingClientRect(),
    });
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (e.isTrusted) this.lastPointerDown = performance.now();
  };

  /** The toolbar follows its selection as the page scrolls. */
  follow(): void {
    const s = this.state;
    if (s.kind === 'toolbar')
      void this.toolbar.show(this.renderToolbar(s.range), s.range.getBoundingClientRect(), placement);
  }

  /** The editor reported its content's height. */
  resizeEditor(id: string, height: number): void {
    if (this.state.kind !== 'editor' || this.state.id !== id || !this.frame) return;
    this.frame.style.height = `${Math.max(120, Math.min(MAX_FRAME_HEIGHT, Math.round(height)))}px`;
  }

  destroy(): void {
    this.stopGuard();
    this.doc.removeEventListener('pointerdown', this.onPointerDown, { capture: true });
    this.removeFrame();
    this.toolbar.destroy();
    this.state = { kind: 'none' };
  }

  private renderToolbar(range: Range) {
    return h(SelectionToolbar, {
      onHighlight: (c: HighlightColor) => this.actions.highlight(c, range),
      onNote: () => this.actions.note(range),
      orphans: this.orphans(),
      onReattach: (id: string) => this.actions.reattach(id, range),
    });
  }

  /**
   * The reader clicked elsewhere on the page: ask the note frame to close as Esc does,
   * saving a changed note first (it closes itself, `note-frame/event` close). False where
   * there is no frame to ask, or it was asked already and is still open — a save that
   * failed, a conflict, a frame that does not answer — and the caller closes it outright
   * (what was typed is kept as a draft). The request carries the frame's key, posted to the
   * frame's window alone (src/lib/protocol/note-frame.ts says why a page cannot forge it).
   */
  requestClose(): boolean {
    const target = this.frame?.contentWindow;
    if (this.state.kind !== 'editor' || !target || this.closeAsked) return false;
    this.closeAsked = true;
    // Any origin: in Chrome the frame's address is the per-session one, which redirects.
    // The message names no note, and the key is this frame's alone.
    target.postMessage({ glossaNoteFrame: 'close', key: this.frameKey } satisfies NoteFrameCloseRequest, '*');
    return true;
  }

  /** The frame is made once per editor and kept across re-renders (its page keeps its state). */
  private renderFrame(id: string) {
    return h(EditorFrame, { mount: (slot: HTMLElement | null) => slot && this.mountFrame(slot, id) });
  }

  private mountFrame(slot: HTMLElement, id: string): void {
    if (this.frame && this.frame.parentNode === slot) return;
    this.removeFrame();
    const frame = this.doc.createElement('iframe');
    this.frameKey = uuid().replaceAll('-', ''); // 32 hex digits, random (noteFrameKey)
    this.closeAsked = false;
    frame.src = `${this.editorUrl(id)}&key=${this.frameKey}`;
    frame.title = 'Glossa: note on your highlight';
    frame.setAttribute(
      'style',
      `display:block;width:${FRAME_WIDTH}px;height:${FRAME_HEIGHT}px;border:0;border-radius:10px;` +
        'box-shadow:0 6px 24px rgba(0,0,0,.28);background:transparent;color-scheme:normal;' +
        `pointer-events:${this.frameClickable ? 'auto' : 'none'}`,
    );
    // No page content of its own to isolate; the extension page runs with its own CSP.
    frame.setAttribute('allow', '');
    slot.appendChild(frame);
    this.frame = frame;
  }

  private removeFrame(): void {
    this.frame?.remove();
    this.frame = null;
    this.closeAsked = false;
  }
}

const placement = () => ({
  placement: 'top-start' as const,
  middleware: [
    offset(8),
    flip({ fallbackPlacements: ['bottom-start', 'top-end', 'bottom-end'] }),
    shift({ padding: 8 }),
  ],
});

/** A slot for the editor frame, handed to the UI once rendered. */
function EditorFrame({ mount }: { mount: (slot: HTMLElement | null) => void }) {
  return h('div', { class: 'glossa-hl-frame', ref: mount });
}
