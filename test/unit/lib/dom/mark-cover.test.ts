/**
 * Which element the marks' rules are on (src/lib/dom/mark-cover.ts): the nearest that holds
 * every marked element of the document's own tree and that an id or a rare class names.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { MAX_CLASS_MATCHES, MAX_COVER_CHILDREN, markScope } from '../../../../src/lib/dom/mark-cover';
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

  it(`a cover of more than ${MAX_COVER_CHILDREN} children: those holding the marks, in blocks of 32, by the path from the name`, () => {
    const paras = (n: number) => Array.from({ length: n }, (_, i) => `<p id="p${i}">Syria <a>Moscow</a></p>`).join('');
    const doc = page(`<div class="story"><aside></aside><div><section>${paras(200)}</section></div></div>`);
    const p = (i: number) => doc.getElementById(`p${i}`)!;
    const scope = markScope(doc, [p(70), p(100).querySelector('a')!]);
    expect(scope).toEqual({ id: '', classes: ['story'], range: [1, 0, 64, 127] });
    const styled = els(doc, scopeSelector(scope!));
    for (const i of [70, 100]) expect(styled).toContain(p(i));
    for (const i of [0, 199]) expect(styled).not.toContain(p(i));
    // No name up to the body: the path from it.
    const bare = page(`<nav></nav><main><article>${paras(100)}</article></main>`);
    const scope2 = markScope(bare, [bare.getElementById('p3')!, bare.getElementById('p40')!]);
    expect(scope2).toEqual({ range: [1, 0, 0, 63] });
    expect(els(bare, scopeSelector(scope2!))).toContain(bare.getElementById('p40'));
    // As many children as that, or fewer: the cover itself, as before.
    const short = page(`<article class="story">${paras(MAX_COVER_CHILDREN)}</article>`);
    expect(markScope(short, els(short, 'p'))).toEqual({ id: '', classes: ['story'] });
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
