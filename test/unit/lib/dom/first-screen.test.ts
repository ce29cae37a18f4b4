import { describe, expect, it } from 'vitest';
import { firstScreenWatch, MAX_FIRST_LOOK_CHARS, SCREEN_MARGIN } from '../../../../src/lib/dom/first-screen';

/** Text nodes whose elements stand at the given tops (px, viewport coordinates). */
function page(tops: number[], innerHeight = 800) {
  const doc = {};
  const win = { document: doc, innerHeight } as unknown as Window;
  let reads = 0;
  const nodes = tops.map(
    (top) =>
      ({
        parentElement: {
          ownerDocument: doc,
          getBoundingClientRect: () => {
            reads++;
            return { top };
          },
        },
      }) as unknown as Text,
  );
  return { win, nodes, reads: () => reads };
}

describe('first-screen watch', () => {
  it('says "past" once the last walked text starts below the screen and its margin, and stays so', () => {
    const p = page([0, 400, 900, 1300, 2000]);
    const walk = { length: 0, nodes: [] as Text[] };
    const past = firstScreenWatch(p.win, walk, 100);
    const advance = (n: number) => {
      walk.nodes = p.nodes.slice(0, n);
      walk.length = n * 100;
    };
    expect(past()).toBe(false); // nothing walked
    advance(1);
    expect(past()).toBe(false); // top 0
    advance(3);
    expect(past()).toBe(false); // 900 px: on the margin's near side (1.5 × 800 = 1200)
    expect(SCREEN_MARGIN * 800).toBe(1200);
    advance(4);
    expect(past()).toBe(true); // 1300 px
    advance(2); // whatever the walk does next
    expect(past()).toBe(true);
  });

  it('reads the layout once per stretch of walked text, not at every call', () => {
    const p = page(Array.from({ length: 50 }, () => 10));
    const walk = { length: 0, nodes: [] as Text[] };
    const past = firstScreenWatch(p.win, walk, 1000);
    for (let n = 1; n <= 50; n++) {
      walk.nodes = p.nodes.slice(0, n);
      walk.length = n * 100; // 5,000 characters in all
      past();
      past();
    }
    expect(p.reads()).toBe(5);
  });

  it('gives up on a first look when the screen is far down the page (opened scrolled down)', () => {
    const p = page([-9000, -5000, 3000]);
    const walk = { length: 0, nodes: [] as Text[] };
    const past = firstScreenWatch(p.win, walk, 1000);
    walk.nodes = p.nodes.slice(0, 2);
    walk.length = MAX_FIRST_LOOK_CHARS - 10;
    expect(past()).toBe(false); // above the viewport
    walk.nodes = p.nodes.slice(0, 3);
    walk.length = MAX_FIRST_LOOK_CHARS + 1000;
    expect(past()).toBe(false); // below it now, but too much was walked for one short first look
    expect(p.reads()).toBe(1);
  });

  it('does not look at text in a frame (its own coordinates)', () => {
    const p = page([5000]);
    (p.nodes[0]!.parentElement as unknown as { ownerDocument: unknown }).ownerDocument = {};
    const past = firstScreenWatch(p.win, { length: 2000, nodes: p.nodes }, 100);
    expect(past()).toBe(false);
    expect(p.reads()).toBe(0);
  });
});
