/**
 * What the popup / side panel / reader e2e tests read from those pages: `data-testid`
 * hooks only, the same for Playwright (Chromium) and Puppeteer (Firefox) pages.
 */
import type { Kb } from '../../../src/lib/kb/types';
import type { Evaluate } from './pages';
import { poll } from './util';

export interface ShownEntity {
  id: string;
  kind: string;
  name: string;
  count: number;
}

export interface ShownClaim {
  key: string;
  claimId: string;
  text: string;
  corroborated: string | null;
  chips: string[];
}

export interface PageViewSnapshot {
  notice: string | null;
  reason: string | null;
  noticeText: string;
  kinds: string[];
  entities: ShownEntity[];
  claims: ShownClaim[];
}

export function pageViewSnapshot(evaluate: Evaluate): Promise<PageViewSnapshot> {
  return evaluate(() => {
    const view = document.querySelector('[data-testid="page-view"]');
    return {
      notice: view?.getAttribute('data-notice') ?? null,
      reason: view?.getAttribute('data-reason') ?? null,
      noticeText: document.querySelector('[data-testid="page-status"]')?.textContent ?? '',
      kinds: [...document.querySelectorAll('.entity-group')].map((g) => g.getAttribute('data-kind') ?? ''),
      entities: [...document.querySelectorAll('[data-testid="entity-list"] .entity-item')].map((b) => ({
        id: b.getAttribute('data-entity-id') ?? '',
        kind: b.getAttribute('data-kind') ?? '',
        name: b.querySelector('.entity-name')?.textContent ?? '',
        count: Number(b.querySelector('.entity-count')?.textContent ?? NaN),
      })),
      claims: [...document.querySelectorAll('[data-testid="claim"]')].map((c) => ({
        key: c.getAttribute('data-key') ?? '',
        claimId: c.getAttribute('data-claim-id') ?? '',
        text: c.querySelector('.claim-text')?.textContent ?? '',
        corroborated: c.querySelector('[data-testid="claim-corroborated"]')?.textContent ?? null,
        chips: [...c.querySelectorAll(':scope > .chips .chip')].map((x) => x.getAttribute('data-entity-id') ?? ''),
      })),
    };
  }, null);
}

/** The page view lists entities and claims: it has annotated its page. */
export const hasEntities = (s: PageViewSnapshot) => s.notice === 'none' && s.entities.length > 0 && s.claims.length > 0;

/** Polls the page view until `want` holds of it (15 s at most); returns the snapshot that did. */
export async function settledPageView(
  evaluate: Evaluate,
  want: (s: PageViewSnapshot) => boolean,
  message: string,
): Promise<PageViewSnapshot> {
  return poll(
    async () => {
      const s = await pageViewSnapshot(evaluate);
      return want(s) ? { done: true, value: s } : { done: false, detail: s };
    },
    { timeout: 15_000, message },
  );
}

/** True when the page needs no horizontal scrolling (e.g. at 200% zoom). */
export function fitsWidth(evaluate: Evaluate): Promise<{ fits: boolean; scrollWidth: number; clientWidth: number }> {
  return evaluate(() => {
    const el = document.documentElement;
    return { fits: el.scrollWidth <= el.clientWidth + 1, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  }, null);
}

/** In page (init script, before the page's own): sums its layout shifts without recent input (its CLS) in `window.__cls`. */
export function recordLayoutShifts(): void {
  (window as any).__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The cumulative layout shift that `recordLayoutShifts` summed so far. */
export function layoutShift(evaluate: Evaluate): Promise<number> {
  return evaluate(() => (window as any).__cls as number, null);
}

/** The reader's target claim (`data-testid="target-claim"`, which must be there): its claim, text, focus and visibility. */
export function readerTarget(
  evaluate: Evaluate,
): Promise<{ id: string | null; text: string | null; focused: boolean; inView: boolean }> {
  return evaluate(() => {
    const el = document.querySelector('[data-testid="target-claim"]')!;
    const r = el.getBoundingClientRect();
    return {
      id: el.getAttribute('data-claim-id'),
      text: el.textContent,
      focused: document.activeElement === el,
      inView: r.top >= 0 && r.bottom <= innerHeight,
    };
  }, null);
}

/** The sentence of the KB's claim `claimId`, cut from its source's text. */
export function claimText(kb: Kb, claimId: string): string {
  const claim = kb.claims.find((c) => c.id === claimId)!;
  const source = kb.sources.find((s) => s.id === claim.sourceId)!;
  return source.text.slice(claim.start, claim.end);
}

/** Claims of the KB that are about Russia's bases in Syria (for "the top claims are about the bases"). */
export const BASE_ENTITIES = ['hmeimim-air-base', 'tartus', 'latakia', 'mediterranean-sea'];
