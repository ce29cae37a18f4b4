/**
 * The marks' styles in trees the background's sheet does not reach: open shadow roots and
 * same-origin frames get one constructed sheet per document; the top document gets none.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { documentGone } from '../../../../src/lib/dom/gone';
import { TreeStyles } from '../../../../src/lib/dom/tree-styles';

const CSS = '::highlight(gx-a) { background-color: yellow; }';

function pageWithShadow() {
  const win = new JSDOM('<!doctype html><p>top</p><div id="a"></div><div id="b"></div>').window;
  const doc = win.document;
  const a = doc.getElementById('a')!.attachShadow({ mode: 'open' });
  a.innerHTML = '<p>in a</p>';
  const b = doc.getElementById('b')!.attachShadow({ mode: 'open' });
  b.innerHTML = '<p>in b</p>';
  return { doc, a, b };
}

describe('TreeStyles', () => {
  it('adopts one sheet into each shadow root that has marks, never into the top document', () => {
    const { doc, a, b } = pageWithShadow();
    const styles = new TreeStyles(doc, CSS);
    styles.ensure(doc.querySelector('p')!.firstChild!);
    expect(doc.adoptedStyleSheets).toHaveLength(0);
    styles.ensure(a.querySelector('p')!.firstChild!);
    styles.ensure(a.querySelector('p')!.firstChild!);
    styles.ensure(b.querySelector('p')!.firstChild!);
    expect(styles.size).toBe(2);
    expect(a.adoptedStyleSheets).toHaveLength(1);
    expect(b.adoptedStyleSheets).toHaveLength(1);
    // One sheet per document, shared by its roots; it holds the marks' rules.
    expect(a.adoptedStyleSheets[0]).toBe(b.adoptedStyleSheets[0]);
    expect(a.adoptedStyleSheets[0]!.cssRules.length).toBe(1);
  });

  it("keeps the page's own adopted sheets and puts its sheet back when the page drops it", () => {
    const { doc, a } = pageWithShadow();
    const win = doc.defaultView!;
    const own = new win.CSSStyleSheet();
    own.replaceSync('p { color: red; }');
    a.adoptedStyleSheets = [own];
    const styles = new TreeStyles(doc, CSS);
    styles.ensure(a.querySelector('p')!.firstChild!);
    expect(a.adoptedStyleSheets).toHaveLength(2);
    expect(a.adoptedStyleSheets[0]).toBe(own);
    a.adoptedStyleSheets = [own];
    styles.repair();
    expect(a.adoptedStyleSheets).toHaveLength(2);
    styles.clear();
    expect(a.adoptedStyleSheets).toEqual([own]);
    expect(styles.size).toBe(0);
  });

  it('styles a detached node nowhere', () => {
    const { doc } = pageWithShadow();
    const styles = new TreeStyles(doc, CSS);
    styles.ensure(doc.createElement('p'));
    expect(styles.size).toBe(0);
  });
});

describe('TreeStyles.prune', () => {
  it('forgets shadow roots whose host left the page, keeps the others', () => {
    const { doc, a, b } = pageWithShadow();
    const styles = new TreeStyles(doc, CSS);
    styles.ensure(a.querySelector('p')!.firstChild!);
    styles.ensure(b.querySelector('p')!.firstChild!);
    doc.getElementById('a')!.remove();
    styles.prune();
    expect(styles.size).toBe(1);
    // The page dropping the sheet from the remaining root: repair still puts it back.
    b.adoptedStyleSheets = [];
    styles.repair();
    expect(b.adoptedStyleSheets).toHaveLength(1);
  });
});

/** Firefox's "dead object": a kept document whose frame navigated away throws on any read. */
function kill(doc: Document): void {
  Object.defineProperty(doc, 'defaultView', {
    get() {
      throw new TypeError("can't access dead object");
    },
  });
}

describe('a frame document that is gone (Firefox: a dead object)', () => {
  it('documentGone: a live document is not, a windowless or dead one is', () => {
    const { doc } = pageWithShadow();
    expect(documentGone(doc)).toBe(false);
    expect(documentGone(doc.implementation.createHTMLDocument('x'))).toBe(true);
    const frame = new JSDOM('<p>in a frame</p>').window.document;
    kill(frame);
    expect(documentGone(frame)).toBe(true);
  });

  it('prune forgets a dead frame document and its sheet instead of throwing', () => {
    const { doc, a } = pageWithShadow();
    const frame = new JSDOM('<!doctype html><p>in a frame</p>').window.document;
    const styles = new TreeStyles(doc, CSS);
    styles.ensure(a.querySelector('p')!.firstChild!);
    styles.ensure(frame.querySelector('p')!.firstChild!);
    expect(styles.size).toBe(2);
    kill(frame);
    expect(() => styles.prune()).not.toThrow();
    expect(styles.size).toBe(1);
  });
});
