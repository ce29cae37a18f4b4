/**
 * Recognition over a DOM tree: the text walk feeds the matcher's streaming scanner,
 * slice by slice; at the end, candidates are verified against a snapshot of the
 * text that was read, and the page rules decide the weak forms. `npm run annotate` and
 * the tests run exactly this. The content script walks without a matcher: it sends the
 * text read (`text`, src/lib/match/walk-text.ts) to the background, which runs the same
 * scanner over it (recognizeWalk), warm.
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
import { WalkText } from '../match/walk-text';
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
  /** Scanned text nodes, in walk order. */
  readonly nodes: Text[] = [];
  /** The text read: each node's data when read (a snapshot), offsets, block boundaries. */
  readonly text: WalkText;
  private walker: VisibleTextWalker | null = null;
  /** The matcher's scanner, fed during the walk; null without a matcher (collect only). */
  private readonly scanner: Scanner | null;
  private done = false;
  /** Finds the reading scope in slices before the walk starts ('main' on a body). */
  private builder: ReadingScopeBuilder | null = null;
  private readonly root: Node;
  private readonly walkOptions: { shadowRoots?: boolean; frames?: boolean };

  /** The reading scope the walk used (null: all visible text); known once the walk started. */
  scope: ReadingScope | null = null;

  /**
   * `matcher` null: walk and keep the text only (`text`); `finish` and `preview` are then
   * not available (the content script has the background recognize `text.data()`).
   */
  constructor(
    private readonly matcher: Matcher | null,
    root: Node,
    options: RecognizerOptions = {},
  ) {
    const doc = root.ownerDocument;
    const lang = (doc?.documentElement?.getAttribute('lang') ?? '').trim().toLowerCase();
    this.text = new WalkText(lang === '' || lang.startsWith('en'));
    this.scanner = matcher ? matcher.scanner(this) : null;
    const want = options.scope ?? 'main';
    this.root = root;
    this.walkOptions = { shadowRoots: options.shadowRoots, frames: options.frames };
    if (want === 'main' && doc && root === doc.body) this.builder = new ReadingScopeBuilder(doc);
    else this.startWalk(want === 'all' || want === 'main' ? null : want);
  }

  /** Walk offsets of the scanned nodes (`nodes`). */
  get starts(): readonly number[] {
    return this.text.starts;
  }

  /** The scanned nodes' data when read. */
  get texts(): readonly string[] {
    return this.text.texts;
  }

  private startWalk(scope: ReadingScope | null): VisibleTextWalker {
    this.scope = scope;
    const text = this.text;
    const scanner = this.scanner;
    this.walker = new VisibleTextWalker(
      this.root,
      {
        text: (data, base, node) => {
          this.nodes.push(node);
          text.addText(data, base);
          scanner?.feed(data, base);
        },
        boundary: (at) => {
          text.addBreak(at);
          scanner?.boundary(at);
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

  /**
   * Walk, scan, verify and apply the span rules until `shouldYield()`; true once all of it
   * is done (without a matcher: once the walk is).
   */
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
      this.text.length = this.walker!.offset;
      perfMeasure(PERF_NAMES.walkMatch, t);
    }
    if (!this.done) return false;
    const scanner = this.scanner;
    if (!scanner) return true;
    if (!this.verified) {
      const t = perfStart();
      this.verified = scanner.verifyStep(shouldYield);
      perfMeasure(PERF_NAMES.verify, t);
      if (!this.verified || shouldYield()) return false;
    }
    // Leftmost-longest choice and the span rules, sliced too: on a huge page they are
    // tens of thousands of mentions, far more than one task's worth.
    const t = perfStart();
    const ruled = scanner.rulesStep(shouldYield, { english: this.text.english });
    perfMeasure(PERF_NAMES.rules, t);
    return ruled;
  }

  private verified = false;

  private withMatcher(): { matcher: Matcher; scanner: Scanner } {
    if (!this.matcher || !this.scanner) throw new Error('this walk keeps its text only: recognize `text.data()`');
    return { matcher: this.matcher, scanner: this.scanner };
  }

  /** Verified mentions in document order, weak forms decided by the page context. */
  finish(ctx: PageContext): Match[] {
    const { matcher, scanner } = this.withMatcher();
    while (!this.step(() => false));
    const t = perfStart();
    const found = applyPageRules(matcher, scanner.finish({ english: this.text.english }), ctx);
    perfMeasure(PERF_NAMES.rules, t);
    return found;
  }

  /**
   * A first look at the text walked so far (Scanner.preview), page rules applied; the
   * recognition goes on as before.
   */
  preview(ctx: PageContext): Match[] {
    const { matcher, scanner } = this.withMatcher();
    return applyPageRules(matcher, scanner.preview({ english: this.text.english }), ctx);
  }

  /** Index of the scanned node containing walk offset `at` (or the last before it). */
  nodeIndexAt(at: number): number {
    return this.text.nodeIndexAt(at);
  }

  isBreak(at: number): boolean {
    return this.text.isBreak(at);
  }

  blockStartIn(from: number, to: number): number {
    return this.text.blockStartIn(from, to);
  }

  charCodeAt(at: number): number {
    return this.text.charCodeAt(at);
  }

  /** DOM position of a walk offset; `end` picks the node a range ends in. */
  position(at: number, end: boolean): NodePosition {
    let i = this.nodeIndexAt(end ? at - 1 : at);
    if (i < 0) i = 0;
    return { node: this.nodes[i]!, offset: at - this.starts[i]! };
  }
}
