/**
 * Which words Glossa marks, as a reader sees them, once the marks are boxes painted inside
 * Glossa's host (src/lib/dom/overlay.ts) instead of CSS Custom Highlights: the host's shadow
 * root is CLOSED, so neither the page nor a plain `page.evaluate` can see the boxes, and
 * the boxes say nothing about the words — they are rectangles. So this reads them the way
 * a reader does: where each box is, and which text of the page lies under it.
 *
 * - Chromium: over CDP (which pierces closed shadow roots), in an isolated world of the
 *   page, so a page that spoils the DOM prototypes (hostile/attacks/tamper.js) cannot make
 *   the reader lie.
 * - Firefox: over raw WebDriver BiDi (puppeteer's own API has no way into a closed root):
 *   `includeShadowTree: 'all'` serialises the host with its closed root as a shared
 *   reference, which is then handed to a function run in a BiDi sandbox (Xray-wrapped, so
 *   also immune to a tampering page).
 *
 * Both run the same in-page function, `readPaintedMarks`, which must stay self-contained
 * (it is serialised with Function.prototype.toString: no imports, no closures).
 */
import type { BrowserContext, CDPSession, Page as PlaywrightPage } from 'playwright-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';

/** The kinds of mark the extension paints (`k-<kind>` on each box). */
export const MARK_KINDS = ['person', 'organization', 'state', 'place', 'other'] as const;

export interface PaintedMarks {
  /**
   * Per kind (every kind in MARK_KINDS is present, maybe empty, plus any other `k-…` seen):
   * the text under each visible mark, in document order. A name wrapped over lines (boxes
   * continued with `gc`) is one entry. Whitespace collapsed to single spaces and trimmed;
   * soft hyphens and zero-width spaces dropped (a reader does not see them).
   */
  marks: Record<string, string[]>;
  /** The text(s) of the mark(s) with keyboard focus (`gf`), whether visible or not. */
  focus: string[];
  /** As `marks`, for marks whose every box is hidden (visibility:hidden over page furniture). */
  hidden: Record<string, string[]>;
  /**
   * Boxes outside the viewport: they cannot be hit-tested, and this does not scroll (tests
   * rely on the scroll position). A mark with any such box is left out of `marks`,
   * `hidden` and `focus`; only its off-screen boxes are counted here.
   */
  offscreen: number;
}

/** How one box's text was found. */
export type BoxHow = 'caret' | 'geometry' | 'offscreen' | 'empty';

/** One mark as `readPaintedMarks` reads it (its boxes grouped across `gc` continuations). */
export interface PaintedMarkReading {
  kind: string;
  focus: boolean;
  /** Every box hidden (computed visibility, or a box without size). */
  hidden: boolean;
  /** The page's text from the first box's start to the last box's end, raw; null when any box is off-screen. */
  text: string | null;
  /** Where that text is: the document (`light`), or a shadow root (`shadow`); null when not read. */
  tree: 'light' | 'shadow' | null;
  /** Each box: its own text, how it was found, and where it is (client px, rounded), for failure messages. */
  boxes: { text: string | null; how: BoxHow; rect: [number, number, number, number] }[];
}

/**
 * In page: every mark painted in `roots` (Glossa's shadow roots), each with the page text
 * under it, in document order (marks with an off-screen box last, in painting order).
 *
 * A box's text is found by hit-testing, as a reader's eye would: the caret position at 1px
 * inside its left and right edges, at its vertical middle (caretPositionFromPoint, told about
 * the page's open shadow roots so that text in them is returned, not their host), then
 * checked char by char — a char belongs to the box when the centre of its rect is inside
 * the box — widening or narrowing the ends until that holds (sub-pixel edges, a probe that
 * fell in a narrow char's far half, collapsed white space at an end).
 *
 * Where hit-testing cannot see the text, the page's text is searched by geometry instead:
 * a hidden box (it is hidden because page furniture covers its text: a hit-test would read
 * the furniture), or a point where the hit-test gives no text (a closed shadow root, the
 * card). Of the runs of chars inside the box, the one whose ends best meet the box's edges
 * wins (the furniture's own text may also lie inside the box).
 */
