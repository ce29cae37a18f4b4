/**
 * OverlayPainter (src/content/highlights/overlay.ts) on jsdom: which scroll events make it
 * measure and repaint the reader's highlights. jsdom has no layout, so each item's range
 * is a stand-in with the real common ancestor and no rectangles.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { OverlayPainter, type PaintItem } from '../../../../src/content/highlights/overlay';

function page() {
  const { window } = new JSDOM(
    `<!doctype html><html><body>
      <article id="story"><p id="p1">Ahmed al-Sharaa travelled to Moscow.</p>
        <div id="scroller" style="overflow: auto"><p id="inner">A table of figures from Latakia.</p></div>
      </article>
      <div id="ticker" style="overflow-x: auto">Markets: stocks, bonds, currencies.</div>
    </body></html>`,
  );
  const doc = window.document;
  const frames = vi.fn(() => 1);
  window.requestAnimationFrame = frames as unknown as typeof window.requestAnimationFrame;
  const layer = doc.createElement('div');
  doc.documentElement.append(layer);
  const painter = new OverlayPainter(
    window as unknown as Window,
    () => layer,
    () => {},
  );
  const item = (id: string, container: Node): PaintItem => ({
    id,
    color: 'yellow',
    note: false,
    range: () => ({ commonAncestorContainer: container, getClientRects: () => [] }) as unknown as Range,
  });
  const scroll = (id: string) => doc.getElementById(id)!.dispatchEvent(new window.Event('scroll'));
  return { doc, painter, item, scroll, frames };
}

describe('OverlayPainter: an element of the page scrolls', () => {
  it('repaints where the element holds a highlight’s text, not for a ticker elsewhere', () => {
    const { doc, painter, item, scroll, frames } = page();
    painter.paint([item('a', doc.getElementById('p1')!.firstChild!), item('b', doc.getElementById('inner')!)]);
    frames.mockClear();
    // A ticker scrolling itself at every frame moves none of them: nothing measured.
    for (let i = 0; i < 10; i++) scroll('ticker');
    expect(frames).not.toHaveBeenCalled();
    // The scroller holding "b" moves its text: measured again, once per frame.
    scroll('scroller');
    scroll('scroller');
    expect(frames).toHaveBeenCalledTimes(1);
  });

  it('repaints where a highlight holds the element that scrolled (it spans it)', () => {
    const { doc, painter, item, scroll, frames } = page();
    painter.paint([item('across', doc.getElementById('story')!)]);
    frames.mockClear();
    scroll('scroller');
    expect(frames).toHaveBeenCalledTimes(1);
  });

  it('paints nothing, and listens to nothing, once cleared', () => {
    const { doc, painter, item, scroll, frames } = page();
    painter.paint([item('b', doc.getElementById('inner')!)]);
    painter.clear();
    frames.mockClear();
    scroll('scroller');
    expect(frames).not.toHaveBeenCalled();
  });
});
