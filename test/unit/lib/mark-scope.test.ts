/**
 * The marks' rules name the element holding them by its id and classes — page text — so
 * each name is written as an escaped CSS identifier (src/lib/mark-scope.ts): the selector
 * matches that element and nothing outside the rule can be written.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cssIdent, scopeSelector } from '../../../src/lib/mark-scope';
import { markCss, markNames } from '../../../src/lib/mark-styles';

const HOSTILE = [
  'story-body',
  'a{}',
  '} * { color: red',
  'x) , *',
  '</style><script>',
  '1st',
  '-1x',
  '-',
  '--x',
  '_u',
  'with space',
  'line\nbreak',
  'back\\slash',
  'quote"\'',
  'Dönerstraße',
  'é\u2028',
  'semi;colon',
  '#id.class',
  '@import',
  '\u0000nul',
];

/** Strings of characters CSS treats specially, and ordinary ones. */
function randomNames(n: number): string[] {
  const alphabet = 'aZ09-_ {}();,:.#\\"\'/*<>@!\n\tü€\u0000';
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''),
  );
}

describe('the marks’ scope selector', () => {
  it('names the element by its id or classes, and matches it alone, whatever the names hold', () => {
    const doc = new JSDOM('<!doctype html><body><div id="other" class="other"></div></body>').window.document;
    for (const name of [...HOSTILE, ...randomNames(300)]) {
      const clean = name.replace(/\u0000/g, '\ufffd'); // the parser's own reading of NUL
      if (clean.trim() === '') continue; // no class can be "" or white space only
      const el = doc.createElement('div');
      el.id = clean;
      doc.body.append(el);
      const byId = scopeSelector({ id: clean });
      expect([...doc.querySelectorAll(byId)], `${JSON.stringify(name)} → ${byId}`).toEqual([el]);
      el.removeAttribute('id');
      if (!/\s/.test(clean)) {
        el.className = clean;
        const byClass = scopeSelector({ classes: [clean] });
        expect([...doc.querySelectorAll(byClass)], `${JSON.stringify(name)} → ${byClass}`).toEqual([el]);
      }
      el.remove();
    }
  });

  it('writes nothing but identifier characters and escapes: no rule text of the page’s', () => {
    for (const name of [...HOSTILE, ...randomNames(300)])
      expect(cssIdent(name)).toMatch(/^[A-Za-z0-9_\-\\ \u0080-\uffff]*$/);
    expect(cssIdent('a{}')).toBe('a\\7b \\7d ');
    expect(cssIdent('1st')).toBe('\\31 st');
    expect(cssIdent('-1x')).toBe('\\2d \\31 x');
    expect(cssIdent('story-body_2')).toBe('story-body_2');
  });

  it('a sheet for a named element holds the six rules only, each on that element', () => {
    const names = markNames('gabcdefgh');
    const css = markCss(names, scopeSelector({ id: '} body { display: none', classes: ['a{}', 'ok'] }));
    const doc = new JSDOM(`<!doctype html><style>${css}</style>`).window.document;
    const rules = [...doc.styleSheets[0]!.cssRules] as CSSStyleRule[];
    expect(rules).toHaveLength(6);
    // jsdom writes the names back with escapes of its own.
    for (const r of rules) expect(r.selectorText).toMatch(/^:is\(#.+, \..+, \.ok\)::highlight\(gabcdefgh-[a-z]+\)$/);
    expect(rules.map((r) => r.style.getPropertyValue('background-color'))).not.toContain('');
    expect(markCss(names, scopeSelector(null))).toBe(markCss(names));
    expect(scopeSelector({})).toBe('');
  });
});
