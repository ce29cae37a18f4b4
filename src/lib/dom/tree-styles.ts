/**
 * The marks' styles in the trees where marks are registered: same-origin frames' documents
 * (and their shadow roots); the page's own marks are painted in Glossa's closed root.
 *
 * `::highlight()` rules style text only in the tree whose style sheets hold them (Firefox
 * 153 keeps to that; Chromium 156 also paints the document's rules into shadow trees), and
 * a same-origin iframe is a document of its own, with its own registry and sheets. So
 * where marks are registered in an open shadow root or a frame's document, the same rules
 * (src/lib/mark-styles.ts) go into that tree as a constructed style sheet, appended to its
 * `adoptedStyleSheets`: no element is added, and the page's own sheets keep their order.
 * A page can see that list on its open roots (and the rules, with the random names the
 * registry already shows it); a page that reassigns the list drops the sheet, and
 * `repair` puts it back. One sheet per document (a constructed sheet may only be adopted
 * in the document whose window made it), shared by its shadow roots.
 */
import { documentGone } from './gone';
interface Adopting {
  adoptedStyleSheets: CSSStyleSheet[];
}

type SheetCtor = new () => CSSStyleSheet;

export class TreeStyles {
  private readonly sheets = new Map<Document, CSSStyleSheet>();
  private readonly roots = new Set<Node & Adopting>();

  /**
   * @param top the page's own document, where nothing is adopted (its marks are painted; the
   *   source reader styles its own)
   * @param css the marks' rules
   */
  constructor(
    private readonly top: Document,
    private readonly css: string,
  ) {}

  /** Style marks in the tree `node` is in (its shadow root, or its frame's document). */
  ensure(node: Node): void {
    const root = node.getRootNode();
    if (root === this.top || this.roots.has(root as Node & Adopting)) return;
    // A shadow root (nodeType 11 with a host) or another document (9); a detached node: nothing.
    if (!(root.nodeType === 9 || (root.nodeType === 11 && (root as ShadowRoot).host))) return;
    this.roots.add(root as Node & Adopting);
    this.adopt(root as Node & Adopting);
  }

  /** Trees styled so far (for the tests and the watchers). */
  get size(): number {
    return this.roots.size;
  }

  /** Put the sheet back where the page dropped it (a list scan per styled tree). */
  repair(): void {
    for (const root of this.roots) this.adopt(root);
  }

  /**
   * Forget trees that are gone: a shadow root whose host left the page (a re-rendered web
   * component), a frame's document after the frame navigated. Long-lived pages (single-page
   * apps) would otherwise keep them, with their DOM, and `repair` would visit them all.
   */
  prune(): void {
    for (const root of this.roots) {
      let gone = true; // a dead object (Firefox: gone.ts) is gone
      try {
        const host = (root as unknown as { host?: Element }).host;
        gone = host ? !host.isConnected : documentGone(root as unknown as Document);
      } catch {
        // gone
      }
      if (gone) this.roots.delete(root);
    }
    for (const doc of this.sheets.keys()) if (doc !== this.top && documentGone(doc)) this.sheets.delete(doc);
  }

  /** Take the sheet out of every tree. */
  clear(): void {
    for (const root of this.roots) {
      const sheet = this.sheets.get(root.ownerDocument ?? (root as unknown as Document));
      try {
        const list = root.adoptedStyleSheets;
        if (sheet && list.includes(sheet)) root.adoptedStyleSheets = list.filter((s) => s !== sheet);
      } catch {
        // the tree's document is gone
      }
    }
    this.roots.clear();
  }

  private adopt(root: Node & Adopting): void {
    const doc = root.ownerDocument ?? (root as unknown as Document);
    try {
      let sheet = this.sheets.get(doc);
      if (!sheet) {
        const Sheet = (doc.defaultView as unknown as { CSSStyleSheet?: SheetCtor } | null)?.CSSStyleSheet;
        if (!Sheet) return;
        sheet = new Sheet();
        sheet.replaceSync(this.css);
        this.sheets.set(doc, sheet);
      }
      const list = root.adoptedStyleSheets;
      if (!list.includes(sheet)) root.adoptedStyleSheets = [...list, sheet];
    } catch {
      // No constructable sheets, or the frame navigated away: its marks stay unstyled.
    }
  }
}