export function readPaintedMarks(...roots: ShadowRoot[]): PaintedMarkReading[] {
  interface Pos {
    n: Text;
    o: number;
  }
  interface Edges {
    left: number;
    top: number;
    right: number;
    bottom: number;
  }
  interface Found {
    start: Pos;
    end: Pos;
  }
  // Not constants from the page's globals: NodeFilter and Node could be overwritten by a
  // page script in a world that shares them (they are not here, but the function should
  // not depend on which world it runs in).
  const SHOW_ELEMENT = 1;
  const SHOW_TEXT = 4;
  const TEXT_NODE = 3;
  const doc = document;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const scratch = doc.createRange();

  // The page's open shadow roots (not Glossa's: closed roots are not visible from here,
  // and `roots` are excluded): caretPositionFromPoint returns a node inside a shadow tree
  // only when told about its root, else the host.
  // Read through Element.prototype: a <form>'s control named `shadowRoot` would shadow it.
  const shadowGet = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')!.get!;
  const shadowOf = (el: Element): ShadowRoot | null => {
    const r = shadowGet.call(el) as unknown;
    return r instanceof ShadowRoot ? r : null;
  };
  const openRoots: ShadowRoot[] = [];
  const collectRoots = (root: Document | ShadowRoot): void => {
    const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      const shadow = shadowOf(el);
      if (shadow && !roots.includes(shadow)) {
        openRoots.push(shadow);
        collectRoots(shadow);
      }
    }
  };
  collectRoots(doc);

  const charRect = (n: Text, i: number): DOMRect | null => {
    if (i < 0 || i >= n.length) return null;
    scratch.setStart(n, i);
    scratch.setEnd(n, i + 1);
    // A char has no rect of its own when collapsed (white space) or not rendered.
    for (const r of Array.from(scratch.getClientRects())) if (r.width > 0 && r.height > 0) return r;
    return null;
  };
  const inside = (r: DOMRect, b: Edges): boolean => {
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
  };
  const overlaps = (r: DOMRect, b: Edges): boolean =>
    r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;

  // Order of nodes across shadow trees (Range and compareDocumentPosition stop at a shadow
  // boundary): the path of child indexes from the document, a shadow root counting as
  // index -1 of its host (shadow-including tree order visits it before the host's children).
  const paths = new Map<Node, number[]>();
  const pathOf = (node: Node): number[] => {
    const known = paths.get(node);
    if (known) return known;
    const path: number[] = [];
    // Through Node.prototype: a <form>'s controls named `parentNode` or `childNodes` shadow them.
    const get = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!.get!;
    const parentOf = get(Node.prototype, 'parentNode');
    const childrenOf = get(Node.prototype, 'childNodes');
    const typeOf = get(Node.prototype, 'nodeType');
    for (let n: Node = node; ;) {
      const parent = parentOf.call(n) as Node | null;
      if (parent) {
        path.push(Array.prototype.indexOf.call(childrenOf.call(parent), n) as number);
        n = parent;
        continue;
      }
      const host = (n as ShadowRoot).host as Element | undefined;
      if (typeOf.call(n) === 11 && host) {
        path.push(-1);
        n = host;
        continue;
      }
      break;
    }
    path.reverse();
    paths.set(node, path);
    return path;
  };
  const cmpPos = (a: Pos, b: Pos): number => {
    if (a.n === b.n) return a.o - b.o;
    const pa = pathOf(a.n);
    const pb = pathOf(b.n);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return pa.length - pb.length;
  };

  // Stepping over chars across text nodes of one tree (a name split by <b>…</b>).
  const textNeighbour = (n: Text, forward: boolean): Text | null => {
    const walker = doc.createTreeWalker(n.getRootNode(), SHOW_TEXT);
    walker.currentNode = n;
    for (;;) {
      const next = (forward ? walker.nextNode() : walker.previousNode()) as Text | null;
      if (!next || next.length > 0) return next;
    }
  };
  const charAfter = (p: Pos): Pos | null => {
    if (p.o < p.n.length) return p;
    const next = textNeighbour(p.n, true);
    return next ? { n: next, o: 0 } : null;
  };
  const charBefore = (p: Pos): Pos | null => {
    if (p.o > 0) return { n: p.n, o: p.o - 1 };
    const prev = textNeighbour(p.n, false);
    return prev ? { n: prev, o: prev.length - 1 } : null;
  };

  /**
   * The ends [start, end) moved until exactly the chars whose centre is inside `b` are
   * between them; null when none is. Chars without a rect (collapsed white space) are
   * dropped at the ends and stepped over when widening.
   */
  const MAX_STEPS = 400;
  const MAX_SKIP = 32;
  const refine = (start: Pos, end: Pos, b: Edges): Found | null => {
    let s = start;
    let e = end;
    for (let g = 0; g < MAX_STEPS && cmpPos(s, e) < 0; g++) {
      const c = charAfter(s);
      if (!c) break;
      const r = charRect(c.n, c.o);
      if (r && inside(r, b)) break;
      s = { n: c.n, o: c.o + 1 };
    }
    for (let g = 0; g < MAX_STEPS && cmpPos(s, e) < 0; g++) {
      const c = charBefore(e);
      if (!c) break;
      const r = charRect(c.n, c.o);
      if (r && inside(r, b)) break;
      e = c;
    }
    if (cmpPos(s, e) >= 0) return null;
    for (let p = s, g = 0, skipped = 0; g < MAX_STEPS && skipped <= MAX_SKIP; g++) {
      const c = charBefore(p);
      if (!c) break;
      const r = charRect(c.n, c.o);
      if (r && !inside(r, b)) break;
      p = c;
      if (r) {
        s = c;
        skipped = 0;
      } else skipped++;
    }
    for (let p = e, g = 0, skipped = 0; g < MAX_STEPS && skipped <= MAX_SKIP; g++) {
      const c = charAfter(p);
      if (!c) break;
      const r = charRect(c.n, c.o);
      if (r && !inside(r, b)) break;
      p = { n: c.n, o: c.o + 1 };
      if (r) {
        e = p;
        skipped = 0;
      } else skipped++;
    }
    return { start: s, end: e };
  };

  const caretAt = (x: number, y: number): Pos | null => {
    let node: Node | null = null;
    let offset = 0;
    if (typeof doc.caretPositionFromPoint === 'function') {
      const p = doc.caretPositionFromPoint(x, y, { shadowRoots: openRoots });
      if (p) {
        node = p.offsetNode;
        offset = p.offset;
      }
    } else if (typeof doc.caretRangeFromPoint === 'function') {
      const r = doc.caretRangeFromPoint(x, y);
      if (r) {
        node = r.startContainer;
        offset = r.startOffset;
      }
    }
    // An element (a host whose tree the API would not enter, an image, the card): no text.
    return node && node.nodeType === TEXT_NODE ? { n: node as Text, o: offset } : null;
  };

  // Every text node of the page with its bounding rect, in shadow-including tree order
  // (the page's open shadow roots too), read once and only if some box needs it.
  let texts: { n: Text; r: DOMRect | null }[] | null = null;
  const allTexts = (): { n: Text; r: DOMRect | null }[] => {
    if (texts) return texts;
    const list: { n: Text; r: DOMRect | null }[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === TEXT_NODE) {
          const t = n as Text;
          if (t.length === 0) continue;
          scratch.selectNodeContents(t);
          const r = scratch.getBoundingClientRect();
          list.push({ n: t, r: r.width > 0 || r.height > 0 ? r : null });
        } else {
          const shadow = shadowOf(n as Element);
          if (shadow && !roots.includes(shadow)) walk(shadow);
        }
      }
    };
    walk(doc);
    texts = list;
    return list;
  };
  const byGeometry = (b: Edges): Found | null => {
    const runs: (Found & { first: DOMRect; last: DOMRect })[] = [];
    let run: (Found & { first: DOMRect; last: DOMRect }) | null = null;
    const close = (): void => {
      if (run) runs.push(run);
      run = null;
    };
    for (const { n, r } of allTexts()) {
      if (!r) continue;
      // Rendered text that is not under the box lies between this run and the next.
      if (!overlaps(r, b)) {
        close();
        continue;
      }
      for (let i = 0; i < n.length; i++) {
        const c = charRect(n, i);
        if (!c) continue;
        if (!inside(c, b)) {
          close();
          continue;
        }
        if (run) {
          run.end = { n, o: i + 1 };
          run.last = c;
        } else run = { start: { n, o: i }, end: { n, o: i + 1 }, first: c, last: c };
      }
    }
    close();
    let best: Found | null = null;
    let bestScore = Infinity;
    for (const r of runs) {
      const score = Math.abs(r.first.left - b.left) + Math.abs(r.last.right - b.right);
      if (score < bestScore) {
        bestScore = score;
        best = { start: r.start, end: r.end };
      }
    }
    return best;
  };

  const textOf = (f: Found): string => {
    // Ends in different trees (a mark cannot span a shadow boundary, but a broken one
    // could): the text of each end's own node then.
    if (f.start.n.getRootNode() !== f.end.n.getRootNode()) {
      return `${f.start.n.data.slice(f.start.o)} ${f.end.n.data.slice(0, f.end.o)}`;
    }
    const r = doc.createRange();
    r.setStart(f.start.n, f.start.o);
    r.setEnd(f.end.n, f.end.o);
    return r.toString();
  };

  // Group the boxes into marks: a `gc` box continues the mark of the box just before it.
  interface Group {
    els: HTMLElement[];
  }
  const groups: Group[] = [];
  for (const root of roots) {
    let last: HTMLElement | null = null;
    let group: Group | null = null;
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('div.gm'))) {
      const continued = group !== null && el.classList.contains('gc') && el.previousElementSibling === last;
      if (!continued || !group) {
        group = { els: [] };
        groups.push(group);
      }
      group.els.push(el);
      last = el;
    }
  }

  const read: { reading: PaintedMarkReading; start: Pos | null; order: number }[] = [];
  groups.forEach((group, order) => {
    const first = group.els[0]!;
    const kindClass = Array.from(first.classList).find((c) => c.startsWith('k-'));
    const boxes: PaintedMarkReading['boxes'] = [];
    const found: Found[] = [];
    let hiddenBoxes = 0;
    let offscreen = false;
    for (const el of group.els) {
      const rect = el.getBoundingClientRect();
      const b: Edges = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
      const at: [number, number, number, number] = [rect.left, rect.top, rect.width, rect.height].map(
        (v) => Math.round(v * 100) / 100,
      ) as [number, number, number, number];
      const hidden = getComputedStyle(el).visibility === 'hidden' || rect.width <= 0 || rect.height <= 0;
      if (hidden) hiddenBoxes++;
      // 1px inside each edge: a probe exactly on the edge may fall on the char beside it
      // (edges are sub-pixel); a quarter of the width for a box narrower than 4px.
      const inset = Math.min(1, rect.width / 4);
      const xl = rect.left + inset;
      const xr = rect.right - inset;
      const y = rect.top + rect.height / 2;
      // Written so that NaN (no layout) counts as off-screen too.
      if (!(y >= 0 && y < vh && xl >= 0 && xr < vw)) {
        offscreen = true;
        boxes.push({ text: null, how: 'offscreen', rect: at });
        continue;
      }
      let f: Found | null = null;
      let how: BoxHow = 'empty';
      if (!hidden) {
        const a = caretAt(xl, y);
        const z = caretAt(xr, y);
        if (a && z) {
          // Right-to-left text puts the start at the right edge.
          f = cmpPos(a, z) <= 0 ? refine(a, z, b) : refine(z, a, b);
          if (f) how = 'caret';
        }
      }
      if (!f) {
        f = byGeometry(b);
        if (f) how = 'geometry';
      }
      if (f) found.push(f);
      boxes.push({ text: f ? textOf(f) : '', how, rect: at });
    }
    let text: string | null = null;
    let start: Pos | null = null;
    if (!offscreen && found.length > 0) {
      // From the first box's start to the last box's end: a name wrapped at a hyphen reads
      // "al-Sharaa", not the boxes' texts joined.
      let s = found[0]!.start;
      let e = found[0]!.end;
      for (const f of found) {
        if (cmpPos(f.start, s) < 0) s = f.start;
        if (cmpPos(f.end, e) > 0) e = f.end;
      }
      text = textOf({ start: s, end: e });
      start = s;
    } else if (!offscreen) text = '';
    read.push({
      reading: {
        kind: kindClass ? kindClass.slice(2) : '',
        focus: group.els.some((el) => el.classList.contains('gf')),
        hidden: hiddenBoxes === group.els.length,
        text,
        tree: start ? (start.n.getRootNode() === document ? 'light' : 'shadow') : null,
        boxes,
      },
      start,
      order,
    });
  });
  read.sort((a, b) => {
    if (a.start && b.start) return cmpPos(a.start, b.start) || a.order - b.order;
    if (a.start) return -1;
    if (b.start) return 1;
    return a.order - b.order;
  });
  return read.map((r) => r.reading);
}

