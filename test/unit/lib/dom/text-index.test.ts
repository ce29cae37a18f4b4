/** The DOM text index on linkedom: normalized text, and offsets ↔ DOM positions. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../../../src/lib/dom/text-index';

function doc(body: string): Document {
  return parseHTML(`<!doctype html><html><body>${body}</body></html>`).document as unknown as Document;
}

const HTML = `
  <article>
    <h1>Syria's   leader
       meets Putin</h1>
    <p id="a">Ahmed al-<b>Sharaa</b> travelled&nbsp;to <i>Moscow</i>.</p><p id="b">Talks\u00ad began.</p>
    <script>var x = "not text";</script>
    <p hidden>hidden words</p>
    <p id="c">  Tartus   is a port.  </p>
  </article>`;

describe('TextIndex', () => {
  it('is the visible text with white space collapsed and a space between blocks', () => {
    const d = doc(HTML);
    const index = TextIndex.build(d.body);
    expect(index.text).toBe(
      "Syria's leader meets Putin Ahmed al-Sharaa travelled to Moscow. Talks began. Tartus is a port. ",
    );
  });

  it('maps DOM points to offsets, including points on elements and in skipped text', () => {
    const d = doc(HTML);
    const index = TextIndex.build(d.body);
    const b = d.querySelector('#a b')!.firstChild as Text;
    const at = index.offsetOf(b, 0, 'start');
    expect(index.text.slice(at, at + 6)).toBe('Sharaa');
    // The point before <p id="c"> (an element container) → the start of its text.
    const article = d.querySelector('article')!;
    const c = d.querySelector('#c')!;
    const childIndex = Array.prototype.indexOf.call(article.childNodes, c);
    expect(index.text.slice(index.offsetOf(article, childIndex, 'start'))).toBe('Tartus is a port. ');
    // Inside the script (skipped): the next visible text.
    const script = d.querySelector('script')!.firstChild!;
    expect(index.text.slice(index.offsetOf(script, 3, 'start'))).toBe('Tartus is a port. ');
  });

  it('maps offsets back to DOM boundaries that select the same text', () => {
    const d = doc(HTML);
    const index = TextIndex.build(d.body);
    const from = index.text.indexOf('Sharaa travelled to Mos');
    const spec = index.domRange(from, from + 'Sharaa travelled to Mos'.length)!;
    expect(spec.startContainer.data).toBe('Sharaa');
    expect(spec.startOffset).toBe(0);
    expect(spec.endContainer.data).toBe('Moscow');
    expect(spec.endOffset).toBe(3);
    // Across the block gap: "began. Tartus" ends in #c's text, starts in #b's.
    const g = index.text.indexOf('began. Tartus');
    const across = index.domRange(g, g + 'began. Tartus'.length)!;
    expect(across.startContainer.data).toBe('Talks\u00ad began.');
    expect(across.startOffset).toBe(7);
    expect(across.endContainer.data).toBe('  Tartus   is a port.  ');
    expect(across.endOffset).toBe(8);
    // A range starting at the space between blocks starts at the next node.
    const gap = index.text.indexOf(' Tartus');
    expect(index.domRange(gap, gap + 7)!.startOffset).toBe(2);
  });

  it('round-trips offsets of every character', () => {
    const d = doc(HTML);
    const index = TextIndex.build(d.body);
    for (let at = 0; at < index.text.length; at++) {
      const i = index.nodeAt(at);
      if (i < 0) continue; // a space between blocks
      const spec = index.domRange(at, at + 1)!;
      expect(index.offsetOf(spec.startContainer, spec.startOffset, 'start')).toBe(at);
      expect(index.offsetOf(spec.endContainer, spec.endOffset, 'end')).toBe(at + 1);
    }
  });

  it('builds in slices and notices changed text', () => {
    const body = Array.from({ length: 300 }, (_, i) => `<p>Paragraph ${i} about Damascus.</p>`).join('');
    const d = doc(body);
    const index = new TextIndex(d.body);
    let slices = 0;
    while (!index.step(() => true)) slices++;
    expect(slices).toBeGreaterThan(2);
    expect(index.text).toBe(TextIndex.build(d.body).text);
    expect(index.isCurrent()).toBe(true);
    (d.querySelector('p')!.firstChild as Text).data = 'Changed';
    expect(index.isCurrent()).toBe(false);
    expect(index.domRange(0, 5)).toBeNull();
  });
});
