/**
 * The DOM side of restoring highlights, without any extension API (so the bench can run
 * it in a plain page): per highlight, the text index of its root, then anchoring
 * (exact → position → fuzzy, src/lib/anchoring), falling back to the whole body — all in
 * slices of a few milliseconds (runSliced) — and drawing through a `Painter` (on pages,
 * the overlay in Glossa's closed shadow root, src/lib/dom/overlay.ts: never the page's CSS highlight
 * registry, which the page could read). The page's DOM is never touched.
 */
import { AnchorTask, type Anchor, type AnchorMethod } from '../../lib/anchoring';
import type { Highlight } from '../../lib/highlights/schema';
import { runSliced, yieldToPage } from '../../lib/dom/slices';
import { TextIndex } from '../../lib/dom/text-index';
import { resolveScope } from '../../lib/dom/main-root';
import { scratchRange } from '../../lib/dom/hit-test';
import type { AnchorState } from '../../lib/protocol/tab-wire';
import type { PaintItem } from '../../lib/dom/overlay';
import { highlightBoxClass } from './boxes';

/** What draws the anchored highlights (src/lib/dom/overlay.ts on pages; tests and the bench count). */
export interface Painter {
  paint(items: PaintItem[]): void;
  flash(id: string): void;
  clear(): void;
}

export interface Entry {
  h: Highlight;
  state: AnchorState;
  /** How it was found on the last restore. */
  method: AnchorMethod | null;
  index: TextIndex | null;
  start: number;
  end: number;
  /** Not yet stored (its save is in flight or failed): not re-anchored, not reported. */
  unsaved: boolean;
  /**
   * The last search's outcome per text searched (its root's, then the body's): when the
   * page changed only outside that text (ads, tickers), the next restore reuses it
   * instead of searching again.
   */
  memo?: Partial<Record<'root' | 'body', { text: string; exact: string; found: Anchor | null }>>;
}

export function pendingEntry(h: Highlight): Entry {
  return { h, state: 'pending', method: null, index: null, start: 0, end: 0, unsaved: false };
}

export interface RestoreStats {
  /** Tasks the restore ran in, and the longest (ms). */
  slices: number;
  maxSliceMs: number;
  /** Drawing, in its own task after the last slice (ms). */
  drawMs: number;
  /** From start to drawn, wall clock (ms). */
  totalMs: number;
}

/**
 * The anchored entry covering exactly [start, end) of `index`'s text, if any. Indexes
 * are rebuilt (every capture builds a fresh one), so an entry's index is matched by
 * its root and text, never by identity.
 */
export function anchoredAt(entries: Iterable<Entry>, index: TextIndex, start: number, end: number): Entry | null {
  for (const e of entries) {
    if (e.state !== 'anchored' || e.start !== start || e.end !== end || !e.index) continue;
    if (e.index === index || (e.index.root === index.root && e.index.text === index.text)) return e;
  }
  return null;
}

export class HighlightLayer {
  readonly entries = new Map<string, Entry>();
  private indexes = new Map<Element, TextIndex>();
  private run = 0;
  stats: RestoreStats = { slices: 0, maxSliceMs: 0, drawMs: 0, totalMs: 0 };

  constructor(
    private readonly win: Window,
    private readonly painter: Painter,
    private readonly signal?: AbortSignal,
  ) {}

  /** Stops a restore in progress (its results are dropped). */
  cancel(): void {
    this.run++;
  }

