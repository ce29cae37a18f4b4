/**
 * Restoring and drawing (HighlightLayer) on linkedom, with StaticRange standing in for the
 * browser's and a painter that records what it is asked to paint.
 */
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { AnchorTask, describe as describeRange } from '../../../../src/lib/anchoring';
import { TextIndex } from '../../../../src/lib/dom/text-index';
import { anchoredAt, HighlightLayer, pendingEntry, type Painter } from '../../../../src/content/highlights/layer';
import type { PaintItem } from '../../../../src/lib/dom/overlay';
import { highlight } from '../../support/highlight-fixtures';

const P3 = 'Putin told reporters that Russia was ready to keep working with Damascus on energy and reconstruction.';

function page(article: string, nav = 'Home · World') {
  const { window, document } = parseHTML(
    `<!doctype html><html><body><nav id="nav">${nav}</nav><article><h1>Moscow talks</h1>${article}</article></body></html>`,
  );
  class FakeStaticRange {
    constructor(spec: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
      Object.assign(this, spec);
    }
  }
  Object.assign(window, { StaticRange: FakeStaticRange });
  return { win: window as unknown as Window, doc: document as unknown as Document, painter: recordingPainter() };
}

/** A painter that keeps what it was last asked to paint (and flash). */
function recordingPainter(): Painter & { items: PaintItem[]; flashed: string[]; cleared: number } {
  const p = {
    items: [] as PaintItem[],
    flashed: [] as string[],
    cleared: 0,
    paint(items: PaintItem[]) {
      p.items = items;
    },
    flash(id: string) {
      p.flashed.push(id);
    },
    clear() {
      p.items = [];
      p.cleared++;
    },
  };
  return p;
}

/** What is painted: id, colour, note, and the text it covers (linkedom has no live Range). */
function painted(items: PaintItem[], layer: HighlightLayer): [string, string, boolean, string][] {
  return items.map((i) => [
    i.id,
    colorOf(i),
    i.cls.split(' ').includes('gn'),
    textOf(layer.staticRange(layer.entries.get(i.id)!)),
  ]);
}

/** The colour a box's classes give (`g-<colour>`, src/content/highlights/boxes.ts). */
function colorOf(i: PaintItem): string {
  return /\bg-(\w+)/.exec(i.cls)?.[1] ?? '';
}

/** The text a range covers (linkedom's Range has no toString). */
function textOf(r: AbstractRange | null): string {
  if (!r) return '';
  const a = r.startContainer as Text;
  const b = r.endContainer as Text;
  if (a === b) return a.data.slice(r.startOffset, r.endOffset);
  return a.data.slice(r.startOffset) + '…' + b.data.slice(0, r.endOffset);
}

function selectorsIn(doc: Document, passage: string) {
  const root = doc.querySelector('article')!;
  const text = TextIndex.build(root).text;
  const at = text.indexOf(passage);
  return describeRange(text, at, at + passage.length)!;
}