/** Whitespace as a reader sees it: runs collapsed, trimmed; invisible soft hyphens and zero-width spaces dropped. */
export function normaliseMarkText(text: string): string {
  return text
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The readings of `readPaintedMarks` as tests compare them. */
export function summarisePaintedMarks(readings: PaintedMarkReading[]): PaintedMarks {
  const marks: Record<string, string[]> = {};
  const hidden: Record<string, string[]> = {};
  for (const k of MARK_KINDS) {
    marks[k] = [];
    hidden[k] = [];
  }
  const focus: string[] = [];
  let offscreen = 0;
  for (const r of readings) {
    if (r.text === null) {
      offscreen += r.boxes.filter((b) => b.how === 'offscreen').length;
      continue;
    }
    const text = normaliseMarkText(r.text);
    const into = r.hidden ? hidden : marks;
    (into[r.kind] ??= []).push(text);
    if (r.focus) focus.push(text);
  }
  return { marks, focus, hidden, offscreen };
}

/**
 * `fn`'s source, to run in the page. Under tsx (scripts/demo.ts), esbuild names functions
 * with a `__name` helper of the module's own, which the page does not have: it is given
 * one that does nothing.
 */
function inPage(fn: (...args: never[]) => unknown): string {
  return `function (...args) { const __name = (f) => f; return (${fn.toString()}).apply(this, args); }`;
}

// ------------------------------------------------------------------ Chromium (CDP)

/** The name of the isolated world the reader runs in (one per frame, made once and reused). */
const CHROMIUM_WORLD = 'glossa-e2e-painted-marks';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

/**
 * The shadow roots of the candidates for Glossa's host: `<div>` children of `<html>` with a
 * shadow root, last first (Glossa's is the last element child). Not only the last: a page
 * (or a test fixture) may add its own after it, for a moment, before Glossa moves its
 * host back to the end.
 */
function hostRootIds(documentNode: CdpNode): number[] {
  const html = documentNode.children?.find((c) => c.nodeType === 1 && c.localName === 'html');
  const ids: number[] = [];
  for (const child of html?.children ?? []) {
    if (child.localName !== 'div') continue;
    for (const root of child.shadowRoots ?? []) ids.push(root.backendNodeId);
  }
  return ids;
}

/**
 * Chromium: the painted marks of `page`'s top frame, read over CDP. CDP pierces closed
 * shadow roots (`DOM.getDocument` with `pierce`), and the reading runs in an isolated world
 * of the page (`Page.createIsolatedWorld`), where the page's own scripts cannot have
 * replaced `Range.prototype.getClientRects` or `Array.prototype.push`.
 * Each mark with its boxes (text, how read, where).
 */
export async function chromiumPaintedMarkReadings(
  context: BrowserContext,
  page: PlaywrightPage,
): Promise<PaintedMarkReading[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const executionContextId = await isolatedWorld(cdp);
    // Depth 3: the document, <html>, its children, and their shadow roots (which `pierce`
    // lists with the host); the boxes need not come over the wire.
    const { root } = (await cdp.send('DOM.getDocument', { depth: 3, pierce: true })) as { root: CdpNode };
    const ids = hostRootIds(root);
    if (ids.length === 0) return [];
    const objectIds: string[] = [];
    for (const backendNodeId of ids) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId })) as {
        object: { objectId?: string };
      };
      if (!object.objectId) throw new Error(`DOM.resolveNode(${backendNodeId}) gave no object`);
      objectIds.push(object.objectId);
    }
    const res = (await cdp.send('Runtime.callFunctionOn', {
      objectId: objectIds[0]!,
      functionDeclaration: inPage(readPaintedMarks),
      arguments: objectIds.map((objectId) => ({ objectId })),
      returnByValue: true,
    })) as { result: { value?: PaintedMarkReading[] }; exceptionDetails?: { exception?: { description?: string } } };
    if (res.exceptionDetails) {
      throw new Error(
        `reading the painted marks failed: ${res.exceptionDetails.exception?.description ?? JSON.stringify(res.exceptionDetails)}`,
      );
    }
    return res.result.value ?? [];
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The id of this reader's isolated world in the page's top frame. Each
 * `Page.createIsolatedWorld` makes a new JavaScript context that lives as long as the
 * document, and a test may poll this reader every 50 ms: the world is made once per
 * document and found again by its name afterwards (`Runtime.enable` reports every existing
 * context to a new session, before it returns).
 */
