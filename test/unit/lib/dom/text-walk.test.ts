/**
 * The visible-text walk: every place text lives (open shadow roots, same-origin frames),
 * any depth (iterative: a 50,000-deep page must not overflow the stack), in slices.
 */
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds, parsePage } from '../../../../scripts/annotate';
import { PageWalk } from '../../../../src/lib/dom/page-walk';
import { PageRecognizer, type RecognizerOptions } from '../../../../src/lib/dom/recognize';
import { VisibleTextWalker } from '../../../../src/lib/dom/text-walk';
import { corpusPages, realPages } from '../../support/saved-pages';

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

describe('jumping over what the walk would not read (a walk that visits elements)', () => {
  /**
   * What a walk of `doc` read, as the matcher sees it: each text, whether a break and
   * whether passed-over text stand before it (either parts it from the text before); and
   * the walk's jumps. Offsets differ: a jump counts one character for what it passes over.
   */
  function read(doc: Document, elements: boolean) {
    // A walk reads the page and changes nothing: both walks go over one parse.
    const walk = new PageWalk(doc.body, elements ? { shadowRoots: true, frames: true } : {});
    while (!walk.step(() => false));
    const { texts, starts, breaks } = walk.text;
    const seen: string[] = [];
    let b = 0;
    let end = 0;
    texts.forEach((t, i) => {
      const at = starts[i]!;
      let broke = false;
      while (b < breaks.length && breaks[b]! <= at) {
        broke = true;
        b++;
      }
      seen.push(`${broke ? '|' : ''}${at > end ? '~' : ''}${t}`);
      end = at + t.length;
    });
    return { text: seen, jumps: walk.jumps };
  }

  const corpus = corpusPages();
  const real = realPages();

  it(`reads the same text, with the same breaks and the same text passed over between, as a walk of every text node, on ${corpus.length} corpus pages and the real pages beside the checkout`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const differ: string[] = [];
    let jumped = 0;
    for (const p of [...corpus, ...real]) {
      const doc = parsePage(p.html);
      const all = read(doc, false);
      const jumping = read(doc, true);
      if (JSON.stringify(all.text) !== JSON.stringify(jumping.text)) differ.push(p.name);
      if (jumping.jumps > 0) jumped++;
    }
    expect(differ).toEqual([]);
    // It did jump: on most pages there was something out of scope or cut out to pass over.
    expect(jumped).toBeGreaterThan((corpus.length + real.length) / 2);
  }, 120_000);

  it('keeps passed-over text between words: a script or an icon inside a paragraph still parts them, while the menu is jumped', () => {
    const doc = page(
      '<nav><ul><li><a href="/">Moscow news</a></li></ul></nav><article><p>' +
        'The talks went on. '.repeat(20) +
        '</p><p>Bashar<script>var x=1</script>al-Assad met <svg><text>Icon</text></svg>Putin.</p></article>',
    );
    const all = read(doc, false);
    const jumping = read(doc, true);
    expect(jumping.jumps).toBeGreaterThan(0);
    expect(jumping.text).toEqual(all.text);
  });

  it('enters a same-origin frame and an open shadow root in scope, though it jumps what is out of it', () => {
    const doc = page(
      '<nav><ul><li><a href="/">Moscow news</a></li></ul></nav>' +
        '<article><h1>Talks in Damascus</h1><p>' +
        'The talks went on. '.repeat(20) +
        '</p><div id="host"></div><p>Aleppo was calm.</p></article>' +
        '<footer><p>Contact the Kremlin desk.</p></footer>',
    );
    const host = doc.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Inside: Latakia.</p>';
    const walk = new PageWalk(doc.body, { shadowRoots: true, frames: true });
    while (!walk.step(() => false));
    const read = walk.text.texts.join('|');
    expect(read).toContain('Inside: Latakia.');
    expect(read).toContain('Aleppo was calm.');
    expect(read).not.toContain('Moscow news');
    expect(read).not.toContain('Kremlin desk');
    expect(walk.shadowRoots).toHaveLength(1);
  });
});