describe('HighlightLayer', () => {
  it('restores in slices: found ones painted in their colour (and notes), missing ones orphans, nothing else touched', async () => {
    const { win, doc, painter } = page(
      `<p>Ahmed al-Sharaa travelled to Moscow.</p><p>${P3}</p><p>Analysts described a reset.</p>`,
    );
    const s = selectorsIn(doc, P3);
    const t = selectorsIn(doc, 'a reset');
    const layer = new HighlightLayer(win, painter);
    layer.entries.set(
      'a',
      pendingEntry(highlight({ id: 'a', quote: s.quote, position: s.position!, scope: 'article' })),
    );
    layer.entries.set(
      'b',
      pendingEntry(
        highlight({ id: 'b', quote: t.quote, position: t.position!, scope: 'article', color: 'green', note: '' }),
      ),
    );
    layer.entries.set(
      'c',
      pendingEntry(
        highlight({
          id: 'c',
          quote: { exact: 'A sentence that is not on this page at all.', prefix: '', suffix: '' },
          scope: 'article',
        }),
      ),
    );
    const html = doc.body.innerHTML;
    expect(await layer.restore()).toBe(true);
    expect([...layer.entries.values()].map((e) => [e.h.id, e.state, e.method])).toEqual([
      ['a', 'anchored', 'exact'],
      ['b', 'anchored', 'exact'],
      ['c', 'orphan', null],
    ]);
    expect(painted(painter.items, layer)).toEqual([
      ['a', 'yellow', true, P3],
      ['b', 'green', false, 'a reset'],
    ]);
    expect(doc.body.innerHTML).toBe(html);
    expect(layer.stats.slices).toBeGreaterThan(0);

    // Revealed: flashed by id; cleared: nothing painted.
    layer.flash(layer.entries.get('b')!);
    expect(painter.flashed).toEqual(['b']);
    layer.clear();
    expect(painter.items).toEqual([]);
  });

  it('measures every highlight with the document’s one scratch Range, however often it paints', async () => {
    // A new live Range per highlight per paint slowed each of the page's own DOM edits
    // until a GC: 126× with 200 highlights repainted ten times (the bench's
    // highlightDomEditRatio). jsdom here: linkedom's Range cannot be set.
    const { window } = new JSDOM(
      `<!doctype html><html><body><article><p>Ahmed al-Sharaa travelled to Moscow.</p><p>${P3}</p></article></body></html>`,
    );
    const doc = window.document;
    const painter = recordingPainter();
    const layer = new HighlightLayer(window as unknown as Window, painter);
    for (const [id, passage] of [
      ['a', 'Ahmed al-Sharaa'],
      ['b', 'with Damascus'],
    ] as const) {
      const s = selectorsIn(doc, passage);
      layer.entries.set(id, pendingEntry(highlight({ id, quote: s.quote, position: s.position!, scope: 'article' })));
    }
    expect(await layer.restore()).toBe(true);
    const made = vi.spyOn(doc, 'createRange');
    const measured = new Set<Range>();
    const texts: string[] = [];
    for (let paint = 0; paint < 10; paint++) {
      layer.draw();
      for (const item of painter.items) {
        const r = item.range()!;
        measured.add(r);
        texts.push(r.toString());
      }
    }
    expect(texts.slice(0, 2)).toEqual(['Ahmed al-Sharaa', 'with Damascus']);
    expect(measured.size).toBe(1);
    expect(made.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('falls back to the whole body when the stored root is gone', async () => {
    const { win, doc } = page(`<p>${P3}</p>`);
    const s = selectorsIn(doc, P3);
    const layer = new HighlightLayer(win, recordingPainter());
    layer.entries.set(
      'a',
      pendingEntry(highlight({ id: 'a', quote: s.quote, position: s.position!, scope: '#no-such-root' })),
    );
    await layer.restore();
    const e = layer.entries.get('a')!;
    expect(e.state).toBe('anchored');
    expect(e.index!.text.slice(e.start, e.end)).toBe(P3);
  });

  it('a change outside the article does not search again (the last outcome is reused)', async () => {
    const { win, doc } = page(`<p>${P3}</p>`);
    const s = selectorsIn(doc, P3);
    const layer = new HighlightLayer(win, recordingPainter());
    layer.entries.set(
      'a',
      pendingEntry(highlight({ id: 'a', quote: s.quote, position: s.position!, scope: 'article' })),
    );
    layer.entries.set(
      'gone',
      pendingEntry(
        highlight({
          id: 'gone',
          quote: { exact: 'Nothing like this sentence is on the page.', prefix: '', suffix: '' },
          scope: 'article',
        }),
      ),
    );
    await layer.restore();
    const step = vi.spyOn(AnchorTask.prototype, 'step');
    (doc.getElementById('nav')!.firstChild as Text).data = 'Home · World · Breaking news ticker';
    await layer.restore();
    expect(step).not.toHaveBeenCalled();
    expect(layer.entries.get('a')!.state).toBe('anchored');
    expect(layer.entries.get('gone')!.state).toBe('orphan');
    // A change inside the article: searched again.
    doc.querySelector('article p')!.insertAdjacentHTML('beforebegin', '<p>A new first paragraph.</p>');
    await layer.restore();
    expect(step).toHaveBeenCalled();
    const e = layer.entries.get('a')!;
    expect(e.index!.text.slice(e.start, e.end)).toBe(P3);
    step.mockRestore();
  });

  it('finds a passage outside its root again after text before it changed', async () => {
    const { win, doc } = page(`<p>${P3}</p>`);
    const quote = 'the ceasefire held through the night';
    doc.body.insertAdjacentHTML('beforeend', `<aside>Sidebar quote: ${quote}.</aside>`);
    const layer = new HighlightLayer(win, recordingPainter());
    layer.entries.set(
      'aside',
      pendingEntry(highlight({ id: 'aside', quote: { exact: quote, prefix: '', suffix: '' }, scope: 'article' })),
    );
    const passage = (): string => {
      const e = layer.entries.get('aside')!;
      return e.state === 'anchored' ? e.index!.text.slice(e.start, e.end) : e.state;
    };
    await layer.restore();
    expect(passage()).toBe(quote);
    // The article is as it was, but the body's text moved: the old offsets point elsewhere now.
    (doc.getElementById('nav')!.firstChild as Text).data = 'Home · World · Breaking news ticker item';
    await layer.restore();
    expect(passage()).toBe(quote);
  });

  it('knows an anchored highlight again in a freshly built index of the same text', async () => {
    const { win, doc } = page(`<p>${P3}</p>`);
    const s = selectorsIn(doc, P3);
    const layer = new HighlightLayer(win, recordingPainter());
    layer.entries.set(
      'a',
      pendingEntry(highlight({ id: 'a', quote: s.quote, position: s.position!, scope: 'article' })),
    );
    await layer.restore();
    // What selecting the same words again captures: a new index over the same root.
    const fresh = TextIndex.build(doc.querySelector('article')!);
    const { start, end } = s.position!;
    expect(anchoredAt(layer.entries.values(), fresh, start, end)?.h.id).toBe('a');
    expect(anchoredAt(layer.entries.values(), fresh, start, end - 1)).toBeNull();
    expect(anchoredAt(layer.entries.values(), TextIndex.build(doc.body), start, end)).toBeNull();
  });

  it('a newer restore supersedes a running one', async () => {
    const { win, doc } = page(`<p>${P3}</p>`);
    const s = selectorsIn(doc, P3);
    const layer = new HighlightLayer(win, recordingPainter());
    layer.entries.set(
      'a',
      pendingEntry(highlight({ id: 'a', quote: s.quote, position: s.position!, scope: 'article' })),
    );
    const first = layer.restore();
    const second = layer.restore();
    expect(await first).toBe(false);
    expect(await second).toBe(true);
  });
});
