/**
 * Calls INTO a tab's highlight controller (src/content/highlights/controller.ts), from the background
 * (keyboard command, context menu) and from the popup's highlight list. Like
 * src/lib/protocol/page-messages.ts, each is validated and only this extension is answered;
 * the two listeners ignore each other's messages.
 */
import * as v from 'valibot';
import { HighlightId } from '../highlights/schema';

const HighlightPageMessage = v.variant('type', [
  /** Highlight the page's selection (last color) and open its note editor; in a highlight: open its editor. */
  v.strictObject({ type: v.literal('page/highlight-selection'), source: v.picklist(['command', 'context-menu']) }),
  /** This page's highlights and whether each was found: for the popup. */
  v.strictObject({ type: v.literal('page/highlights-state') }),
  /** Scroll to a highlight and flash it; `edit` opens its note editor. */
  v.strictObject({ type: v.literal('page/highlight-reveal'), id: HighlightId, edit: v.optional(v.boolean()) }),
  /** Move an orphan to the page's current selection. */
  v.strictObject({ type: v.literal('page/highlight-reattach'), id: HighlightId }),
]);

export type HighlightPageMessage = v.InferOutput<typeof HighlightPageMessage>;

export type AnchorState = 'pending' | 'anchored' | 'orphan';

export interface HighlightsPageState {
  /** The normalized URL the page's highlights are stored under (canonical link honoured). */
  url: string;
  title: string;
  /** Whether the page currently has a non-empty text selection (for "Re-attach to selection"). */
  hasSelection: boolean;
  items: { id: string; state: AnchorState }[];
}

export interface RevealAnswer {
  revealed: boolean;
}

export interface ReattachAnswer {
  ok: boolean;
  error?: string;
}

export function parseHighlightPageMessage(message: unknown): HighlightPageMessage | null {
  const r = v.safeParse(HighlightPageMessage, message);
  return r.success ? r.output : null;
}
