/**
 * The wire of the tab protocol (src/lib/protocol/tab-calls.ts) without its schemas: what
 * the content loader needs on every page — the envelope check, the page views' port and
 * the snapshot it pushes. No validation library here.
 */
export type AnchorState = 'pending' | 'anchored' | 'orphan';

export type PageActivity = 'starting' | 'dormant' | 'scanning' | 'active';

/** What Glossa does on the page, as the page views show it. */
export interface PageSnapshot {
  /** The page's address (the popup learns it here: it needs no "tabs" permission). */
  url: string;
  title: string;
  /** Entity marking: dormant (and why) or active. */
  state: PageActivity;
  /** 'disabled', 'site-never', 'gate-not-about', 'gate-about', 'site-always', 'page-override', 'forced'. */
  reason: string | null;
  /**
   * Entities recognized in the text being read, in order of first mention: how often, and
   * how early (`first`: share of the text before the first mention, 0 = at the top).
   */
  entities: { id: string; count: number; first: number }[];
  /** The reader's highlights on this page. */
  highlights: {
    /** The normalized URL they are stored under. */
    url: string;
    /** Whether the page has a text selection now (for "Re-attach to the selection"). */
    hasSelection: boolean;
    /**
     * Each highlight: found or not, its colour, and the words it covers on the page now
     * (they differ from the stored quote after a fuzzy match). Page views only: nothing
     * of this is visible to the page.
     */
    items: { id: string; state: AnchorState; color: string; note: boolean; text: string | null }[];
  };
}

/** The name of the port a page view opens to a tab to receive its snapshots. */
export const PAGE_PORT = 'glossa-page';

/** What the content script posts on a `PAGE_PORT` port. */
export interface PagePortMessage {
  type: 'snapshot';
  snapshot: PageSnapshot;
}

/** A call of the tab protocol by its envelope (type and payload unchecked), or null. */
export function readEnvelope(message: unknown): { type: string; payload: unknown } | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  return m['to'] === 'glossa-tab' && typeof m['type'] === 'string' ? { type: m['type'], payload: m['payload'] } : null;
}
