/**
 * OverlayPainter (src/lib/dom/overlay.ts) on jsdom: which scroll events make it
 * measure and repaint the reader's highlights. jsdom has no layout, so each item's range
 * is a stand-in with the real common ancestor and no rectangles.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { LATE_COVER_MS, OverlayPainter, type PaintItem } from '../../../../src/lib/dom/overlay';

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
    '',
  );
  const item = (id: string, container: Node): PaintItem => ({
    id,
    cls: 'gb g-yellow',
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

describe('OverlayPainter: the page’s furniture comes over a highlight without a scroll', () => {
  /** The page of these tests, with its frames and timers held to be run by hand. */
  function held() {
    const p = page();
    const win = p.doc.defaultView!;
    const frameQueue: FrameRequestCallback[] = [];
    p.frames.mockImplementation(((cb: FrameRequestCallback) => frameQueue.push(cb)) as never);
    const timers: { fn: () => void; ms: number }[] = [];
    win.setTimeout = ((fn: () => void, ms: number) => timers.push({ fn, ms })) as never;
    win.clearTimeout = (() => {}) as never;
    const runFrames = () => {
      for (const cb of frameQueue.splice(0)) cb(0);
    };
    return { ...p, win, timers, runFrames };
  }
  const mutationsDelivered = () => new Promise((r) => setTimeout(r, 0));

  it('looks again when the page adds a dialog to <body>, not at every edit of its own', async () => {
    const { doc, painter, item, frames, runFrames } = held();
    painter.paint([item('a', doc.getElementById('p1')!.firstChild!)]);
    runFrames();
    frames.mockClear();
    doc.getElementById('story')!.append(doc.createElement('p'));
    doc.getElementById('p1')!.className = 'read';
    await mutationsDelivered();
    expect(frames, 'an edit inside the article').not.toHaveBeenCalled();
    doc.body.append(doc.createElement('dialog'));
    await mutationsDelivered();
    expect(frames, 'a dialog added to <body>').toHaveBeenCalledTimes(1);
    runFrames();
    doc.body.className = 'modal-open';
    await mutationsDelivered();
    expect(frames, 'a class on <body>').toHaveBeenCalledTimes(2);
  });

  it('looks again when the pointer moves onto an element (a :hover menu), then once more later', () => {
    const { doc, win, painter, item, frames, timers, runFrames } = held();
    painter.paint([item('a', doc.getElementById('p1')!.firstChild!)]);
    runFrames();
    frames.mockClear();
    doc.getElementById('ticker')!.dispatchEvent(new win.MouseEvent('mouseover', { bubbles: true }));
    expect(frames).toHaveBeenCalledTimes(1);
    runFrames();
    const late = timers.filter((t) => t.ms === LATE_COVER_MS);
    expect(late).toHaveLength(1);
    late[0]!.fn();
    expect(frames, 'the late look (a menu shown after a hover delay)').toHaveBeenCalledTimes(2);
  });

  it.each(['cleared', 'left with nothing to paint'] as const)('listens to none of it once %s', (how) => {
    const { doc, win, painter, item } = held();
    const removed = vi.spyOn(win, 'removeEventListener');
    const disconnect = vi.spyOn(win.MutationObserver.prototype, 'disconnect');
    painter.paint([item('a', doc.getElementById('p1')!.firstChild!)]);
    if (how === 'cleared') painter.clear();
    else painter.paint([]);
    const types = removed.mock.calls.filter(([, , o]) => (o as EventListenerOptions)?.capture).map(([t]) => t);
    expect(types).toEqual(expect.arrayContaining(['mouseover', 'click', 'keyup', 'transitionend', 'animationend']));
    expect(disconnect).toHaveBeenCalled();
  });

  it('does not make its layer again for a look asked for before it was cleared', () => {
    const { doc, win, item, runFrames } = held();
    const layer = vi.fn(() => doc.createElement('div'));
    const painter = new OverlayPainter(win as unknown as Window, layer, () => {}, '');
    painter.paint([item('a', doc.getElementById('p1')!.firstChild!)]);
    runFrames();
    doc.getElementById('ticker')!.dispatchEvent(new win.MouseEvent('mouseover', { bubbles: true }));
    painter.clear();
    layer.mockClear();
    // The look asked for by the mouseover runs now: Glossa's host must not come back with it.
    runFrames();
    expect(layer).not.toHaveBeenCalled();
  });
});

