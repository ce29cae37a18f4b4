/**
 * Recognition over a DOM tree: the text walk feeds the matcher's streaming scanner,
 * slice by slice; at the end, candidates are verified against a snapshot of the
 * text that was read, and the page rules decide the weak forms. The content script
 * and `npm run annotate` both run exactly this.
 *
 * On a document's body it reads only the text being read (main-text.ts: headline, lead,
 * body, captions; no menus, related lists or comments) unless told otherwise.
 */
import {
  applyPageRules,
  type Match,
  type Matcher,
  type PageContext,
  type Scanner,
  type TextAccess,
} from '../match/matcher';
import { ReadingScopeBuilder } from './main-text';
import { PERF_NAMES, perfMeasure, perfStart } from './perf';
import { VisibleTextWalker, type ReadingScope } from './text-walk';

export interface RecognizerOptions {
  /**
   * Which text to read: 'main' (the default) the text being read when the root is a
   * document's body (readingScope), else all of it; 'all' every visible text node; or a
   * scope computed by the caller.
   */
  scope?: 'main' | 'all' | ReadingScope;
  /** Also read open shadow roots (default false; the content runtime asks for them). */
  shadowRoots?: boolean;
  /** Also read same-origin iframes (default false, likewise). */
  frames?: boolean;
}

export interface NodePosition {
  node: Text;
  offset: number;
}

export class PageRecognizer implements TextAccess {
  /** Scanned text nodes, their walk offsets and their data when read (a snapshot). */
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  readonly texts: string[] = [];
  private readonly breaks = new Set<number>();
  /** The same offsets in walk order (ascending), for blockStartIn. */
  private readonly breakList: number[] = [];
  private walker: VisibleTextWalker | null = null;
  private readonly scanner: Scanner;
  private done = false;
  /** Finds the reading scope in slices before the walk starts ('main' on a body). */
  private builder: ReadingScopeBuilder | null = null;
  private readonly root: Node;
  private readonly walkOptions: { shadowRoots?: boolean; frames?: boolean };

  /** The reading scope the walk used (null: all visible text); known once the walk started. */
  scope: ReadingScope | null = null;
  /** The document says it is in English, or nothing about its language (name rules: names.ts). */
  private readonly english: boolean;

  constructor(
    private readonly matcher: Matcher,
    root: Node,
    options: RecognizerOptions = {},
  ) {
    this.scanner = matcher.scanner(this);
    const doc = root.ownerDocument;
    const lang = (doc?.documentElement?.getAttribute('lang') ?? '').trim().toLowerCase();
    this.english = lang === '' || lang.startsWith('en');
    const want = options.scope ?? 'main';
    this.root = root;
    this.walkOptions = { shadowRoots: options.shadowRoots, frames: options.frames };
    if (want === 'main' && doc && root === doc.body) this.builder = new ReadingScopeBuilder(doc);
    else this.startWalk(want === 'all' || want === 'main' ? null : want);
  }

  private startWalk(scope: ReadingScope | null): VisibleTextWalker {
    this.scope = scope;
    this.walker = new VisibleTextWalker(
      this.root,
      {
        text: (data, base, node) => {
          this.nodes.push(node);
          this.starts.push(base);
          this.texts.push(data);
          this.scanner.feed(data, base);
        },
        boundary: (at) => {
          this.breaks.add(at);
          this.breakList.push(at);
          this.scanner.boundary(at);
        },
      },
      { ...this.walkOptions, scope },
    );
    return this.walker;
  }

  /** Open shadow roots the walk entered (with `shadowRoots`). */
  get shadowRoots(): readonly ShadowRoot[] {
    return this.walker?.shadowRoots ?? [];
  }

  /** Iframes the walk met (with `frames`), entered or not. */
  get frames(): readonly HTMLIFrameElement[] {
    return this.walker?.frames ?? [];
  }

  get length(): number {
    return this.walker?.offset ?? 0;
  }

  /** The walk (and its matching) is over; verification and the rules may be left. */
  get walked(): boolean {
    return this.done;
  }

