/**
 * furniture.ts's counts that stand in for native queries on hostile pages: they must give
 * what the native query gives, on any tree.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { gateInput } from '../../../../src/lib/dom/gate-input';
import { holdsOf, isFurnitureTag, paragraphsIn } from '../../../../src/lib/dom/furniture';

/** A random tree of divs, spans and paragraphs (nested too, as the DOM allows), seeded. */
function randomDoc(seed: number): Document {
  const d = new JSDOM('<!doctype html><html><body></body></html>').window.document;
  // mulberry32: a small seeded generator.
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const els: Element[] = [d.body];
  for (let i = 0; i < 150; i++) {
    const parent = els[rand(els.length)]!;
    const el = d.createElement(['div', 'span', 'p', 'p', 'h1'][rand(5)]!);
    // Sometimes before an existing child: document order is not creation order.
    parent.insertBefore(el, rand(2) === 0 ? parent.firstChild : null);
    els.push(el);
  }
  return d;
}

describe('furniture counts', () => {
  it('counts the paragraphs inside any element as getElementsByTagName does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = randomDoc(seed);
      const ps = d.getElementsByTagName('p');
      const all = [d.documentElement, ...Array.from(d.getElementsByTagName('*'))];
      for (const el of all)
        expect(paragraphsIn(el, ps), el.outerHTML.slice(0, 60)).toBe(el.getElementsByTagName('p').length);
    }
  });

  it('says which elements hold the headline as contains() does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = randomDoc(seed);
      const h1 = d.getElementsByTagName('h1')[0] ?? null;
      const holds = holdsOf(h1);
      for (const el of Array.from(d.getElementsByTagName('*'))) expect(holds(el)).toBe(h1 !== null && el.contains(h1));
    }
  });

  // A browser's <form> shadows its properties with its controls' names (own-props.ts); jsdom
  // does not, so the form's own properties stand for them here. With both of these
  // shadowed, the loaders' check threw on every page that holds its article in such a form.
  it('a form whose localName and getAttribute are its controls: furniture by its tag, read without them', () => {
    // Over 400 characters: the gate reads the paragraphs, not the text after the headline.
    const text = 'Ahmed al-Sharaa met Vladimir Putin in Moscow to talk about the Russian bases in Syria. '
      .repeat(5)
      .trim();
    const doc = new JSDOM(
      `<!doctype html><body><form><input name="x"><h1>Talks in Moscow</h1><p>${text}</p></form>` +
        `<form><input name="y"><p>${text} Aside.</p></form></body>`,
    ).window.document;
    const forms = [...doc.querySelectorAll('form')];
    for (const form of forms)
      for (const name of ['localName', 'getAttribute'])
        Object.defineProperty(form, name, { value: form.querySelector('input') });
    expect(forms.map((f) => isFurnitureTag(f))).toEqual([true, true]);
    // The first form holds the headline: the page's wrapper, its paragraph read; the other is furniture.
    expect(gateInput(doc).paragraphs).toEqual([text]);
  });
});
