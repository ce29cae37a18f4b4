/**
 * EntityMarker (src/lib/dom/marker.ts) with a painter, as on web pages: the page's own
 * marks go to the painter as boxes of one class per kind (the keyboard's with `gf`), never
 * into the page's CSS highlight registry, which its scripts can read. jsdom has no layout:
 * what is checked is what is handed to the painter, not where boxes land (e2e does that).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { EntityMarker, type MarkedMention, type MarkPainter } from '../../../../src/lib/dom/marker';
import type { PaintItem } from '../../../../src/lib/dom/overlay';
import { PageWalk } from '../../../../src/lib/dom/page-walk';
import type { EntityKind } from '../../../../src/lib/kb/types';

function page(html: string) {
  const { window } = new JSDOM(`<!doctype html><html><body>${html}</body></html>`);
  const win = window as unknown as Window;
  // A registry the page could read: it must stay empty.
  const registry = new Map<string, unknown>();
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  const walk = new PageWalk(window.document.body);
  while (!walk.step(() => false));
  const text = walk.text.data().texts.join('');
  /** The mention of `name` (its `nth` occurrence) as the background would find it. */
  const mention = (name: string, kind: EntityKind, nth = 0): MarkedMention => {
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(name, at + 1);
    if (at < 0) throw new Error(`${name} not in the page`);
    return { entityId: name.toLowerCase(), kind, start: at, end: at + name.length };
  };
  const paints: PaintItem[][] = [];
  let cleared = 0;
  const painter: MarkPainter = {
    paint: (items) => void paints.push(items),
    clear: () => void cleared++,
  };
  const marker = new EntityMarker(win, undefined, painter);
  /** The last paint as [classes, text] (each item's range read as the painter reads it). */
  const painted = () => (paints.at(-1) ?? []).map((i) => [i.cls, i.range()?.toString() ?? null]);
  return { walk, mention, marker, paints, painted, registry, cleared: () => cleared };
}

describe('EntityMarker with a painter (web pages)', () => {
  it('hands each mention to the painter, by kind, and registers nothing the page can read', () => {
    const p = page('<p>Vladimir Putin met Ahmed al-Sharaa in <b>Moscow</b>.</p><p>Russia and Syria.</p>');
    const mentions = [
      p.mention('Vladimir Putin', 'person'),
      p.mention('Ahmed al-Sharaa', 'person'),
      p.mention('Moscow', 'place'),
      p.mention('Russia', 'state'),
    ];
    p.marker.show(p.walk, mentions);
    expect(p.painted()).toEqual([
      ['gm k-person', 'Vladimir Putin'],
      ['gm k-person', 'Ahmed al-Sharaa'],
      ['gm k-place', 'Moscow'],
      ['gm k-state', 'Russia'],
    ]);
    expect(p.registry.size).toBe(0);
  });

  it('the keyboard’s mark is painted with `gf`, and loses it when the focus moves on', () => {
    const p = page('<p>Putin and Assad spoke.</p>');
    p.marker.show(p.walk, [p.mention('Putin', 'person'), p.mention('Assad', 'person')]);
    p.marker.setFocus(1);
    expect(p.painted()).toEqual([
      ['gm k-person', 'Putin'],
      ['gm k-person gf', 'Assad'],
    ]);
    p.marker.setFocus(null);
    expect(p.painted().map(([cls]) => cls)).toEqual(['gm k-person', 'gm k-person']);
    expect(p.registry.size).toBe(0);
  });

  it('a new show replaces what was painted; clear takes the boxes away', () => {
    const p = page('<p>Putin and Assad spoke.</p>');
    p.marker.show(p.walk, [p.mention('Putin', 'person')]);
    p.marker.show(p.walk, [p.mention('Assad', 'person')]);
    expect(p.painted()).toEqual([['gm k-person', 'Assad']]);
    p.marker.clear();
    expect(p.cleared()).toBe(1);
  });

  it('without a painter (the source reader) the marks are registered', () => {
    const { window } = new JSDOM('<!doctype html><html><body><p>Putin spoke.</p></body></html>');
    const set: string[] = [];
    class FakeHighlight {
      constructor(...ranges: unknown[]) {
        void ranges;
      }
    }
    Object.assign(window, { Highlight: FakeHighlight });
    Object.defineProperty(window, 'CSS', {
      value: { highlights: Object.assign(new Map(), { set: (name: string) => void set.push(name) }) },
      configurable: true,
    });
    const walk = new PageWalk(window.document.body);
    while (!walk.step(() => false));
    new EntityMarker(window as unknown as Window).show(walk, [{ entityId: 'p', kind: 'person', start: 0, end: 5 }]);
    expect(set).toContain('greader00-person');
  });
});
