/**
 * The card's stylesheet, read as text (Vitest does not process CSS): scoped, self-contained,
 * and with readable colors in both themes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../../src/components/card/card.css', import.meta.url), 'utf8');
const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');

function block(source: string, startAt: number): string {
  const open = source.indexOf('{', startAt);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error('unbalanced CSS');
}

function variables(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/(--gc-[a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
}

const light = variables(block(withoutComments, withoutComments.indexOf('.glossa-card {')));
const darkMedia = block(withoutComments, withoutComments.indexOf('@media (prefers-color-scheme: dark)'));
const dark = { ...light, ...variables(block(darkMedia, darkMedia.indexOf('.glossa-card'))) };

/** Splits a selector list at commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** [foreground, background, minimum]: text 4.5:1, focus ring and control borders 3:1. */
const PAIRS: Array<[string, string, number]> = [
  ['--gc-fg', '--gc-bg', 4.5],
  ['--gc-muted', '--gc-bg', 4.5],
  ['--gc-accent', '--gc-bg', 4.5],
  ['--gc-fg', '--gc-surface', 4.5],
  ['--gc-muted', '--gc-surface', 4.5],
  ['--gc-accent', '--gc-surface', 4.5],
  ['--gc-badge-fg', '--gc-badge-bg', 4.5],
  ['--gc-focus', '--gc-bg', 3],
  ['--gc-focus', '--gc-surface', 3],
  ['--gc-border', '--gc-bg', 3],
];

describe('card.css', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('has readable colors in the %s theme', (_theme, vars) => {
    for (const [fg, bg, min] of PAIRS) {
      expect(vars[fg], fg).toMatch(/^#/);
      expect(vars[bg], bg).toMatch(/^#/);
      expect(contrast(vars[fg]!, vars[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(min);
    }
  });

  it('scopes every rule under .glossa-card and resets the root', () => {
    const selectors = [...withoutComments.matchAll(/([^{}]+)\{/g)]
      .map((m) => m[1]!.trim())
      .filter((s) => !s.startsWith('@'));
    expect(selectors.length).toBeGreaterThan(10);
    for (const group of selectors) {
      for (const selector of splitTopLevel(group)) expect(selector.trim(), group).toMatch(/^\.glossa-card\b/);
    }
    expect(block(withoutComments, withoutComments.indexOf('.glossa-card {'))).toMatch(/^\s*all: initial;/);
  });

  it('loads nothing from the network and sets no page-relative font size', () => {
    expect(withoutComments).not.toMatch(/url\(|@import|@font-face|https?:/);
    expect(withoutComments).not.toMatch(/\d(rem)\b/);
    expect(withoutComments).toMatch(/font-family:\s*system-ui/);
    expect(withoutComments).toMatch(/max-width: min\(360px/);
    expect(withoutComments).toMatch(/max-height: min\(/);
    expect(withoutComments).toMatch(/overflow-y: auto/);
  });
});
