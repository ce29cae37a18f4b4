/**
 * A walk over a DOM tree that keeps the text it reads: each visible text node, its data
 * when read (a snapshot), its walk offset, and the block boundaries between them
 * (`text`, src/lib/match/walk-text.ts). This is all the content script runs of
 * recognition: it sends `text.data()` to the background, which finds the names in it
 * (recognizeWalk). PageRecognizer (recognize.ts) is the same walk feeding a matcher as it
 * goes, for `npm run annotate`, the bench and the tests.
 *
 * Of src/lib/match/ this loads only the walk's text as data (walk-text.ts), never the
 * scanner, its tables or the data they are made from (architecture.test.ts holds the page
 * chunks to that), so a page does not load that code or build those tables.
 *
 * On a document's body it reads only the text being read (main-text.ts: headline, lead,
 * body, captions; no menus, related lists or comments) unless told otherwise.
 */
import { lastAtOrBefore, WalkText } from '../match/walk-text';
import { MAX_FIRST_LOOK_CHARS } from './first-screen';
import { ReadingScopeBuilder } from './main-text';
import { PERF_NAMES, perfMeasure, perfStart } from './perf';
import { VisibleTextWalker, type ReadingScope } from './text-walk';

export interface WalkOptions {
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

export class PageWalk {
  /** Walked text nodes, in walk order. */
  readonly nodes: Text[] = [];
  /** The text read: each node's data when read (a snapshot), offsets, block boundaries. */
  readonly text: WalkText;
  private walker: VisibleTextWalker | null = null;
  private done = false;
  /** Finds the reading scope in slices before the walk starts ('main' on a body), and completes it (step). */
  private builder: ReadingScopeBuilder | null = null;
  /** completeScope was called. */
  private completing = false;
  private readonly root: Node;
  private readonly walkOptions: { shadowRoots?: boolean; frames?: boolean };

  /**
   * Reads nothing yet: the walk runs in `step`, so a subclass's hooks (onText, onBreak)
   * are never called before its own constructor has run.
   */
  constructor(root: Node, options: WalkOptions = {}) {
    const doc = root.ownerDocument;
    const lang = (doc?.documentElement?.getAttribute('lang') ?? '').trim().toLowerCase();
    this.text = new WalkText(lang === '' || lang.startsWith('en'));
    const want = options.scope ?? 'main';
    this.root = root;
    this.walkOptions = { shadowRoots: options.shadowRoots, frames: options.frames };
    if (want === 'main' && doc && root === doc.body) this.builder = new ReadingScopeBuilder(doc);
    else this.startWalk(want === 'all' || want === 'main' ? null : want);
  }

  /** Each text node as it is read (its data, its walk offset); a subclass may listen. */
  protected onText(_data: string, _base: number): void {}

  /** Each block boundary as it is passed (a walk offset). */
  protected onBreak(_at: number): void {}

  /** Walk offsets of the walked nodes (`nodes`). */
  get starts(): readonly number[] {
    return this.text.starts;
  }

  /** The walked nodes' data when read. */
  get texts(): readonly string[] {
    return this.text.texts;
  }

  private startWalk(scope: ReadingScope | null): VisibleTextWalker {
    const text = this.text;
    this.walker = new VisibleTextWalker(
      this.root,
      {
        text: (data, base, node) => {
          this.nodes.push(node);
          text.addText(data, base);
          this.onText(data, base);
        },
        boundary: (at) => {
          text.addBreak(at);
          this.onBreak(at);
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

  /** Subtrees the walk jumped over, unread (VisibleTextWalker.jumps): for tests and diagnostics. */
  get jumps(): number {
    return this.walker?.jumps ?? 0;
  }

  /** The walk is over. */
  get walked(): boolean {
    return this.done;
  }

  /**
   * The first screen's marks are shown: complete the reading scope in the next steps,
   * before the walk goes on (step). A walk never told completes it past MAX_FIRST_LOOK_CHARS.
   */
  completeScope(): void {
    this.completing = true;
  }

  /** Find the reading scope, then walk, until `shouldYield()`; true once the walk is over. */
  step(shouldYield: () => boolean): boolean {
    const builder = this.builder;
    if (builder && !this.done) {
      // The reading scope (main-text.ts) is found first, in slices of its own; its time
      // counts as the walk's. The walk starts once the article and headline are found (the
      // furniture is decided as it is met); the scope is completed once the first screen's
      // marks are shown (completeScope), or the walk has read past where they would be
      // (first-screen.ts): the rest of the page's furniture is cheaper decided all at once.
      const walking = this.walker !== null;
      if (!walking || this.completing || this.walker!.offset > MAX_FIRST_LOOK_CHARS) {
        const t = perfStart();
        const found = builder.step(shouldYield, !walking);
        perfMeasure(PERF_NAMES.walkMatch, t);
        if (found) this.builder = null;
        if (!walking && builder.ready) this.startWalk(builder.scope);
        if (!found && (walking || !builder.ready)) return false;
        if (shouldYield()) return false;
      }
    }
    if (!this.done) {
      const t = perfStart();
      this.done = this.walker!.run(shouldYield);
      // Over: a scope never completed (a short page) goes with its builder's maps, which hold
      // the page's elements (a walk is kept as long as its marks are shown).
      if (this.done) this.builder = null;
      this.text.length = this.walker!.offset;
      perfMeasure(PERF_NAMES.walkMatch, t);
    }
    return this.done;
  }

  /** Index of the walked node containing walk offset `at` (or the last before it). */
  nodeIndexAt(at: number): number {
    return lastAtOrBefore(this.text.starts, at);
  }

  /** DOM position of a walk offset; `end` picks the node a range ends in. */
  position(at: number, end: boolean): NodePosition {
    let i = this.nodeIndexAt(end ? at - 1 : at);
    if (i < 0) i = 0;
    return { node: this.nodes[i]!, offset: at - this.starts[i]! };
  }
}
