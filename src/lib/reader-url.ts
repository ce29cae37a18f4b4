/**
 * Addresses of the source reader (`reader.html`, an extension page). Pure; no browser
 * APIs, so the background, extension pages and the content script (through the
 * `reader/open` call) agree on one format:
 *
 * - `reader.html?source=<sourceId>#claim=<claimId>`: a source article, scrolled to a claim;
 * - `reader.html?source=<sourceId>`: a source article from the top;
 * - `reader.html?entity=<entityId>`: every claim of the KB naming an entity;
 * - `reader.html?view=index`: the KB's index (all sources, all entities).
 */
import { sourceOfClaim } from './kb/claim-ids';

export { sourceOfClaim };

/** What to open in the reader; with none of the fields, the index. */
export interface ReaderTarget {
  sourceId?: string;
  claimId?: string;
  entityId?: string;
}

export type ReaderRoute =
  | { view: 'index' }
  | { view: 'source'; sourceId: string; claimId: string | null }
  | { view: 'entity'; entityId: string };

/** The page of the reader, relative to the extension's root (for `runtime.getURL`). */
export const READER_PAGE = '/reader.html';

/** The query and fragment for `target`, e.g. `?source=x#claim=x%231`. */
export function readerQuery(target: ReaderTarget): string {
  const claimSource = target.claimId ? sourceOfClaim(target.claimId) : null;
  const sourceId = target.sourceId ?? claimSource;
  if (sourceId) {
    const claim = target.claimId && claimSource === sourceId ? `#claim=${encodeURIComponent(target.claimId)}` : '';
    return `?source=${encodeURIComponent(sourceId)}${claim}`;
  }
  if (target.entityId) return `?entity=${encodeURIComponent(target.entityId)}`;
  return '?view=index';
}

/** `/reader.html?…#…` for `target`. */
export function readerPath(target: ReaderTarget): string {
  return `${READER_PAGE}${readerQuery(target)}`;
}

/** What a reader address asks for (`location.search`, `location.hash`); the index when unclear. */
export function parseReaderRoute(search: string, hash: string): ReaderRoute {
  const query = new URLSearchParams(search);
  const source = query.get('source');
  if (source) {
    const fragment = new URLSearchParams(hash.replace(/^#/, ''));
    return { view: 'source', sourceId: source, claimId: fragment.get('claim') || null };
  }
  const entity = query.get('entity');
  if (entity) return { view: 'entity', entityId: entity };
  return { view: 'index' };
}
