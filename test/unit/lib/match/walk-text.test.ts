/**
 * The background recognizes the text the content script's walk read (recognizeWalk, via
 * `content/recognize`): it must find exactly what a scan during the walk finds.
 */
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds, parsePage } from '../../../../scripts/annotate';
import { PageWalk } from '../../../../src/lib/dom/page-walk';
import { PageRecognizer } from '../../../../src/lib/dom/recognize';
import {
  cutWalkText,
  MAX_WALK_CHARS,
  MAX_WALK_PIECES,
  mentionsOf,
  packRecognized,
  splitWire,
  WalkText,
  WireJoiner,
  type WalkTextWire,
} from '../../../../src/lib/match/walk-text';
import { recognizeWalk, WalkTextReader } from '../../../../src/lib/match/walk-reader';
import { corpusPages } from '../../support/saved-pages';

const matcher = matcherFromSeeds();
const pages = corpusPages();

describe('recognition of a walk’s text (the background’s side)', () => {
  it(`finds what the walk's own scan finds, on all ${pages.length} corpus pages, sent in parts as JSON`, () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    const differ: string[] = [];
    let mentions = 0;
    for (const page of pages) {
      for (const about of [true, false]) {
        const body = parsePage(page.html).body;
        const local = new PageRecognizer(matcher, body, { shadowRoots: true, frames: true });
        const found = local.finish({ about });
        // Walked again without a matcher, as the content script walks.
        const walk = new PageWalk(parsePage(page.html).body, { shadowRoots: true, frames: true });
        while (!walk.step(() => false));
        // Sent as the main chunk sends it: in parts (small ones here), each as JSON.
        const parts = splitWire(walk.text.data(), 500).map((p) => JSON.parse(JSON.stringify(p)) as WalkTextWire);
        const joiner = new WireJoiner();
        for (const part of parts.slice(0, -1)) expect(joiner.add(part)).toBe(true);
        const sent = joiner.finish(parts.at(-1)!);
        if (typeof sent === 'string') throw new Error(`${page.name}: ${sent}`);
        const remote = recognizeWalk(matcher, sent, { about });
        mentions += found.length;
        if (JSON.stringify(remote) !== JSON.stringify(found)) differ.push(`${page.name} (about: ${about})`);
      }
    }
    expect(differ).toEqual([]);
    expect(mentions).toBeGreaterThan(1000);
  });

  it('keeps a block boundary before the text that starts at it', () => {
    // "Bashar" and "al-Assad" in two blocks touch in the walk's text: only the boundary
    // between them keeps them apart.
    const text = new WalkText(true);
    text.addText('Bashar', 0);
    text.addBreak(6);
    text.addText('al-Assad met Putin', 6);
    text.length = 24;
    const found = recognizeWalk(matcher, text.data(), { about: true }).map((m) => m.start);
    const joined = new WalkText(true);
    joined.addText('Bashar', 0);
    joined.addText('al-Assad met Putin', 6);
    joined.length = 24;
    const without = recognizeWalk(matcher, joined.data(), { about: true }).map((m) => m.start);
    expect(found).not.toContain(0);
    expect(found).toEqual([6, 19]);
    expect(without).not.toEqual(found);
  });

  it('gives back the mentions it packed, in order, each entity once in the list', () => {
    const found = recognizeWalk(
      matcher,
      { texts: ['Putin met Sharaa; Putin left.'], starts: [0], breaks: [], length: 29, english: true },
      { about: true },
    );
    const packed = packRecognized(found, () => 'person');
    expect(packed.ids).toEqual(['vladimir-putin', 'ahmed-al-sharaa']);
    expect(mentionsOf(packed)).toEqual(
      found.map((m) => ({ entityId: m.entityId, kind: 'person', start: m.start, end: m.end })),
    );
    expect(mentionsOf(packed)).toHaveLength(3);
  });

  it('a walk without a matcher keeps each node it read and the text at its offset', () => {
    const walk = new PageWalk(parsePage('<p>Damascus</p><p>and Moscow</p>').body, { scope: 'all' });
    while (!walk.step(() => false));
    expect(walk.walked).toBe(true);
    expect(walk.nodes.map((n) => n.data)).toEqual(['Damascus', 'and Moscow']);
    expect(walk.text.texts).toEqual(['Damascus', 'and Moscow']);
    expect(walk.position(walk.starts[1]! + 4, false)).toEqual({ node: walk.nodes[1], offset: 4 });
    expect(new WalkTextReader(walk.text).isBreak(walk.starts[1]!)).toBe(true);
  });
});

describe('cutWalkText: a walk past the limits keeps its first texts, whole', () => {
  it('leaves a walk within them as it is, however much it passed over', () => {
    const small = {
      texts: ['Damascus', ' and ', 'Moscow'],
      starts: [0, 9, 15],
      breaks: [0, 21],
      length: 21,
      english: true,
    };
    expect(cutWalkText(small)).toBe(small);
    // Passed-over text (scripts, hidden blocks) counts in the length, not against the limit.
    const hiddenMost = { ...small, breaks: [0, 21], length: MAX_WALK_CHARS * 2 };
    expect(cutWalkText(hiddenMost)).toBe(hiddenMost);
  });

  it('cuts at MAX_WALK_CHARS characters read, and at MAX_WALK_PIECES texts', () => {
    const half = 'x'.repeat(MAX_WALK_CHARS / 2);
    const third = 2 * half.length + 2;
    const chars = cutWalkText({
      texts: [half, half, 'Homs'],
      starts: [0, half.length + 1, third],
      breaks: [0, half.length + 1, third, third + 4],
      length: third + 4,
      english: true,
    });
    expect(chars.texts.length).toBe(2);
    expect(chars.length).toBe(third);
    expect(chars.breaks).toEqual([0, half.length + 1, third]);
    const n = MAX_WALK_PIECES + 3;
    const texts = Array.from({ length: n }, () => 'a');
    const pieces = cutWalkText({ texts, starts: texts.map((_, i) => 2 * i), breaks: [], length: 2 * n, english: true });
    expect(pieces.texts.length).toBe(MAX_WALK_PIECES);
    expect(pieces.length).toBe(2 * MAX_WALK_PIECES);
  });
});
