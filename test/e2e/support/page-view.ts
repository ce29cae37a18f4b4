/**
 * What the popup / side panel / reader e2e tests read from those pages: `data-testid`
 * hooks only, the same for Playwright (Chromium) and Puppeteer (Firefox) pages.
 */
import type { Evaluate } from './pages';

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

/** True when the page needs no horizontal scrolling (e.g. at 200% zoom). */
export function fitsWidth(evaluate: Evaluate): Promise<{ fits: boolean; scrollWidth: number; clientWidth: number }> {
  return evaluate(() => {
    const el = document.documentElement;
    return { fits: el.scrollWidth <= el.clientWidth + 1, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  }, null);
}

/** Claims of the KB that are about Russia's bases in Syria (for "the top claims are about the bases"). */
export const BASE_ENTITIES = ['hmeimim-air-base', 'tartus', 'latakia', 'mediterranean-sea'];
