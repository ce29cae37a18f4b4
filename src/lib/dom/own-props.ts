/**
 * Properties of page elements read through the DOM's own getters.
 *
 * A `<form>`'s controls shadow its properties by their names, in the content script's
 * isolated world too: with `<input name="parentElement">` in it, `form.parentElement` is
 * that input, whose parent is the form again. Measured in Chromium 156 with a saved
 * article wrapped in such a form: a climb through `parentElement` never ended and froze
 * the page; controls named `nodeType`, `hasAttribute` or `classList` stopped Glossa on
 * it, one named `id` left its marks unstyled. `own` reads them as the elements'
 * prototypes define them, which the page's controls cannot shadow (its scripts could
 * replace them in their own world, not in ours).
 *
 * Only what reaches an element that may be a form needs them: climbs from an element to
 * its ancestors, traversals, the walk's look at each element. A text node cannot be a form.
 */
/** The property `prop` as the prototypes of `n` define it (an accessor or a method), if they do. */
function proto(n: object, prop: string): PropertyDescriptor | undefined {
  let d: PropertyDescriptor | undefined;
  for (let p = Object.getPrototypeOf(n) as object | null; p && !d; p = Object.getPrototypeOf(p) as object | null)
    d = Object.getOwnPropertyDescriptor(p, prop);
  return d;
}

/**
 * `n[prop]` as the prototypes define it: an accessor's value, or the method itself (to
 * `.call`). Looked up once per name, from the first node read (any node of the DOM the code
 * runs on: a browser's, or a unit test's); where they do not define it (linkedom's text
 * nodes have no firstChild), read as it is. One function per name: `parentOf` runs in
 * climbs on every paragraph.
 */
export function own<T>(prop: string): (n: Node) => T {
  let d: PropertyDescriptor | undefined;
  return (n) =>
    ((d ??= proto(n, prop)) ? (d.get ? d.get.call(n) : d.value) : (n as unknown as Record<string, unknown>)[prop]) as T;
}

/** `n.parentElement`. */
export const parentOf = own<Element | null>('parentElement');

/** `el.id`. */
export const idOf = own<string>('id');

/** The prototypes' `hasAttribute`, to call on an element. */
const hasAttribute = own<Element['hasAttribute']>('hasAttribute');
/** `el.hasAttribute(name)`. */
export const hasAttr = (el: Element, name: string): boolean => hasAttribute(el).call(el, name);
