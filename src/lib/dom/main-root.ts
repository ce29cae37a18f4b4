/**
 * "Relative to the article's main text": the element whose text highlights are described
 * against, so that page chrome, navigation and ads changing around the article do not
 * move them. In order: the largest <article>, [role=main], <main>, else the block with the
 * most paragraph text (a Readability-style guess), else <body>. A highlight stores a CSS
 * selector of its root (`scope`), found again on the next visit.
 */

import { highest } from './search';
import { idOf, parentOf } from './own-props';

/** Text a candidate needs to count as the main text (shorter: a teaser, a caption). */
export const MIN_MAIN_TEXT = 400;
/** Paragraphs sampled for the text-density guess. */
const MAX_PARAGRAPHS = 3_000;

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** The main-text element of `doc`, or its body. */
export function findMainRoot(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  let best: Element | null = null;
  let bestLen = 0;
  for (const a of Array.from(doc.querySelectorAll('article'))) {
    const n = textLength(a);
    if (n > bestLen) {
      best = a;
      bestLen = n;
    }
  }
  if (best && bestLen >= MIN_MAIN_TEXT) return best;
  for (const sel of ['[role="main"]', 'main']) {
    const el = doc.querySelector(sel);
    if (el && textLength(el) >= MIN_MAIN_TEXT) return el;
  }
  // The element holding the most paragraph text directly.
  const score = new Map<Element, number>();
  const ps = doc.querySelectorAll('p');
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS; i++) {
    const p = ps[i]!;
    const parent = parentOf(p);
    if (!parent) continue;
    score.set(parent, (score.get(parent) ?? 0) + textLength(p));
  }
  const [dense, denseLen] = highest(score);
  if (dense && denseLen >= MIN_MAIN_TEXT && dense !== body) return dense;
  return body;
}

function cssEscape(ident: string): string {
  const css = (globalThis as { CSS?: { escape?: (s: string) => string } }).CSS;
  return css?.escape ? css.escape(ident) : ident.replace(/[^\w-]/g, (c) => `\\${c}`);
}

/**
 * A CSS selector that finds `el` again in `doc`: '' for the body; a unique tag
 * (`article`, `main`), a unique `[role="main"]`, a stable-looking unique id, else a
 * `tag:nth-of-type(n)` path from the body (or from the nearest element with such an id).
 */
export function cssPath(el: Element, doc: Document): string {
  if (el === doc.body) return '';
  const unique = (sel: string) => {
    try {
      const all = doc.querySelectorAll(sel);
      return all.length === 1 && all[0] === el;
    } catch {
      return false;
    }
  };
  const tag = el.localName;
  if ((tag === 'article' || tag === 'main') && unique(tag)) return tag;
  if (el.getAttribute('role') === 'main' && unique('[role="main"]')) return '[role="main"]';
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && cur !== doc.body && cur !== doc.documentElement) {
    const id = idOf(cur);
    // Ids with long digit runs are usually generated per visit.
    if (
      id &&
      !/\d{4,}/.test(id) &&
      /^[A-Za-z][\w-]*$/.test(id) &&
      doc.querySelectorAll(`#${cssEscape(id)}`).length === 1
    ) {
      parts.unshift(`#${cssEscape(id)}`);
      return parts.join(' > ');
    }
    const name: string = cur.localName;
    let nth = 1;
    for (let s = cur.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === name) nth++;
    parts.unshift(`${name}:nth-of-type(${nth})`);
    cur = parentOf(cur);
  }
  return ['body', ...parts].join(' > ');
}

/** The element a stored `scope` names now, or null when it is gone (or '' → body). */
export function resolveScope(doc: Document, scope: string | undefined): Element | null {
  if (!scope) return doc.body;
  try {
    return doc.querySelector(scope);
  } catch {
    return null;
  }
}