describe('OverlayPainter: a box found over something else of the page', () => {
  /** One highlight of one box at (10, 10)–(60, 30); its text's rectangle now `textAt`; the page's header at every point. */
  function covered(textAt: { left: number; top: number }) {
    const { doc, item, frames } = page();
    const win = doc.defaultView!;
    const header = doc.createElement('header');
    doc.body.prepend(header);
    doc.elementFromPoint = () => header;
    const layer = doc.createElement('div');
    layer.getBoundingClientRect = () => ({ left: 0, top: 0 }) as DOMRect;
    doc.documentElement.append(layer);
    let rect = { left: 10, top: 10, right: 60, bottom: 30, width: 50, height: 20 };
    const base = item('a', doc.getElementById('p1')!.firstChild!);
    const painter = new OverlayPainter(
      win as unknown as Window,
      () => layer,
      () => {},
      '',
    );
    painter.paint([
      {
        ...base,
        range: () =>
          ({
            commonAncestorContainer: doc.getElementById('p1')!.firstChild!,
            getClientRects: () => [rect],
            getBoundingClientRect: () => rect,
          }) as unknown as Range,
      },
    ]);
    const box = layer.firstElementChild as HTMLElement;
    // Painted from a task, the cover check waits for the next frame's callbacks (before
    // that frame is drawn), where the layout is made anyway.
    expect(box.style.visibility, 'not looked at within the task').toBe('');
    ((frames.mock.calls.at(-1) as unknown[])[0] as FrameRequestCallback)(0);
    expect(box.style.visibility, 'under the header').toBe('hidden');
    frames.mockClear();
    // The page scrolls: its text is now at `textAt` (the box stays in the document's coordinates).
    rect = { ...rect, left: textAt.left, top: textAt.top, right: textAt.left + 50, bottom: textAt.top + 20 };
    win.dispatchEvent(new win.Event('scroll'));
    return { frames, run: () => ((frames.mock.calls.at(-1) as unknown[])[0] as FrameRequestCallback)(0) };
  }

  it('hidden, and no more, where its text is still under it (a fixed header over it)', () => {
    const { frames, run } = covered({ left: 10, top: 10 });
    run(); // the look after the scroll
    expect(frames, 'the look alone: no repaint').toHaveBeenCalledTimes(1);
  });

  it('measured again where its text went elsewhere (text in a fixed or sticky box)', () => {
    const { frames, run } = covered({ left: 10, top: 210 });
    run();
    expect(frames, 'the look, then a repaint').toHaveBeenCalledTimes(2);
  });
});

describe('OverlayPainter: the boxes it draws', () => {
  it('one box per line of an item, its classes on each; the boxes after the first say they continue it', () => {
    const { doc } = page();
    const win = doc.defaultView!;
    doc.elementFromPoint = () => doc.getElementById('p1');
    const layer = doc.createElement('div');
    layer.getBoundingClientRect = () => ({ left: 0, top: 0 }) as DOMRect;
    doc.documentElement.append(layer);
    const lines = [
      { left: 10, top: 10, right: 60, bottom: 30, width: 50, height: 20 },
      { left: 0, top: 30, right: 40, bottom: 50, width: 40, height: 20 },
    ];
    const text = doc.getElementById('p1')!.firstChild!;
    const range = () =>
      ({
        commonAncestorContainer: text,
        getClientRects: () => lines,
        getBoundingClientRect: () => ({ left: 0, top: 10, right: 60, bottom: 50 }),
      }) as unknown as Range;
    const painter = new OverlayPainter(
      win as unknown as Window,
      () => layer,
      () => {},
      '',
    );
    painter.paint([
      { id: 'a', cls: 'gm k-person', range },
      { id: 'b', cls: 'gm k-place', range: () => null },
    ]);
    const boxes = [...layer.children] as HTMLElement[];
    expect(boxes.map((b) => b.className)).toEqual(['gm k-person', 'gm k-person gc']);
    expect(boxes[1]!.getAttribute('style')).toBe('left:0px;top:30px;width:40px;height:20px');
    painter.flash('a');
    expect([...layer.children].map((b) => b.className)).toEqual(['gm k-person gf', 'gm k-person gf gc']);
  });
});

describe('OverlayPainter: a box over text in a form whose controls shadow its properties', () => {
  it('is found covered by furniture outside the form, and the look ends', () => {
    const { window } = new JSDOM(
      `<!doctype html><html><body><header id="h">Menu</header>
        <form id="f"><input name="parentNode"><p id="p">Ahmed al-Sharaa in Moscow.</p></form></body></html>`,
    );
    const doc = window.document;
    const form = doc.getElementById('f')!;
    const input = doc.querySelector('input')!;
    // What a browser's named properties do: the control shadows the form's own (jsdom does not).
    for (const name of ['parentNode', 'contains']) Object.defineProperty(form, name, { value: input });
    const callbacks: FrameRequestCallback[] = [];
    window.requestAnimationFrame = ((cb: FrameRequestCallback) =>
      callbacks.push(cb)) as typeof window.requestAnimationFrame;
    doc.elementFromPoint = () => doc.getElementById('h');
    const layer = doc.createElement('div');
    layer.getBoundingClientRect = () => ({ left: 0, top: 0 }) as DOMRect;
    doc.documentElement.append(layer);
    const rect = { left: 10, top: 10, right: 60, bottom: 30, width: 50, height: 20 };
    const text = doc.getElementById('p')!.firstChild!;
    const painter = new OverlayPainter(
      window as unknown as Window,
      () => layer,
      () => {},
      '',
    );
    painter.paint([
      {
        id: 'a',
        cls: 'gm k-person',
        range: () =>
          ({
            commonAncestorContainer: text,
            getClientRects: () => [rect],
            getBoundingClientRect: () => rect,
          }) as unknown as Range,
      },
    ]);
    callbacks.at(-1)!(0); // the cover look: it climbs from the text through the form
    expect((layer.firstElementChild as HTMLElement).style.visibility).toBe('hidden');
  });
});
