/**
 * The one live Range per document (src/lib/dom/hit-test.ts, scratchRange): the highlights'
 * painter and the hover test measure text with it. A new Range per measure slowed the
 * page's own DOM edits up to ~100× until a GC (the bench's highlightDomEditRatio).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { scratchRange } from '../../../../src/lib/dom/hit-test';

function page(html: string) {
  const doc = new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
  const texts = [...doc.querySelectorAll('p')].map((p) => p.firstChild as Text);
  return { doc, texts };
}

const span = (node: Node, start: number, end: number) =>
  ({
    startContainer: node,
    startOffset: start,
    endContainer: node,
    endOffset: end,
    collapsed: start === end,
  }) as AbstractRange;

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('scratchRange', () => {
  it('hands out one Range per document, set over each span in turn', () => {
    const { doc, texts } = page('<p>Putin met Assad</p><p>in Damascus</p>');
    const made = vi.spyOn(doc, 'createRange');
    const first = scratchRange(span(texts[0]!, 0, 5))!;
    expect(first.toString()).toBe('Putin');
    const second = scratchRange(span(texts[1]!, 3, 11))!;
    expect(second).toBe(first);
    expect(second.toString()).toBe('Damascus');
    for (let i = 0; i < 500; i++) scratchRange(span(texts[0]!, 10, 15));
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('is parked, collapsed at the start of its document, once the task has read it', async () => {
    const { doc, texts } = page('<p>Hmeimim air base</p>');
    const r = scratchRange(span(texts[0]!, 0, 7))!;
    expect(r.toString()).toBe('Hmeimim');
    await nextTask();
    expect(r.startContainer).toBe(doc);
    expect(r.startOffset).toBe(0);
    expect(r.collapsed).toBe(true);
    // ... and set again by the next call.
    expect(scratchRange(span(texts[0]!, 8, 11))!.toString()).toBe('air');
  });

  it("gives a frame's document its own Range", async () => {
    const a = page('<p>Latakia</p>');
    const b = page('<p>Tartus</p>');
    const ra = scratchRange(span(a.texts[0]!, 0, 7))!;
    const rb = scratchRange(span(b.texts[0]!, 0, 6))!;
    expect(rb).not.toBe(ra);
    expect([ra.toString(), rb.toString()]).toEqual(['Latakia', 'Tartus']);
    await nextTask();
    expect([ra.startContainer, rb.startContainer]).toEqual([a.doc, b.doc]);
  });

  it('answers null where the span no longer fits its text (the page changed it)', () => {
    const { texts } = page('<p>Idlib</p>');
    texts[0]!.data = 'x';
    expect(scratchRange(span(texts[0]!, 0, 5))).toBeNull();
  });
});