  /**
   * Anchors every saved highlight again, in slices, then draws. Resolves to false when a
   * newer restore (or the signal) superseded this one.
   */
  async restore(): Promise<boolean> {
    const run = ++this.run;
    const started = performance.now();
    const stats: RestoreStats = { slices: 0, maxSliceMs: 0, drawMs: 0, totalMs: 0 };
    this.indexes = new Map();
    const doc = this.win.document;
    const body = doc.body;
    const queue = [...this.entries.values()].filter((e) => !e.unsaved);
    let qi = 0;
    let cur: {
      entry: Entry;
      index: TextIndex;
      task: AnchorTask | null;
      /** Searching the whole body after the root failed (or is gone). */
      fallback: boolean;
      /** The stored position is a hint only within the root it was measured in. */
      withPosition: boolean;
      /** The root's text was as at the last search (which found nothing there). */
      rootUnchanged?: boolean;
    } | null = null;

    const work = (shouldYield: () => boolean): boolean => {
      if (run !== this.run || !body) return true;
      while (qi < queue.length) {
        const entry = queue[qi]!;
        if (!cur) {
          const root = resolveScope(doc, entry.h.scope);
          cur = {
            entry,
            index: this.indexFor(root ?? body),
            task: null,
            fallback: root === null || root === body,
            withPosition: root !== null,
          };
        }
        const key = cur.fallback && !cur.withPosition ? 'body' : 'root';
        const memo = entry.memo?.[key];
        const sameQuote = memo !== undefined && memo.exact === entry.h.quote.exact;
        // An orphan's body is searched again only when its root changed too: a page whose
        // ads or ticker change every few seconds must not re-read it for every orphan each
        // time. Only "not found" carries over: a hit's offsets point into the old text.
        const stillMissing = sameQuote && key === 'body' && cur.rootUnchanged === true && memo.found === null;
        if (!stillMissing && !cur.index.step(shouldYield)) return false;
        let found: Anchor | null;
        const reuse = stillMissing || (sameQuote && memo.text === cur.index.text);
        if (reuse) {
          found = memo.found;
        } else {
          if (!cur.task) {
            const p = entry.h.position;
            cur.task = new AnchorTask(cur.index.text, {
              quote: entry.h.quote,
              ...(cur.withPosition && p.end > p.start ? { position: p } : {}),
            });
          }
          if (!cur.task.step(shouldYield)) return false;
          found = cur.task.result;
          entry.memo = { ...entry.memo, [key]: { text: cur.index.text, exact: entry.h.quote.exact, found } };
        }
        if (found) {
          Object.assign(entry, {
            state: 'anchored',
            method: found.method,
            index: cur.index,
            start: found.start,
            end: found.end,
          });
        } else if (!cur.fallback) {
          // Not in its root (the layout changed?): the whole body, without the position.
          cur = {
            entry,
            index: this.indexFor(body),
            task: null,
            fallback: true,
            withPosition: false,
            rootUnchanged: reuse,
          };
          continue;
        } else {
          Object.assign(entry, { state: 'orphan', method: null, index: null, start: 0, end: 0 });
        }
        cur = null;
        qi++;
        if (shouldYield()) return false;
      }
      return true;
    };
    const step = (shouldYield: () => boolean): boolean => {
      const t0 = performance.now();
      const done = work(shouldYield);
      const ms = performance.now() - t0;
      stats.slices++;
      if (ms > stats.maxSliceMs) stats.maxSliceMs = ms;
      return done;
    };

    const finished = await runSliced(step, this.signal);
    if (!finished || run !== this.run) return false;
    await yieldToPage();
    if (run !== this.run) return false;
    const t0 = performance.now();
    this.draw();
    stats.drawMs = performance.now() - t0;
    stats.totalMs = performance.now() - started;
    this.stats = stats;
    return true;
  }

  indexFor(root: Element): TextIndex {
    let index = this.indexes.get(root);
    if (!index) {
      index = new TextIndex(root);
      this.indexes.set(root, index);
    }
    return index;
  }

  /** Puts a fresh index for `root` in place; returns the one it replaces. */
  replaceIndex(root: Element, index: TextIndex): TextIndex | undefined {
    const old = this.indexes.get(root);
    this.indexes.set(root, index);
    return old;
  }

  staticRange(entry: Entry): StaticRange | null {
    if (entry.state !== 'anchored' || !entry.index) return null;
    const spec = entry.index.domRange(entry.start, entry.end);
    if (!spec) return null;
    try {
      const SR = (this.win as unknown as { StaticRange: typeof StaticRange }).StaticRange;
      return new SR(spec);
    } catch {
      return null;
    }
  }

  /**
   * A live Range over the highlight, for geometry (StaticRange has none): the document's
   * one scratch Range, to read at once (scratchRange, src/lib/dom/hit-test.ts).
   */
  liveRange(entry: Entry): Range | null {
    const s = this.staticRange(entry);
    return s && scratchRange(s);
  }

  /** Paints every anchored highlight (its colour; a dotted underline when it has a note). */
  draw(): void {
    const items: PaintItem[] = [];
    for (const e of this.entries.values()) {
      if (e.state !== 'anchored' || !e.index) continue;
      items.push({
        id: e.h.id,
        cls: highlightBoxClass(e.h.color, e.h.note.trim() !== ''),
        range: () => this.liveRange(e),
      });
    }
    this.painter.paint(items);
  }

  clear(): void {
    this.painter.clear();
  }

  /** Emphasizes one highlight for a moment (revealed from the popup). */
  flash(entry: Entry): void {
    if (entry.state === 'anchored') this.painter.flash(entry.h.id);
  }

  /** The anchored highlight at a DOM point (a caret), the shortest where they overlap. */
  entryAt(node: Node | null, offset: number): Entry | null {
    if (!node || node.nodeType !== 3) return null;
    let best: Entry | null = null;
    for (const e of this.entries.values()) {
      if (e.state !== 'anchored' || !e.index || !e.index.has(node as Text)) continue;
      const at = e.index.offsetOf(node, offset, 'start');
      // The caret sits between characters: the point may be on the one before it.
      for (const probe of [at, at - 1]) {
        if (probe >= e.start && probe < e.end && (!best || e.end - e.start < best.end - best.start)) best = e;
      }
    }
    return best;
  }
}
