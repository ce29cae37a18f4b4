/**
 * Calls INTO a tab's content script (the other direction from src/lib/protocol.ts,
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
  /** A keyboard command: move to the next / previous marked name and open its card. */
  v.strictObject({ type: v.literal('page/command'), command: v.picklist(['next-entity', 'previous-entity']) }),
]);

export type PageMessage = v.InferOutput<typeof PageMessage>;

export interface PageState {
  state: 'starting' | 'dormant' | 'scanning' | 'active';
  /** Why: 'disabled', 'site-never', 'gate-not-about', 'gate-about', 'site-always', 'page-override'. */
  reason: string | null;
  /** Entities recognized on the page with their mention counts, in order of first mention. */
  entities: { id: string; count: number }[];
}

export function parsePageMessage(message: unknown): PageMessage | null {
  const r = v.safeParse(PageMessage, message);
  return r.success ? r.output : null;
}
