/**
 * The reader's selection as a highlight to store: offsets into its root's text (the
 * article's main text when it holds the selection, else the body), W3C selectors, and the
 * KB entities named inside the passage (the shipped matcher, the page rules).
 */
import { describe as describeRange, type Selectors } from '../../lib/anchoring';
import { cssPath, findMainRoot } from '../../lib/dom/main-root';
import { TextIndex } from '../../lib/dom/text-index';
import type { HighlightColor } from '../../lib/highlights/colors';
import { MAX_EXACT, MAX_TITLE } from '../../lib/highlights/limits';
import type { HighlightDraftInput } from '../../lib/highlights/schema';

/** Text before a passage read for the entity page rules (a surname needs the full name first). */
const ENTITY_CONTEXT_CHARS = 3_000;

/**
 * The KB entities named in `text` (the shipped matcher and its page rules; `about` is the
 * relevance gate's verdict, which weak names need): given by the main chunk, which asks the
 * background (content/recognize), where the matcher is.
 */
export type Recognize = (text: string, about: boolean) => Promise<{ entityId: string; start: number }[]>;

export interface Capture {
  root: Element;
  index: TextIndex;
  start: number;
  end: number;
  selectors: Selectors;
}

/** A non-empty selection of page text outside form fields, editable regions and Glossa's UI. */
export function readerSelection(doc: Document, isOwnUi: (node: Node) => boolean): Range | null {
  const sel = doc.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const node = range.commonAncestorContainer;
  if (isOwnUi(node)) return null;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el || el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return null;
  return range;
}

export class SelectionCapture {
  constructor(
    private readonly doc: Document,
    private readonly recognize: Recognize,
    /** What the relevance gate said of the page (weak names count only on pages about the domain). */
    private readonly gateAbout: () => boolean,
  ) {}

  /** The selection as offsets into its root's fresh text index, with selectors. */
  capture(range: Range): Capture | null {
    const body = this.doc.body;
    if (!body) return null;
    const main = findMainRoot(this.doc) ?? body;
    const root = main.contains(range.commonAncestorContainer) ? main : body;
    const index = TextIndex.build(root);
    const offsets = index.offsetsOf(range);
    if (!offsets) return null;
    const selectors = describeRange(index.text, offsets.start, offsets.end);
    if (!selectors || !selectors.position) return null;
    return { root, index, start: selectors.position.start, end: selectors.position.end, selectors };
  }

  /** The highlight to store for `cap`, or why it cannot be. */
  async draft(cap: Capture, id: string, url: string, color: HighlightColor): Promise<HighlightDraftInput | string> {
    if (cap.selectors.quote.exact.length > MAX_EXACT) {
      return `The selection is too long to highlight (more than ${MAX_EXACT.toLocaleString('en')} characters).`;
    }
    const scope = cssPath(cap.root, this.doc);
    return {
      id,
      url,
      title: (this.doc.title || '').trim().slice(0, MAX_TITLE),
      quote: cap.selectors.quote,
      position: cap.selectors.position!,
      color,
      note: '',
      entityIds: await this.entitiesIn(cap.index, cap.start, cap.end),
      ...(scope ? { scope } : {}),
    };
  }

  /** The entities named in the passage; none where they could not be had (the highlight is kept all the same). */
  private async entitiesIn(index: TextIndex, start: number, end: number): Promise<string[]> {
    try {
      const from = Math.max(0, start - ENTITY_CONTEXT_CHARS);
      const found = await this.recognize(index.text.slice(from, end), this.gateAbout());
      const ids: string[] = [];
      for (const m of found) {
        if (m.start + from >= start && !ids.includes(m.entityId)) ids.push(m.entityId);
      }
      return ids;
    } catch (error) {
      console.warn('Glossa: could not recognize the names in the passage', error);
      return [];
    }
  }
}

/** A UUID (crypto.randomUUID exists only in secure contexts, not on http:// pages). */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = [...b].map((n) => n.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
