/**
 * Recognition over a DOM tree: the text walk feeds the matcher's streaming scanner,
 * slice by slice; at the end, candidates are verified against a snapshot of the
 * text that was read, and the page rules decide the weak forms. The content script
 * and `npm run annotate` both run exactly this.
 */
import {
  applyPageRules,
  type Match,
  type Matcher,
  type PageContext,
  type Scanner,
  type TextAccess,
} from '../match/matcher';
import { PERF_NAMES, perfMeasure, perfStart } from './perf';
import { VisibleTextWalker } from './text-walk';

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
  private readonly walker: VisibleTextWalker;
  private readonly scanner: Scanner;
  private done = false;

  constructor(
    private readonly matcher: Matcher,
    root: Node,
  ) {
    this.scanner = matcher.scanner(this);
    this.walker = new VisibleTextWalker(root, {
      text: (data, base, node) => {
        this.nodes.push(node);
        this.starts.push(base);
        this.texts.push(data);
        this.scanner.feed(data, base);
      },
      boundary: (at) => {
        this.breaks.add(at);
        this.scanner.boundary(at);
      },
    });
  }

  get length(): number {
    return this.walker.offset;
  }

  /** Walk, scan and verify until `shouldYield()`; true once all of it is done. */
  step(shouldYield: () => boolean): boolean {
    if (!this.done) {
      const t = perfStart();
      this.done = this.walker.run(shouldYield);
      perfMeasure(PERF_NAMES.walkMatch, t);
    }
    if (!this.done) return false;
    const t = perfStart();
    const verified = this.scanner.verifyStep(shouldYield);
    perfMeasure(PERF_NAMES.verify, t);
    return verified;
  }

  /** Verified mentions in document order, weak forms decided by the page context. */
  finish(ctx: PageContext): Match[] {
    while (!this.step(() => false));
    const t = perfStart();
    const found = applyPageRules(this.matcher, this.scanner.finish(), ctx);
    perfMeasure(PERF_NAMES.rules, t);
    return found;
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
