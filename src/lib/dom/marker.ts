/**
 * Marks mentions with the CSS Custom Highlight API: no element is added to or
 * changed in the page. Measured in Chromium (see the README's performance notes):
 * - StaticRange, not Range: live ranges make the page's own DOM edits slow;
 * - a Highlight is built whole and registered once: adding to a registered one is ~9× slower;
 * - painting costs per registered range, so only mentions within about two screens
 *   of the viewport are registered (an IntersectionObserver says which, without
 *   forcing layout), and the set is rebuilt as the reader scrolls.
 * Pages can see and clear `CSS.highlights`; names are namespaced and re-registered
 * when they go missing.
 */
import type { EntityKind } from '../kb/types';
import type { PageRecognizer } from './recognize';

export const HIGHLIGHT_PREFIX = 'glossa-';
/** One highlight per kind so each gets its own colour; plus the keyboard focus. */
export const KIND_HIGHLIGHTS: Record<EntityKind, string> = {
  person: 'glossa-person',
  organization: 'glossa-organization',
  state: 'glossa-state',
  place: 'glossa-place',
  other: 'glossa-other',
};
export const FOCUS_HIGHLIGHT = 'glossa-focus';
/** How far beyond the viewport marks are registered: two screens above and below. */
export const VIEWPORT_MARGIN = '200% 0px 200% 0px';

export interface MarkedMention {
  entityId: string;
  kind: EntityKind;
  start: number;
  end: number;
}

interface HighlightRegistry {
  get(name: string): unknown;
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
}

type HighlightCtor = new (
  ...ranges: AbstractRange[]
) => AbstractRange[] & { priority: number; add(r: AbstractRange): void };

function registry(win: Window): HighlightRegistry | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return css?.highlights ?? null;
}

export function highlightSupported(win: Window): boolean {
  return registry(win) !== null && typeof (win as unknown as { Highlight?: unknown }).Highlight === 'function';
}

export class EntityMarker {
  private mentions: MarkedMention[] = [];
  private ranges: (StaticRange | null)[] = [];
  /** Mentions by the element their first text node sits in (what the observer watches). */
  private byElement = new Map<Element, number[]>();
  private visible = new Set<Element>();
  private observer: IntersectionObserver | null = null;
  private registered = new Map<string, unknown>();
  private focus: number | null = null;
  private rebuildQueued = false;
  private recognizer: PageRecognizer | null = null;

  constructor(private readonly win: Window) {}

  /** Show these mentions (sorted by start) of a finished recognition. */
  show(recognizer: PageRecognizer, mentions: MarkedMention[]): void {
    this.detach();
    this.recognizer = recognizer;
    this.mentions = mentions;
    this.ranges = new Array<StaticRange | null>(mentions.length).fill(null);
    this.byElement = new Map();
    mentions.forEach((m, i) => {
      const el = recognizer.position(m.start, false).node.parentElement;
      if (!el) return;
      const list = this.byElement.get(el);
      if (list) list.push(i);
      else this.byElement.set(el, [i]);
    });
    const IO = (this.win as unknown as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
    if (IO) {
      this.observer = new IO((entries) => this.onIntersect(entries), { rootMargin: VIEWPORT_MARGIN });
      for (const el of this.byElement.keys()) this.observer.observe(el);
    } else {
      for (const el of this.byElement.keys()) this.visible.add(el);
      this.rebuild();
    }
  }

  /** The StaticRange of mention `i` (made on demand: most are never painted). */
  range(i: number): StaticRange | null {
    let r = this.ranges[i];
    if (r !== undefined && r !== null) return r;
    const m = this.mentions[i];
    const rec = this.recognizer;
    if (!m || !rec) return null;
    const a = rec.position(m.start, false);
    const b = rec.position(m.end, true);
    const SR = (this.win as unknown as { StaticRange: typeof StaticRange }).StaticRange;
    r = new SR({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
    this.ranges[i] = r;
    return r;
  }

  /** Emphasize one mention (keyboard navigation), or none. */
  setFocus(i: number | null): void {
    this.focus = i;
    this.register(FOCUS_HIGHLIGHT, i === null ? [] : [this.range(i)].filter((r): r is StaticRange => r !== null), 2);
  }

  /** Re-register any highlight the page removed from the registry. */
  repair(): void {
    const reg = registry(this.win);
    if (!reg) return;
    for (const [name, h] of this.registered) if (reg.get(name) !== h) reg.set(name, h);
  }

  /** Remove every mark (the page stays as it was). */
  clear(): void {
    this.detach();
    const reg = registry(this.win);
    if (reg) for (const name of this.registered.keys()) reg.delete(name);
    this.registered.clear();
  }

  private detach(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.visible.clear();
    this.focus = null;
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (e.isIntersecting) this.visible.add(e.target);
      else this.visible.delete(e.target);
    }
    if (!this.rebuildQueued) {
      this.rebuildQueued = true;
      this.win.requestAnimationFrame(() => {
        this.rebuildQueued = false;
        this.rebuild();
      });
    }
  }

  private rebuild(): void {
    const byKind = new Map<string, StaticRange[]>();
    for (const name of Object.values(KIND_HIGHLIGHTS)) byKind.set(name, []);
    for (const el of this.visible) {
      for (const i of this.byElement.get(el) ?? []) {
        const r = this.range(i);
        if (r) byKind.get(KIND_HIGHLIGHTS[this.mentions[i]!.kind])!.push(r);
      }
    }
    for (const [name, ranges] of byKind) this.register(name, ranges, 0);
    if (this.focus !== null) this.setFocus(this.focus);
  }

  private register(name: string, ranges: StaticRange[], priority: number): void {
    const reg = registry(this.win);
    const H = (this.win as unknown as { Highlight?: HighlightCtor }).Highlight;
    if (!reg || !H) return;
    const h = new H(...ranges);
    h.priority = priority;
    reg.set(name, h);
    this.registered.set(name, h);
  }
}
