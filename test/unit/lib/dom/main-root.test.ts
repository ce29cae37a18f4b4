import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cssPath, findMainRoot, resolveScope } from '../../../../src/lib/dom/main-root';

const para = (n: number) => `<p>${'Officials in Damascus and Moscow discussed the bases again. '.repeat(n)}</p>`;
function doc(body: string): Document {
  return parseHTML(`<!doctype html><html><body>${body}</body></html>`).document as unknown as Document;
}

describe('findMainRoot', () => {
  it('prefers the largest <article>', () => {
    const d = doc(`<nav>Menu</nav><article id="teaser">${para(1)}</article><article id="story">${para(12)}</article>`);
    expect(findMainRoot(d)?.id).toBe('story');
  });

  it('then [role=main] / <main>, when they hold enough text', () => {
    expect(findMainRoot(doc(`<div role="main" id="m">${para(10)}</div><aside>${para(2)}</aside>`))?.id).toBe('m');
    expect(findMainRoot(doc(`<main id="m">${para(10)}</main>`))?.id).toBe('m');
  });

  it('else the block with the most paragraph text, else the body', () => {
    const d = doc(`<div id="side">${para(2)}</div><div id="content"><div id="text">${para(4)}${para(4)}</div></div>`);
    expect(findMainRoot(d)?.id).toBe('text');
    const tiny = doc('<p>Short.</p>');
    expect(findMainRoot(tiny)).toBe(tiny.body);
  });
});

describe('cssPath / resolveScope', () => {
  it('a unique tag, a stable id, or an nth-of-type path; all resolve to the element', () => {
    const d = doc(`<article>${para(10)}</article>`);
    expect(cssPath(d.querySelector('article')!, d)).toBe('article');
    const e = doc(
      `<div><div id="story-body">x</div></div><div id="ad-12345678"><section>y</section><section>z</section></div>`,
    );
    const story = e.querySelector('#story-body')!;
    expect(cssPath(story, e)).toBe('#story-body');
    const second = e.querySelectorAll('section')[1]!;
    const path = cssPath(second, e);
    expect(path).toBe('body > div:nth-of-type(2) > section:nth-of-type(2)');
    expect(resolveScope(e, path)).toBe(second);
    expect(cssPath(e.body, e)).toBe('');
    expect(resolveScope(e, '')).toBe(e.body);
    expect(resolveScope(e, '#gone')).toBeNull();
    expect(resolveScope(e, '<<bad')).toBeNull();
  });
});