async function isolatedWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const frameId = frameTree.frame.id;
  const contexts: { id: number; name: string; auxData?: { frameId?: string } }[] = [];
  const onCreated = (e: { context: { id: number; name: string; auxData?: { frameId?: string } } }) =>
    contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  try {
    // The existing contexts are reported before Runtime.enable returns.
    await cdp.send('Runtime.enable');
  } finally {
    cdp.off('Runtime.executionContextCreated', onCreated);
  }
  await cdp.send('Runtime.disable').catch(() => {});
  const existing = contexts.find((c) => c.name === CHROMIUM_WORLD && c.auxData?.frameId === frameId);
  if (existing) return existing.id;
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
    frameId,
    worldName: CHROMIUM_WORLD,
    grantUniveralAccess: false,
  })) as { executionContextId: number };
  return executionContextId;
}

// ------------------------------------------------------------------ Firefox (WebDriver BiDi)

/** The BiDi sandbox the reader runs in: Xray wrappers over the page, out of its scripts' reach. */
const FIREFOX_SANDBOX = 'glossa-e2e-painted-marks';

interface BidiRemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}

interface BidiScriptResult {
  type: 'success' | 'exception';
  result?: BidiRemoteValue;
  exceptionDetails?: { text?: string };
}

interface BidiConnection {
  send(
    method: 'browsingContext.getTree',
    params: Record<string, unknown>,
  ): Promise<{ result: { contexts: { context: string; url: string }[] } }>;
  send(method: 'script.callFunction', params: Record<string, unknown>): Promise<{ result: BidiScriptResult }>;
}

