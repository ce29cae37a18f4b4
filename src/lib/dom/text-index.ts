/**
 * A text index of one element: the visible text under it (Glossa's VisibleTextWalker) as
 * ONE normalized string (white space collapsed, see src/lib/anchoring/text.ts), and the
 * map between offsets into that string and DOM positions — both ways. Highlights are
 * described and anchored in this string; the map turns a reader's selection into
 * offsets and offsets back into StaticRange boundaries.
 *
 * Built in slices (`step`), like the recognizer. Keeps a snapshot of every text node's
 * data: a node that changed since makes `domRange` answer null (the caller re-indexes).
 */
import { collapseWhitespace, normalizedToRaw, rawToNormalized } from '../anchoring/text';
import { VisibleTextWalker } from './text-walk';
import { own } from './own-props';

const firstChildOf = own<Node | null>('firstChild');
const nextSiblingOf = own<Node | null>('nextSibling');
const parentNodeOf = own<Node | null>('parentNode');

const FOLLOWING = 4;
const TEXT_NODE = 3;

export interface DomRangeSpec {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

export class TextIndex {
  /** The normalized text (complete once `step` returned true). */
  text = '';
  /** Indexed text nodes in document order; per node: data snapshot, normalized [start, end). */
  readonly nodes: Text[] = [];
  private readonly raws: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly spaceBefore: boolean[] = [];
  private readonly indexOf = new Map<Text, number>();
  private readonly pieces: string[] = [];
  private length = 0;
  private lastSpace = true;
  private done = false;
  private readonly walker: VisibleTextWalker;

  constructor(readonly root: Node) {
    this.walker = new VisibleTextWalker(root, {
      text: (data, _base, node) => {
        const piece = collapseWhitespace(data, this.lastSpace);
        this.indexOf.set(node, this.nodes.length);
        this.nodes.push(node);
        this.raws.push(data);
        this.spaceBefore.push(this.lastSpace);
        this.starts.push(this.length);
        this.length += piece.length;
        this.ends.push(this.length);
        if (piece.length > 0) {
          this.pieces.push(piece);
          this.lastSpace = piece.charCodeAt(piece.length - 1) === 0x20;
        }
      },
      boundary: () => {
        // Blocks read as separate: one space between them (not mapped to any node).
        if (!this.lastSpace) {
          this.pieces.push(' ');
          this.length += 1;
          this.lastSpace = true;
        }
      },
    });
  }

  /** Index the whole tree at once. */
  static build(root: Node): TextIndex {
    const index = new TextIndex(root);
    index.step(() => false);
    return index;
  }

  get complete(): boolean {
    return this.done;
  }

  /** Walk until `shouldYield()`; true once the index is complete. */
  step(shouldYield: () => boolean): boolean {
    if (this.done) return true;
    if (this.walker.run(shouldYield)) {
      this.done = true;
      this.text = this.pieces.join('');
      this.pieces.length = 0;
    }
    return this.done;
  }

  /** True when every indexed node is still in the document with the data it had. */
  isCurrent(): boolean {
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes[i]!;
      if (!n.isConnected || n.data !== this.raws[i]) return false;
    }
    return true;
  }

  /** Whether `node` is one of the indexed text nodes. */
  has(node: Text): boolean {
    return this.indexOf.has(node);
  }

  /** Normalized offset of a DOM boundary point (a selection's or a caret's). */
  offsetOf(container: Node, offset: number, side: 'start' | 'end'): number {
    if (container.nodeType === TEXT_NODE) {
      const i = this.indexOf.get(container as Text);
      if (i !== undefined) return this.starts[i]! + rawToNormalized(this.raws[i]!, this.spaceBefore[i]!, offset);
    }
    const i = this.firstNodeAfter(container, offset);
    if (side === 'start') return i < this.nodes.length ? this.starts[i]! : this.length;
    return i > 0 ? this.ends[i - 1]! : 0;
  }

