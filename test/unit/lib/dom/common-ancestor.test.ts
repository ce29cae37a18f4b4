/**
 * The nearest element holding several (src/lib/dom/common-ancestor.ts): right on ordinary
 * trees, null across trees, and linear on a hostile chain thousands deep.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { commonAncestor } from '../../../../src/lib/dom/common-ancestor';
import { countCalls } from '../../support/count-dom';

const doc = (body: string) => new JSDOM(`<!doctype html><body>${body}</body>`).window.document;

describe('commonAncestor', () => {
  it('the nearest element that is or holds them all, in any order', () => {
    const d = doc(
      `<main id="m"><article id="a"><p id="p1"><b id="b">x</b></p><p id="p2"></p></article><aside id="s"></aside></main>`,
    );
    const $ = (id: string) => d.getElementById(id)!;
    expect(commonAncestor([$('b'), $('p2')])).toBe($('a'));
    expect(commonAncestor([$('p2'), $('b')])).toBe($('a'));
    expect(commonAncestor([$('b'), $('p1')])).toBe($('p1'));
    expect(commonAncestor([$('p1'), $('b')])).toBe($('p1'));
    expect(commonAncestor([$('b'), $('p2'), $('s')])).toBe($('m'));
    expect(commonAncestor([$('b')])).toBe($('b'));
    expect(commonAncestor([])).toBeNull();
  });

  it('null across trees: a shadow root’s elements, a detached one', () => {
    const d = doc(`<div id="host"></div><p id="p"></p>`);
    const root = d.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<span></span>';
    expect(commonAncestor([d.getElementById('p')!, root.querySelector('span')!])).toBeNull();
    expect(commonAncestor([d.getElementById('p')!, d.createElement('div')])).toBeNull();
  });

  it('climbs each element of a 5,000-deep chain once, whatever the order of the marks', () => {
    const d = doc('');
    const chain: Element[] = [];
    let bottom: Element = d.body;
    for (let i = 0; i < 5_000; i++) chain.push((bottom = bottom.appendChild(d.createElement('div'))));
    // The highest mark first, then ever lower ones: each climbs only to where the one
    // before it began (climbing each to the top would read 1.25 million parents).
    const marks = chain.filter((_, i) => i % 10 === 0);
    expect(commonAncestor([...marks].reverse())).toBe(chain[0]);
    const proto = d.defaultView!.Node.prototype;
    const own = Object.getOwnPropertyDescriptor(proto, 'parentElement')!;
    let reads = 0;
    Object.defineProperty(proto, 'parentElement', {
      ...own,
      get(this: Node) {
        reads++;
        return own.get!.call(this);
      },
    });
    let found: Element | null = null;
    const natives = countCalls(proto, ['contains', 'compareDocumentPosition'], () => {
      try {
        found = commonAncestor(marks);
      } finally {
        Object.defineProperty(proto, 'parentElement', own);
      }
    });
    expect(found).toBe(chain[0]);
    expect(natives).toBe(0);
    expect(reads).toBeLessThan(2 * (chain.length + 3) + marks.length);
  });
});