/**
 * The BiDi browsing context id of `page`'s top frame: puppeteer's BiDi frame keeps it (`_id`,
 * the same as `browsingContext.id`); failing that, the one top-level context at the page's
 * URL.
 */
async function firefoxContextId(connection: BidiConnection, page: PuppeteerPage): Promise<string> {
  const frame = page.mainFrame() as unknown as { _id?: unknown; browsingContext?: { id?: unknown } };
  const id = frame._id ?? frame.browsingContext?.id;
  if (typeof id === 'string' && id) return id;
  const url = page.url();
  const tree = await connection.send('browsingContext.getTree', { maxDepth: 0 });
  const matches = tree.result.contexts.filter((c) => c.url === url);
  if (matches.length !== 1) {
    throw new Error(`cannot tell the BiDi context of ${url}: ${matches.length} top-level contexts show it`);
  }
  return matches[0]!.context;
}

/**
 * In page: the candidates for Glossa's host (as `hostRootIds` for Chromium). BiDi then
 * serialises each with its shadow root, closed or not (`includeShadowTree: 'all'`).
 */
function hostCandidates(): Element[] {
  return Array.from(document.documentElement.children).filter(
    (el) => el.localName === 'div' && el !== document.head && el !== document.body,
  );
}

/**
 * Firefox: the painted marks of `page`'s top frame, read over WebDriver BiDi. The hosts are
 * serialised with `includeShadowTree: 'all'`, which gives their closed shadow roots a
 * `sharedId`; `readPaintedMarks` then runs in a BiDi sandbox with those roots as arguments.
 * Each mark with its boxes (text, how read, where).
 */