  /** Normalized [start, end) of a DOM range, or null when it holds none of the indexed text. */
  offsetsOf(range: AbstractRange): { start: number; end: number } | null {
    const start = this.offsetOf(range.startContainer, range.startOffset, 'start');
    const end = this.offsetOf(range.endContainer, range.endOffset, 'end');
    return end > start ? { start, end } : null;
  }

  /** Indexed node index containing the normalized character `at`, or -1 (a space between blocks). */
  nodeAt(at: number): number {
    const i = this.firstEndAbove(at);
    return i < this.nodes.length && this.starts[i]! <= at ? i : -1;
  }

  /**
   * DOM boundaries of normalized [start, end), for a StaticRange; null when the text
   * there changed since it was indexed.
   */
  domRange(start: number, end: number): DomRangeSpec | null {
    if (!(end > start) || start < 0 || end > this.length) return null;
    // Start: the node holding character `start`, or the first node after a gap.
    let i = this.firstEndAbove(start);
    while (i < this.nodes.length && this.ends[i] === this.starts[i]) i++;
    if (i >= this.nodes.length) return null;
    const startRaw = normalizedToRaw(this.raws[i]!, this.spaceBefore[i]!, Math.max(0, start - this.starts[i]!));
    // End: the node holding character `end - 1`, or the last non-empty node before a gap.
    let j = this.firstEndAbove(end - 1);
    let endRaw: number;
    if (j < this.nodes.length && this.starts[j]! <= end - 1) {
      endRaw = normalizedToRaw(this.raws[j]!, this.spaceBefore[j]!, end - 1 - this.starts[j]!) + 1;
    } else {
      j = Math.min(j, this.nodes.length) - 1;
      while (j >= 0 && this.ends[j] === this.starts[j]) j--;
      if (j < 0) return null;
      endRaw = normalizedToRaw(this.raws[j]!, this.spaceBefore[j]!, this.ends[j]! - this.starts[j]! - 1) + 1;
    }
    if (startRaw < 0 || endRaw <= 0 || j < i) return null;
    const a = this.nodes[i]!;
    const b = this.nodes[j]!;
    if (!a.isConnected || !b.isConnected || a.data !== this.raws[i] || b.data !== this.raws[j]) return null;
    return { startContainer: a, startOffset: startRaw, endContainer: b, endOffset: endRaw };
  }

  /** First node whose normalized end is above `at` (binary search; ends never decrease). */
  private firstEndAbove(at: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! > at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * First indexed node at or after the boundary point (container, offset): walks nodes in
   * document order from the point (skipped text — scripts, hidden blocks — is usually a
   * few nodes). Plain sibling/parent steps (through the DOM's own getters), so it also runs on linkedom.
   */
  private firstNodeAfter(container: Node, offset: number): number {
    const root = this.root;
    let n: Node | null;
    if (container.nodeType === TEXT_NODE) n = nextInOrder(container, root, true);
    else n = container.childNodes[offset] ?? nextInOrder(container, root, true);
    if (n !== null && n !== root && !root.contains(n)) {
      // A point outside the root: before it or after it.
      return (root.compareDocumentPosition(n) & FOLLOWING) !== 0 ? this.nodes.length : 0;
    }
    for (; n !== null; n = nextInOrder(n, root, false)) {
      if (n.nodeType !== TEXT_NODE) continue;
      const i = this.indexOf.get(n as Text);
      if (i !== undefined) return i;
    }
    return this.nodes.length;
  }
}

/** The node after `n` in document order within `root` (its subtree skipped with `skipChildren`). */
function nextInOrder(n: Node, root: Node, skipChildren: boolean): Node | null {
  // The DOM's own getters: a <form>'s controls named "nextSibling" and "parentNode" would
  // send this round the form forever (own-props.ts).
  const first = skipChildren ? null : firstChildOf(n);
  if (first) return first;
  let cur: Node | null = n;
  while (cur && cur !== root) {
    const next = nextSiblingOf(cur);
    if (next) return next;
    cur = parentNodeOf(cur);
  }
  return null;
}
