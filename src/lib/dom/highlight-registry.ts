/**
 * Glossa's named highlights in a window's CSS Custom Highlight registry, as the entity
 * marks (marker.ts) and the reader's highlights (highlights/layer.ts) both keep them:
 * each name's Highlight is built whole and set once (adding ranges to a registered one
 * is much slower), remembered so that it can be put back when a page clears
 * `CSS.highlights`, and removed by name or all at once.
 */
interface Registry {
  get(name: string): unknown;
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
}

interface HighlightLike {
  priority: number;
  add(range: AbstractRange): unknown;
}
type HighlightCtor = new (...ranges: AbstractRange[]) => HighlightLike;

/**
 * The registry of `win`, or null where highlights are unsupported — or where the window is
 * no longer reachable: a frame's window proxy follows the frame when it navigates, and
 * after a navigation to another origin every property read throws (a SecurityError).
 *
 * Read through property descriptors, not `win.CSS.highlights`. In Firefox 140, once a
 * same-origin frame of the page had navigated, that plain read threw "CSS.highlights
 * getter: No document associated to this global?" at every call, for every window (the
 * page's own too), so no mark could be registered again anywhere on the page. The same
 * read written a second time in the code worked once, until the next navigation;
 * `Reflect.get` returned another frame's registry. It looks like state the engine keeps per
 * place in the code for properties read through the page's wrappers. The descriptors'
 * getter, called on the namespace object, returned the right registry after every
 * navigation (e2e: shadow-frames, a frame that navigates, in both browsers).
 */
function registryOf(win: Window): Registry | null {
  try {
    return ownValue(ownValue(win, 'CSS'), 'highlights') as Registry | null;
  } catch {
    return null;
  }
}

/**
 * `obj[key]` read through its own property descriptor (a data property's value, or its
 * getter called on `obj`), or null. Not `obj[key]`: see registryOf.
 */
function ownValue(obj: unknown, key: string): unknown {
  if (obj === null || obj === undefined) return null;
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return null;
  return ('value' in d ? d.value : d.get?.call(obj)) ?? null;
}

function highlightOf(win: Window): HighlightCtor | null {
  try {
    return (win as unknown as { Highlight?: HighlightCtor }).Highlight ?? null;
  } catch {
    return null;
  }
}

/**
 * A Highlight of `ranges`. Given as the constructor's arguments (fewest calls) only up to
 * SPREAD_AT_MOST: past ~120,000 arguments the call overflows the stack (a RangeError, and
 * no marks at all on a page that names Syria that many times); the rest are added.
 */
const SPREAD_AT_MOST = 10_000;

function highlight(H: HighlightCtor, ranges: readonly AbstractRange[]): HighlightLike {
  const h = new H(...ranges.slice(0, SPREAD_AT_MOST));
  for (let i = SPREAD_AT_MOST; i < ranges.length; i++) h.add(ranges[i]!);
  return h;
}

export class OwnHighlights {
  private readonly registered = new Map<string, unknown>();

  constructor(private readonly win: Window) {}

  /** Register `ranges` under `name` (replacing what was there); false where highlights are unsupported. */
  set(name: string, ranges: readonly AbstractRange[], priority: number): boolean {
    const reg = registryOf(this.win);
    const H = reg && highlightOf(this.win);
    if (!reg || !H) return false;
    const h = highlight(H, ranges);
    h.priority = priority;
    reg.set(name, h);
    this.registered.set(name, h);
    return true;
  }

  has(name: string): boolean {
    return this.registered.has(name);
  }

  delete(name: string): void {
    if (!this.registered.delete(name)) return;
    registryOf(this.win)?.delete(name);
  }

  /**
   * Register `ranges` under `name` for `ms` only, unless something else took the name
   * meanwhile (a flash). Not remembered for repair.
   */
  flash(name: string, ranges: readonly AbstractRange[], priority: number, ms: number): () => void {
    const reg = registryOf(this.win);
    const H = reg && highlightOf(this.win);
    if (!reg || !H) return () => undefined;
    const h = highlight(H, ranges);
    h.priority = priority;
    reg.set(name, h);
    const end = () => {
      if (reg.get(name) === h) reg.delete(name);
    };
    const timer = this.win.setTimeout(end, ms);
    return () => {
      this.win.clearTimeout(timer);
      end();
    };
  }

  /** Re-register any highlight the page removed (cheap: a map lookup per name). */
  repair(): void {
    const reg = registryOf(this.win);
    if (!reg) return;
    for (const [name, h] of this.registered) if (reg.get(name) !== h) reg.set(name, h);
  }

  /** Remove every highlight registered here. */
  clear(): void {
    const reg = registryOf(this.win);
    if (reg) for (const name of this.registered.keys()) reg.delete(name);
    this.registered.clear();
  }
}
