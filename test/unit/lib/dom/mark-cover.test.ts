/**
 * Which element the marks' rules are on (src/lib/dom/mark-cover.ts): the nearest that holds
 * every marked element of the document's own tree and that an id or a rare class names.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { MAX_CLASS_MATCHES, markScope } from '../../../../src/lib/dom/mark-cover';
import { scopeSelector } from '../../../../src/lib/mark-scope';

function page(body: string): Document {
  return new JSDOM(`<!doctype html><body>${body}</body>`).window.document;
}
const els = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)];

describe('markScope', () => {
  it('the nearest element holding every mark, by its id, and its rare classes', () => {
    const doc = page(`<header><h1 id="h">Putin</h1></header>
      <main id="main" class="layout"><article class="story story--wide"><h2>Syria</h2><p>Damascus <a>Moscow</a></p></article></main>`);
    expect(markScope(doc, els(doc, 'article h2, article a'))).toEqual({ id: '', classes: ['story', 'story--wide'] });
    // The headline outside the article: the element holding both.
    expect(markScope(doc, els(doc, '#h, article a'))).toBeNull(); // only the body holds both
    expect(markScope(doc, els(doc, 'article p, article a'))).toEqual({ id: '', classes: ['story', 'story--wide'] }); // the <p> has no name
    expect(markScope(doc, els(doc, 'article p'))).toEqual({ id: '', classes: ['story', 'story--wide'] });
  });

  it('one marked element alone: its parent, where a name starting in it may end', () => {
    const doc = page(`<p class="lede"><a class="person">Sergei</a> Lavrov met Ahmed al-Sharaa.</p>`);
    expect(markScope(doc, els(doc, 'a'))).toEqual({ id: '', classes: ['lede'] });
    expect(markScope(doc, els(doc, 'p, a'))).toBeNull(); // the <p> is marked too: the body
  });

  it('the selector it makes matches an element holding every mark', () => {
    const doc = page(
      `<div class="page"><div class="a"><p class="x">Syria</p></div><div class="b"><p>Russia</p></div></div>`,
    );
    const marked = els(doc, 'p');
    const scope = markScope(doc, marked);
    expect(scope).toEqual({ id: '', classes: ['page'] });
    const cover = els(doc, scopeSelector(scope!));
    for (const m of marked) expect(cover.some((c) => c.contains(m))).toBe(true);
  });

  it('skips classes many elements share; an id another element has too still names it', () => {
    const many = Array.from({ length: MAX_CLASS_MATCHES + 1 }, () => '<div class="row"></div>').join('');
    const doc = page(`${many}<div id="dup"></div><section id="dup" class="row"><p>Syria</p></section>`);
    expect(markScope(doc, els(doc, 'section p'))).toEqual({ id: 'dup', classes: [] });
    expect(els(doc, scopeSelector({ id: 'dup' }))).toContain(doc.querySelector('section'));
    const doc1 = page(`${many}<section class="row"><p>Syria</p></section>`);
    expect(markScope(doc1, els(doc1, 'section p'))).toBeNull(); // nothing below the body names it
    const doc2 = page(`${many}<div class="story"><section class="row"><p>Syria</p></section></div>`);
    expect(markScope(doc2, els(doc2, 'section p'))).toEqual({ id: '', classes: ['story'] });
  });

  it('no mark in the document’s own tree: nothing to style there; shadow trees’ marks are not its own', () => {
    const doc = page(`<div id="host"></div><div class="story"><p class="lede">Syria</p></div>`);
    const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Moscow</p>';
    expect(markScope(doc, [])).toBeUndefined();
    expect(markScope(doc, [root.querySelector('p')!])).toBeUndefined();
    expect(markScope(doc, [root.querySelector('p')!, doc.querySelector('.lede')!])).toEqual({
      id: '',
      classes: ['story'],
    });
  });
});
