/** The library's search and filters, pure (the page renders what this returns). */
import type { Highlight } from './schema';
import { colorOf, type HighlightColor } from './colors';
import { siteOf } from './url';

export type LibraryView = 'all' | 'orphans' | 'deleted';

export interface LibraryFilter {
  /** Words that must all occur in the quote, the note or the page title (case and accents ignored). */
  query: string;
  site: string;
  entity: string;
  color: HighlightColor | '';
  /** yyyy-mm-dd, inclusive, on the creation date (local days are the reader's). */
  from: string;
  to: string;
  view: LibraryView;
}

export const EMPTY_FILTER: LibraryFilter = {
  query: '',
  site: '',
  entity: '',
  color: '',
  from: '',
  to: '',
  view: 'all',
};

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function localDay(iso: string, timeZoneOffsetMinutes: number): string {
  const t = Date.parse(iso) - timeZoneOffsetMinutes * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : iso.slice(0, 10);
}

/**
 * The highlights matching `f`, most recently changed first. `tzOffset` is
 * `new Date().getTimezoneOffset()` (minutes; tests pass 0).
 */
export function filterHighlights(rows: readonly Highlight[], f: LibraryFilter, tzOffset = 0): Highlight[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  return rows
    .filter((h) => {
      if (f.view === 'deleted' ? !h.deleted : h.deleted) return false;
      if (f.view === 'orphans' && !h.orphaned) return false;
      if (f.site && siteOf(h.url) !== f.site) return false;
      if (f.entity && !h.entityIds.includes(f.entity)) return false;
      if (f.color && colorOf(h.color) !== f.color) return false;
      if (f.from || f.to) {
        const day = localDay(h.created, tzOffset);
        if (f.from && day < f.from) return false;
        if (f.to && day > f.to) return false;
      }
      if (words.length > 0) {
        const hay = fold(`${h.quote.exact}\n${h.note}\n${h.title}`);
        if (!words.every((w) => hay.includes(w))) return false;
      }
      return true;
    })
    .sort((a, b) => (b.deleted ?? b.updated).localeCompare(a.deleted ?? a.updated) || a.id.localeCompare(b.id));
}

export interface PageGroup {
  url: string;
  title: string;
  site: string;
  items: Highlight[];
}

/** Groups (already filtered and sorted) highlights by page, pages in order of their first item. */
export function groupByPage(rows: readonly Highlight[]): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const h of rows) {
    let g = groups.get(h.url);
    if (!g) {
      g = { url: h.url, title: h.title.trim() || h.url, site: siteOf(h.url), items: [] };
      groups.set(h.url, g);
    }
    g.items.push(h);
  }
  for (const g of groups.values()) g.items.sort((a, b) => a.position.start - b.position.start);
  return [...groups.values()];
}

/** Options for the site and entity filters: each value with how many live highlights have it. */
export function facetCounts(rows: readonly Highlight[]): { sites: [string, number][]; entities: [string, number][] } {
  const sites = new Map<string, number>();
  const entities = new Map<string, number>();
  for (const h of rows) {
    if (h.deleted) continue;
    const s = siteOf(h.url);
    sites.set(s, (sites.get(s) ?? 0) + 1);
    for (const e of new Set(h.entityIds)) entities.set(e, (entities.get(e) ?? 0) + 1);
  }
  const order = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
  return { sites: [...sites].sort(order), entities: [...entities].sort(order) };
}
