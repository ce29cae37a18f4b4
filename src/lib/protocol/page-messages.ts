/**
 * Calls INTO a tab's content script (the other direction from src/lib/protocol/background-calls.ts,
 * whose calls go to the background). Sent with `browser.tabs.sendMessage` by the
 * background (keyboard commands) and by the popup / side panel (page state). The
 * content script validates each one and only answers this extension.
 */
import * as v from 'valibot';

const PageMessage = v.variant('type', [
  /** What Glossa did on this page: dormant (and why) or active, with entity counts. */
  v.strictObject({ type: v.literal('page/state') }),
  /** "Annotate this page anyway": overrides the relevance gate for this page. */
  v.strictObject({ type: v.literal('page/annotate') }),
  /** Scroll to the first mention of an entity on the page and open its card (popup, side panel). */
  v.strictObject({ type: v.literal('page/reveal'), entityId: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)) }),
  /** A keyboard command: move to the next / previous marked name and open its card. */
  v.strictObject({ type: v.literal('page/command'), command: v.picklist(['next-entity', 'previous-entity']) }),
]);

export type PageMessage = v.InferOutput<typeof PageMessage>;

export interface PageState {
  /** The page's address (the popup may read the tab's URL only with extra permissions). */
  url?: string;
  state: 'starting' | 'dormant' | 'scanning' | 'active';
  /** Why: 'disabled', 'site-never', 'gate-not-about', 'gate-about', 'site-always', 'page-override'. */
  reason: string | null;
  /** Entities recognized on the page, in order of first mention: how often, and how early
   * (`first`: share of the page's text before the first mention, 0 = at the top). */
  entities: { id: string; count: number; first: number }[];
}

export function parsePageMessage(message: unknown): PageMessage | null {
  const r = v.safeParse(PageMessage, message);
  return r.success ? r.output : null;
}