  /** Walk, scan, verify and apply the span rules until `shouldYield()`; true once all of it is done. */
  step(shouldYield: () => boolean): boolean {
    if (this.builder) {
      // The reading scope (main-text.ts) is found first, in slices of its own; its time
      // counts as the walk's.
      const t = perfStart();
      const found = this.builder.step(shouldYield);
      perfMeasure(PERF_NAMES.walkMatch, t);
      if (!found) return false;
      this.startWalk(this.builder.scope);
      this.builder = null;
      if (shouldYield()) return false;
    }
    if (!this.done) {
      const t = perfStart();
      this.done = this.walker!.run(shouldYield);
      perfMeasure(PERF_NAMES.walkMatch, t);
    }
    if (!this.done) return false;
    if (!this.verified) {
      const t = perfStart();
      this.verified = this.scanner.verifyStep(shouldYield);
      perfMeasure(PERF_NAMES.verify, t);
      if (!this.verified || shouldYield()) return false;
    }
    // Leftmost-longest choice and the span rules, sliced too: on a huge page they are
    // tens of thousands of mentions, far more than one task's worth.
    const t = perfStart();
    const ruled = this.scanner.rulesStep(shouldYield, { english: this.english });
    perfMeasure(PERF_NAMES.rules, t);
    return ruled;
  }

  private verified = false;

  /** Verified mentions in document order, weak forms decided by the page context. */
  finish(ctx: PageContext): Match[] {
    while (!this.step(() => false));
    const t = perfStart();
    const found = applyPageRules(this.matcher, this.scanner.finish({ english: this.english }), ctx);
    perfMeasure(PERF_NAMES.rules, t);
    return found;
  }

  /**
   * A first look at the text walked so far (Scanner.preview), page rules applied; the
   * recognition goes on as before. The content script shows the first screen's marks
   * from it while the rest of the page is read (first-screen.ts).
   */
  preview(ctx: PageContext): Match[] {
    return applyPageRules(this.matcher, this.scanner.preview({ english: this.english }), ctx);
  }

  /** Index of the scanned node containing walk offset `at` (or the last before it). */
  nodeIndexAt(at: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  isBreak(at: number): boolean {
    return this.breaks.has(at);
  }

  blockStartIn(from: number, to: number): number {
    if (to < from) return -1;
    // A line feed at b - 1 (text not scanned reads as one, see charCodeAt), for b in [from, to].
    let best = -1;
    const lo = Math.max(from, 1) - 1;
    for (let p = to - 1; p >= lo;) {
      const i = this.nodeIndexAt(p);
      const s = this.starts[i];
      const t = this.texts[i];
      if (s === undefined || t === undefined || p < s || p >= s + t.length) {
        best = p + 1; // not scanned: reads as a line feed
        break;
      }
      const k = t.lastIndexOf('\n', p - s);
      if (k >= 0 && s + k >= lo) {
        best = s + k + 1;
        break;
      }
      p = s - 1;
    }
    if (from === 0 && best < 0) best = 0;
    // A block boundary in [best + 1, to]?
    const b = this.breakList;
    let l = 0;
    let h = b.length - 1;
    let found = -1;
    while (l <= h) {
      const mid = (l + h) >> 1;
      if (b[mid]! <= to) {
        found = mid;
        l = mid + 1;
      } else h = mid - 1;
    }
    if (found >= 0 && b[found]! >= from && b[found]! > best) best = b[found]!;
    return best;
  }

  /** Verification reads neighbouring characters: remember the last node found. */
  private lastNode = 0;

  charCodeAt(at: number): number {
    let i = this.lastNode;
    const s0 = this.starts[i];
    if (s0 === undefined || at < s0 || at >= s0 + this.texts[i]!.length) {
      i = this.nodeIndexAt(at);
      this.lastNode = i;
    }
    const rel = at - this.starts[i]!;
    const t = this.texts[i];
    // Text that was not scanned (script, a hidden block) reads as a line break.
    return t !== undefined && rel >= 0 && rel < t.length ? t.charCodeAt(rel) : 0x0a;
  }

  /** DOM position of a walk offset; `end` picks the node a range ends in. */
  position(at: number, end: boolean): NodePosition {
    let i = this.nodeIndexAt(end ? at - 1 : at);
    if (i < 0) i = 0;
    return { node: this.nodes[i]!, offset: at - this.starts[i]! };
  }
}
