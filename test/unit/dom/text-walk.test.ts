/**
 * The visible-text walk: every place text lives (open shadow roots, same-origin frames),
 * any depth (iterative: a 50,000-deep page must not overflow the stack), in slices.
 */
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../../scripts/annotate';
import { PageRecognizer, type RecognizerOptions } from '../../../src/lib/dom/recognize';
import { VisibleTextWalker } from '../../../src/lib/dom/text-walk';

const matcher = matcherFromSeeds();

function page(body: string): Document {
  return new JSDOM(`<!doctype html><html><body>${body}</body></html>`).window.document;
}

function names(doc: Document, options: RecognizerOptions = {}): string[] {
  const rec = new PageRecognizer(matcher, doc.body, { scope: 'all', ...options });
  return rec.finish({ about: true }).map((m) => {
    const p = rec.position(m.start, false);
    const q = rec.position(m.end, true);
    return p.node === q.node ? p.node.data.slice(p.offset, q.offset) : `${p.node.data.slice(p.offset)}…`;
  });
}

function walkText(root: Node, options = {}): string {
  const parts: string[] = [];
  const w = new VisibleTextWalker(root, { text: (data) => parts.push(data), boundary: () => parts.push('|') }, options);
  w.run(() => false);
  return parts.join('');
}

describe('the visible-text walk', () => {
  it('walks a page nested 50,000 elements deep without overflowing the stack', () => {
    // linkedom: jsdom's appendChild checks every ancestor, which makes building this slow.
    const doc = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
    let cur: Element = doc.body;
    for (let i = 0; i < 50_000; i++) cur = cur.appendChild(doc.createElement(i % 2 ? 'div' : 'span'));
    cur.appendChild(doc.createTextNode('Hmeimim and Tartus'));
    expect(names(doc)).toEqual(['Hmeimim', 'Tartus']);
    // The reading scope (main-text.ts) walks the same depth.
    expect(new PageRecognizer(matcher, doc.body).finish({ about: true }).map((m) => m.entityId)).toEqual([
      'hmeimim-air-base',
      'tartus',
    ]);
  });

  it('enters open shadow roots where their host stands, when asked', () => {
    const doc = page('<p>Before: Damascus.</p><news-card></news-card><p>After: Idlib.</p>');
    const host = doc.querySelector('news-card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Inside: <b>Hmeimim</b> Air Base</p><p hidden>Tartus</p><style>.Homs{}</style>';
    expect(names(doc)).toEqual(['Damascus', 'Idlib']);
    expect(names(doc, { shadowRoots: true })).toEqual(['Damascus', 'Hmeimim…', 'Idlib']);
    expect(walkText(doc.body, { shadowRoots: true })).toBe('|Before: Damascus.|Inside: Hmeimim Air Base|After: Idlib.');
  });

  it('enters nested shadow roots and skips a hidden host', () => {
    const doc = page('<outer-card></outer-card><div hidden><x-card></x-card></div>');
    const outer = doc.querySelector('outer-card')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<p>Latakia</p><inner-card></inner-card>';
    outer.querySelector('inner-card')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Qamishli</p>';
    doc.querySelector('x-card')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Tartus</p>';
    expect(names(doc, { shadowRoots: true })).toEqual(['Latakia', 'Qamishli']);
  });

  it('enters same-origin iframes where they stand, when asked; never their fallback text', () => {
    const doc = page('<p>Moscow said.</p><iframe>Homs</iframe><p>Kremlin sources.</p>');
    const frame = doc.querySelector('iframe')!;
    const inner = frame.contentDocument!;
    inner.body.innerHTML = '<p>Damascus replied.</p><script>Tartus</script>';
    expect(names(doc)).toEqual(['Moscow', 'Kremlin']);
    expect(names(doc, { frames: true })).toEqual(['Moscow', 'Damascus', 'Kremlin']);
  });

  it('leaves a frame it cannot read alone', () => {
    const doc = page('<p>Moscow.</p><iframe></iframe>');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', {
      get() {
        throw new Error('cross-origin');
      },
    });
    expect(names(doc, { frames: true, shadowRoots: true })).toEqual(['Moscow']);
  });

  it('gives the same walk in slices as in one go, across shadow roots', () => {
    const body = Array.from({ length: 40 }, (_, i) => `<p>Idlib ${i}</p><x-c${i % 3}></x-c${i % 3}>`).join('');
    const doc = page(body);
    for (const el of Array.from(doc.body.querySelectorAll('*')).filter((e) => e.localName.startsWith('x-')))
      el.attachShadow({ mode: 'open' }).innerHTML = '<span>Homs</span>';
    const once = walkText(doc.body, { shadowRoots: true });
    const parts: string[] = [];
    const w = new VisibleTextWalker(
      doc.body,
      { text: (d) => parts.push(d), boundary: () => parts.push('|') },
      { shadowRoots: true },
    );
    let n = 0;
    while (!w.run(() => ++n % 2 === 0));
    expect(parts.join('')).toBe(once);
  });
});
