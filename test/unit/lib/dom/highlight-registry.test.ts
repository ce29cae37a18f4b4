import { afterEach, describe, expect, it, vi } from 'vitest';
import { OwnHighlights } from '../../../../src/lib/dom/highlight-registry';

class FakeHighlight {
  priority = 0;
  readonly ranges: AbstractRange[];
  constructor(...ranges: AbstractRange[]) {
    this.ranges = ranges;
  }
  add(r: AbstractRange): this {
    this.ranges.push(r);
    return this;
  }
}

function fakeWindow() {
  const registry = new Map<string, FakeHighlight>();
  const win = { CSS: { highlights: registry }, Highlight: FakeHighlight, setTimeout, clearTimeout };
  return { win: win as unknown as Window, registry };
}

const range = (n: number) => ({ n }) as unknown as AbstractRange;

afterEach(() => {
  vi.useRealTimers();
});

describe('OwnHighlights', () => {
  it('registers, puts back what a page removed, and removes only its own names', () => {
    const { win, registry } = fakeWindow();
    const own = new OwnHighlights(win);
    registry.set('page-own', new FakeHighlight());
    expect(own.set('glossa-a', [range(1), range(2)], 2)).toBe(true);
    own.set('glossa-b', [range(3)], 0);
    expect(registry.get('glossa-a')!.ranges).toHaveLength(2);
    expect(registry.get('glossa-a')!.priority).toBe(2);
    registry.clear();
    own.repair();
    expect([...registry.keys()].sort()).toEqual(['glossa-a', 'glossa-b']);
    own.delete('glossa-b');
    own.delete('never-set');
    expect([...registry.keys()]).toEqual(['glossa-a']);
    registry.set('page-own', new FakeHighlight());
    own.clear();
    expect([...registry.keys()]).toEqual(['page-own']);
    expect(own.has('glossa-a')).toBe(false);
  });

  it('flashes a highlight for a while, never repairs it, and ends it early on request', () => {
    vi.useFakeTimers();
    const { win, registry } = fakeWindow();
    const own = new OwnHighlights(win);
    own.flash('glossa-focus', [range(1)], 3, 1000);
    expect(registry.has('glossa-focus')).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(registry.has('glossa-focus')).toBe(false);
    own.repair();
    expect(registry.has('glossa-focus')).toBe(false);
    const end = own.flash('glossa-focus', [range(2)], 3, 1000);
    end();
    expect(registry.has('glossa-focus')).toBe(false);
  });

  it('registers 300,000 ranges (a page naming Syria that many times), not only a few', () => {
    // Spread into the constructor, past ~120,000 arguments the call overflows the stack: a
    // RangeError, and no marks at all.
    const { win, registry } = fakeWindow();
    const own = new OwnHighlights(win);
    const many = Array.from({ length: 300_000 }, (_, i) => range(i));
    expect(own.set('glossa-a', many, 1)).toBe(true);
    expect(registry.get('glossa-a')!.ranges).toHaveLength(300_000);
    own.flash('glossa-focus', many, 3, 1000);
    expect(registry.get('glossa-focus')!.ranges).toHaveLength(300_000);
  });

  it('does nothing where the browser has no highlights', () => {
    const own = new OwnHighlights({ setTimeout, clearTimeout } as unknown as Window);
    expect(own.set('glossa-a', [], 0)).toBe(false);
    expect(() => {
      own.repair();
      own.clear();
      own.flash('x', [], 1, 10)();
    }).not.toThrow();
  });

  it('reads the registry through the window’s own property descriptors (getters called on their object); a throwing one gives none', () => {
    const registry = new Map<string, FakeHighlight>();
    const css = {
      get highlights() {
        if (this !== css) throw new Error('called on another object');
        return registry;
      },
    };
    let broken = false;
    const win = {
      get CSS() {
        if (broken) throw new Error('CSS getter: no document');
        return css;
      },
      Highlight: FakeHighlight,
    } as unknown as Window;
    const own = new OwnHighlights(win);
    expect(own.set('glossa-a', [range(1)], 0)).toBe(true);
    expect(registry.has('glossa-a')).toBe(true);
    broken = true;
    expect(own.set('glossa-b', [range(2)], 0)).toBe(false);
  });
});
