/**
 * The page side of `npm run bench:overlay` (./probe.ts): the bench's page code
 * (../entry.ts), and with `window.__glossaOverlay = true` the entity marks painted as boxes
 * in a closed shadow root by the reader highlights' painter
 * (src/content/highlights/overlay.ts) instead of registered in `CSS.highlights` and styled
 * by a `::highlight()` sheet. A prototype, not the product: EntityMarker is left as it is
 * (its viewport window, its registrations), and what it registers is taken here instead —
 * the registry's `set` and `delete` replaced in this page, each kind's ranges painted in
 * one colour, the marks' sheet that the bench's run inserts left out.
 */
import '../entry';
import { OverlayPainter, type PaintItem } from '../../../src/content/highlights/overlay';
import { scratchRange } from '../../../src/lib/dom/hit-test';

interface Registry {
  set(name: string, h: unknown): unknown;
  delete(name: string): boolean;
}

declare global {
  interface Window {
    __glossaOverlay?: boolean;
    __glossaOverlayStats: { paints: number; maxBoxes: number };
  }
}

const stats = (window.__glossaOverlayStats = { paints: 0, maxBoxes: 0 });
const registry = Object.getPrototypeOf(CSS.highlights) as Registry;
const { set, delete: remove } = registry;
const painted = new Map<string, AbstractRange[]>();
let painter: OverlayPainter | null = null;
/** The layer the boxes go in (the boxes alone). */
let layer: HTMLElement | null = null;
let pending = false;

/** The host under <html>, a closed shadow root and the layer the boxes go in: as UiHost makes them. */
function overlay(): OverlayPainter {
  if (painter) return painter;
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;pointer-events:none';
  const root = host.attachShadow({ mode: 'closed' });
  layer = document.createElement('div');
  layer.style.cssText = 'position:absolute;top:0;left:0;pointer-events:none';
  root.append(layer);
  document.documentElement.append(host);
  painter = new OverlayPainter(
    window,
    () => layer!,
    (css) => root.append(Object.assign(document.createElement('style'), { textContent: css })),
  );
  return painter;
}

/** Paint what is registered, once per task (the marker sets each kind in turn). */
function repaint(): void {
  if (pending) return;
  pending = true;
  queueMicrotask(() => {
    pending = false;
    const items: PaintItem[] = [];
    for (const [name, ranges] of painted)
      ranges.forEach((r, i) =>
        items.push({ id: `${name}/${i}`, color: 'blue', note: false, range: () => scratchRange(r) }),
      );
    const p = overlay();
    p.paint(items);
    stats.paints++;
    stats.maxBoxes = Math.max(stats.maxBoxes, layer!.childElementCount); // the boxes alone
  });
}

registry.set = function (this: Registry, name: string, h: unknown) {
  if (!window.__glossaOverlay) return set.call(this, name, h);
  painted.set(name, [...(h as Iterable<AbstractRange>)]);
  repaint();
  return this;
};
registry.delete = function (this: Registry, name: string) {
  if (!window.__glossaOverlay) return remove.call(this, name);
  const had = painted.delete(name);
  if (had) repaint();
  return had;
};

// No marks' sheet: ../entry.ts's slicedRun appends it to <head>.
const append = Element.prototype.append;
Element.prototype.append = function (this: Element, ...nodes: (Node | string)[]) {
  const sheet = (n: Node | string) => n instanceof HTMLStyleElement && n.textContent?.includes('::highlight(');
  if (window.__glossaOverlay && this === document.head && nodes.some(sheet)) return;
  append.apply(this, nodes);
};
