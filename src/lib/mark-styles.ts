/**
 * The names and styles of Glossa's entity marks in a page's CSS Custom Highlight registry.
 *
 * The registry and `::highlight()` styles belong to the page's document, so a page could
 * probe fixed names (`getComputedStyle(el, '::highlight(glossa-person)')`) to learn that
 * Glossa is installed. Names are therefore made of a random prefix chosen at each
 * activation, and the styles for exactly those names are inserted by the background
 * (`scripting.insertCSS` / `tabs.insertCSS`): pages cannot read such a sheet from
 * `document.styleSheets`, and a strict Content-Security-Policy does not apply to it. It is
 * an author-origin sheet: a user-origin one could not be overridden by the page, but
 * Chromium 156 does not paint the background of user-origin `::highlight()` rules (seen in
 * a screenshot: underline painted, tint not). A page that marks are shown on can still see the registry's entries: that
 * is what painting them there makes unavoidable (README, "Security").
 */
import type { EntityKind } from './kb/types';

/** A prefix: `g` and 8–16 lowercase letters or digits. */
export const MARK_PREFIX = /^g[a-z0-9]{8,16}$/;

/** The prefix of the marks on Glossa's own pages (the reader), styled by a plain <style>. */
export const READER_MARK_PREFIX = 'greader00';

export interface MarkNames {
  readonly kinds: Readonly<Record<EntityKind, string>>;
  /** The name reached with the keyboard. */
  readonly focus: string;
}

/** A new random prefix (from `random`, e.g. `crypto.getRandomValues`). */
export function newMarkPrefix(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(6));
  let out = 'g';
  for (const b of bytes) out += b.toString(36).padStart(2, '0').slice(-2);
  return out.slice(0, 13);
}

/**
 * The mark names of one activation. Pages of the extension itself (the source reader),
 * which no web page can see, use `READER_MARK_PREFIX`.
 */
export function markNames(prefix: string): MarkNames {
  if (!MARK_PREFIX.test(prefix)) throw new Error(`Not a mark prefix: ${JSON.stringify(prefix)}`);
  return {
    kinds: {
      person: `${prefix}-person`,
      organization: `${prefix}-organization`,
      state: `${prefix}-state`,
      place: `${prefix}-place`,
      other: `${prefix}-other`,
    },
    focus: `${prefix}-focus`,
  };
}

/**
 * Colours chosen to stay legible on light and dark pages: a soft tint plus an underline
 * whose style tells kinds apart without relying on colour alone. `!important`, so that a
 * page's own `::highlight(*)` rules do not restyle them by accident.
 */
const KIND_STYLES: Record<EntityKind, string> = {
  person:
    'background-color:rgba(66,133,244,.16)!important;text-decoration:underline solid rgba(66,133,244,.85) 2px!important',
  organization:
    'background-color:rgba(156,39,176,.14)!important;text-decoration:underline dashed rgba(156,39,176,.85) 2px!important',
  state:
    'background-color:rgba(0,150,136,.14)!important;text-decoration:underline solid rgba(0,150,136,.85) 1px!important',
  place:
    'background-color:rgba(230,145,0,.16)!important;text-decoration:underline dotted rgba(200,120,0,.95) 2px!important',
  other:
    'background-color:rgba(120,120,120,.16)!important;text-decoration:underline dotted rgba(100,100,100,.9) 2px!important',
};
const FOCUS_STYLE = 'background-color:rgba(255,213,0,.55)!important;color:#111!important';

/**
 * The style sheet for marks with these names: on every element, or on those `scope` (a
 * selector, mark-scope.ts) matches, whose descendants Chromium gives the styles.
 */
export function markCss(names: MarkNames, scope = ''): string {
  const rules = (Object.keys(KIND_STYLES) as EntityKind[]).map(
    (k) => `${scope}::highlight(${names.kinds[k]}){${KIND_STYLES[k]}}`,
  );
  rules.push(`${scope}::highlight(${names.focus}){${FOCUS_STYLE}}`);
  return rules.join('\n');
}
