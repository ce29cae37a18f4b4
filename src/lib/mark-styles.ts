/**
 * How Glossa's entity marks look, in both of the ways they are drawn:
 * - on a web page's own document, as boxes painted in Glossa's closed shadow root
 *   (`markBoxClass`, `markBoxCss`): the page can read neither which words are marked nor how;
 * - in same-origin frames and on the extension's source reader, in the CSS Custom Highlight
 *   registry (`markNames`, `markCss`). A frame's registry and `::highlight()` styles belong
 *   to its document, so a page could probe fixed names
 *   (`getComputedStyle(el, '::highlight(glossa-person)')`) to learn that Glossa is
 *   installed: names are made of a random prefix chosen at each activation, and the rules
 *   for exactly those names are adopted into the frame's tree (src/lib/dom/tree-styles.ts).
 *   The frame's scripts can still read the registry's entries (README, "Security").
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
 * whose style tells kinds apart without relying on colour alone.
 */
const KINDS: Record<EntityKind, { tint: string; line: 'solid' | 'dashed' | 'dotted'; color: string; width: number }> = {
  person: { tint: 'rgba(66,133,244,.16)', line: 'solid', color: 'rgba(66,133,244,.85)', width: 2 },
  organization: { tint: 'rgba(156,39,176,.14)', line: 'dashed', color: 'rgba(156,39,176,.85)', width: 2 },
  state: { tint: 'rgba(0,150,136,.14)', line: 'solid', color: 'rgba(0,150,136,.85)', width: 1 },
  place: { tint: 'rgba(230,145,0,.16)', line: 'dotted', color: 'rgba(200,120,0,.95)', width: 2 },
  other: { tint: 'rgba(120,120,120,.16)', line: 'dotted', color: 'rgba(100,100,100,.9)', width: 2 },
};
const FOCUS_TINT = 'rgba(255,213,0,.55)';

/**
 * The style sheet for marks with these names in a CSS highlight registry (the source
 * reader's page, same-origin frames): on every element, or on those `scope` (a selector)
 * matches. `!important`, so that a page's own `::highlight(*)` rules do not restyle them by
 * accident.
 */
export function markCss(names: MarkNames, scope = ''): string {
  const rules = (Object.keys(KINDS) as EntityKind[]).map((k) => {
    const { tint, line, color, width } = KINDS[k];
    return `${scope}::highlight(${names.kinds[k]}){background-color:${tint}!important;text-decoration:underline ${line} ${color} ${width}px!important}`;
  });
  rules.push(`${scope}::highlight(${names.focus}){background-color:${FOCUS_TINT}!important;color:#111!important}`);
  return rules.join('\n');
}

/**
 * The marks painted as boxes in Glossa's closed shadow root (src/lib/dom/overlay.ts, on web
 * pages' own documents): `gm` and `k-<kind>` on each box, `gf` on the keyboard's mark (the
 * text's colour cannot change under a box: a ring says it instead). The underline is the
 * box's lower border, just under the line's descenders.
 */
export const markBoxClass = (kind: EntityKind, focused: boolean): string => `gm k-${kind}${focused ? ' gf' : ''}`;

/** The marks' boxes' style sheet (a function: the loader, which imports this module's prefix, carries none of it). */
export const markBoxCss = (): string =>
  [
    '.gm{position:absolute;box-sizing:border-box;pointer-events:none}',
    ...(Object.keys(KINDS) as EntityKind[]).map((k) => {
      const { tint, line, color, width } = KINDS[k];
      return `.gm.k-${k}{background:${tint};border-bottom:${width}px ${line} ${color}}`;
    }),
    `.gm.gf{background:${FOCUS_TINT};outline:2px solid #b58900;outline-offset:1px}`,
    '@media print{.gm{display:none}}',
  ].join('\n');
