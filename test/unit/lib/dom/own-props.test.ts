/**
 * Reading page elements through the prototypes' getters (src/lib/dom/own-props.ts). A
 * browser's <form> shadows its properties with its controls' names; jsdom does not, so
 * here the form's own properties stand for them, as the browser's named properties do.
 * (A DOM that lacks one — linkedom's text nodes have no firstChild — is read as it is:
 * text-index.test.ts runs on linkedom. One DOM per file: the getters are looked up once.)
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { commonAncestor } from '../../../../src/lib/dom/common-ancestor';
import { hasAttr, own, parentOf } from '../../../../src/lib/dom/own-props';

/** A page whose article sits in a form whose controls shadow the form's properties. */
function clobbered(): { doc: Document; form: HTMLFormElement; ps: Element[] } {
  const doc = new JSDOM(
    `<!doctype html><body><main id="main"><form class="page-form" hidden><input name="x">
      <article><p>Syria</p><p>Moscow</p></article></form><aside>Russia</aside></main></body>`,
  ).window.document;
  const form = doc.querySelector('form')!;
  const input = doc.querySelector('input')!;
  for (const name of ['parentElement', 'parentNode', 'id', 'classList', 'hasAttribute', 'nextSibling', 'firstChild'])
    Object.defineProperty(form, name, { value: input });
  return { doc, form, ps: [...doc.querySelectorAll('p')] };
}

describe('own-props', () => {
  it('reads what the prototypes define, not what shadows them', () => {
    const { doc, form } = clobbered();
    expect(form.parentElement).toBe(doc.querySelector('input')); // the shadow
    expect(parentOf(form)).toBe(doc.getElementById('main'));
    expect(own<string>('id')(form)).toBe('');
    expect([...own<DOMTokenList>('classList')(form)]).toEqual(['page-form']);
    expect(hasAttr(form, 'hidden')).toBe(true);
    expect(own<Node | null>('nextSibling')(form)).toBe(doc.querySelector('aside'));
  });

  it('a climb through the form ends', () => {
    const { doc, ps } = clobbered();
    expect(commonAncestor(ps)).toBe(doc.querySelector('article'));
  });
});