export async function firefoxPaintedMarkReadings(
  browser: PuppeteerBrowser,
  page: PuppeteerPage,
): Promise<PaintedMarkReading[]> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const context = await firefoxContextId(connection, page);
  const target = { context, sandbox: FIREFOX_SANDBOX };
  const hosts = await connection.send('script.callFunction', {
    functionDeclaration: inPage(hostCandidates),
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    // Depth 0: the hosts and their shadow roots as references, not their subtrees.
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const list = bidiValue(hosts.result, 'listing the candidates for Glossa host');
  const rootIds: string[] = [];
  for (const host of (list.value as BidiRemoteValue[] | undefined) ?? []) {
    const shadow = (host.value as { shadowRoot?: BidiRemoteValue | null } | undefined)?.shadowRoot;
    if (shadow?.sharedId) rootIds.push(shadow.sharedId);
  }
  if (rootIds.length === 0) return [];
  const res = await connection.send('script.callFunction', {
    // JSON across: BiDi's own serialisation of nested objects is a list of [key, value] pairs.
    functionDeclaration: `(...roots) => JSON.stringify((${inPage(readPaintedMarks)}).apply(this, roots))`,
    arguments: rootIds.map((sharedId) => ({ sharedId })),
    target,
    awaitPromise: false,
    resultOwnership: 'none',
  });
  const value = bidiValue(res.result, 'reading the painted marks').value;
  if (typeof value !== 'string') throw new Error(`reading the painted marks gave ${JSON.stringify(value)}`);
  return JSON.parse(value) as PaintedMarkReading[];
}

function bidiValue(result: BidiScriptResult, what: string): BidiRemoteValue {
  if (result.type !== 'success' || !result.result) {
    throw new Error(`${what} failed: ${result.exceptionDetails?.text ?? JSON.stringify(result).slice(0, 2000)}`);
  }
  return result.result;
}

/** Either browser's page: Playwright's (Chromium) or puppeteer's (Firefox). */
export type AnyPage = PlaywrightPage | PuppeteerPage;

/** The painted marks of `page`, over CDP (a Playwright page) or BiDi (a puppeteer page). */
export async function paintedMarks(page: AnyPage): Promise<PaintedMarks> {
  return summarisePaintedMarks(await paintedMarkReadings(page));
}

/**
 * Glossa's marks on screen as the tests compare them: `glossa-<kind>` → the texts under its
 * visible boxes, every kind present, and `glossa-focus` where a mark has the keyboard's
 * focus; {} where nothing is painted at all.
 */
export async function glossaMarksOf(page: AnyPage): Promise<Record<string, string[]>> {
  const p = await paintedMarks(page);
  const any =
    p.offscreen > 0 ||
    p.focus.length > 0 ||
    [...Object.values(p.marks), ...Object.values(p.hidden)].some((list) => list.length > 0);
  if (!any) return {};
  const out: Record<string, string[]> = {};
  for (const k of MARK_KINDS) out[`glossa-${k}`] = p.marks[k] ?? [];
  if (p.focus.length > 0) out['glossa-focus'] = p.focus;
  return out;
}

/** Each painted mark of `page` with its boxes (text, how read, client rect), either browser. */
export function paintedMarkReadings(page: AnyPage): Promise<PaintedMarkReading[]> {
  return 'context' in page && typeof page.context === 'function'
    ? chromiumPaintedMarkReadings((page as PlaywrightPage).context(), page as PlaywrightPage)
    : firefoxPaintedMarkReadings((page as PuppeteerPage).browser(), page as PuppeteerPage);
}

interface ScrollablePage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R>(fn: (arg: number) => R, arg: number): Promise<R>;
}

