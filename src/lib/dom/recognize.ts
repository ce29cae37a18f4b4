/**
 * Recognition over a DOM tree: the page walk (page-walk.ts) feeds the matcher's streaming
 * scanner, slice by slice; at the end, candidates are verified against a snapshot of the
 * text that was read, and the page rules decide the weak forms. `npm run annotate`, the
 * bench and the tests run exactly this. The content script walks without a matcher
 * (PageWalk): it sends the text read to the background, which runs the same scanner over
 * it (recognizeWalk, src/lib/match/walk-reader.ts), warm; the reader page recognizes its
 * walk's text itself the same way (shippedRecognizer). Here the scanner reads the walk's
 * text through the same WalkTextReader, after each step (its length is set at the end of
 * one: verification and the rules run only between steps).
 */
import { applyPageRules, type Match, type Matcher, type PageContext, type Scanner } from '../match/matcher';
import { WalkTextReader } from '../match/walk-reader';
import { PageWalk, type WalkOptions } from './page-walk';
import { PERF_NAMES, perfMeasure, perfStart } from './perf';

export type { NodePosition } from './page-walk';
export type RecognizerOptions = WalkOptions;

export class PageRecognizer extends PageWalk {
  /** The matcher's scanner, fed during the walk. */
  private readonly scanner: Scanner;
  private verified = false;

  constructor(
    private readonly matcher: Matcher,
    root: Node,
    options: RecognizerOptions = {},
  ) {
    super(root, options);
    this.scanner = matcher.scanner(new WalkTextReader(this.text));
  }

  protected override onText(data: string, base: number): void {
    this.scanner.feed(data, base);
  }

  protected override onBreak(at: number): void {
    this.scanner.boundary(at);
  }

  /** Walk, scan, verify and apply the span rules until `shouldYield()`; true once all of it is done. */
  override step(shouldYield: () => boolean): boolean {
    if (!super.step(shouldYield)) return false;
    const scanner = this.scanner;
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

  /** Verified mentions in document order, weak forms decided by the page context. */
  finish(ctx: PageContext): Match[] {
    while (!this.step(() => false));
    const t = perfStart();
    const found = applyPageRules(this.matcher, this.scanner.finish({ english: this.text.english }), ctx);
    perfMeasure(PERF_NAMES.rules, t);
    return found;
  }

  /**
   * A first look at the text walked so far (Scanner.preview), page rules applied; the
   * recognition goes on as before.
   */
  preview(ctx: PageContext): Match[] {
    return applyPageRules(this.matcher, this.scanner.preview({ english: this.text.english }), ctx);
  }
}