/**
 * Every painted mark of the page, top to bottom: read a screen at a time while the window
 * is scrolled down by most of a screen (the painter follows the viewport), each mark once
 * (by its text and its place on the page), then scrolled back where it was.
 */
export async function paintedMarkReadingsWholePage(page: AnyPage & ScrollablePage): Promise<PaintedMarkReading[]> {
  const start = await page.evaluate(() => scrollY);
  const seen = new Map<string, { reading: PaintedMarkReading; y: number; x: number }>();
  try {
    await page.evaluate((y) => scrollTo({ top: y, behavior: 'instant' as ScrollBehavior }), 0);
    for (let i = 0; i < 50; i++) {
      // Two frames: the painter repaints in the frame after the scroll.
      await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const y = await page.evaluate(() => scrollY);
      for (const m of await paintedMarkReadings(page)) {
        if (m.text === null) continue;
        const [left, top] = m.boxes[0]!.rect;
        const key = `${m.text}@${Math.round(left)},${Math.round(top + y)}`;
        if (!seen.has(key)) seen.set(key, { reading: m, y: top + y, x: left });
      }
      const moved = await page.evaluate(() => {
        const before = scrollY;
        scrollBy({ top: Math.round(innerHeight * 0.8), behavior: 'instant' as ScrollBehavior });
        return scrollY !== before;
      });
      if (!moved) break;
    }
  } finally {
    await page.evaluate((y) => scrollTo({ top: y, behavior: 'instant' as ScrollBehavior }), start);
  }
  return [...seen.values()].sort((a, b) => a.y - b.y || a.x - b.x).map((s) => s.reading);
}
