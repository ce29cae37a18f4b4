/**
 * The background's answers to the `highlights/*` calls of src/lib/protocol/background-calls.ts. Payloads
 * arrive validated; this adds the caller rule (a content script only touches highlights
 * of its own page's site) and turns storage failures into messages for the reader.
 */
import type { MessageSender } from '../lib/protocol/sender';
import type { AppDB } from '../storage/db/app-db';
import type { Handlers, HandlerContext } from '../lib/protocol/background-calls';
import {
  deleteHighlight,
  getHighlight,
  HighlightStoreError,
  importHighlights,
  listAll,
  listForUrl,
  purgeHighlights,
  putHighlight,
  reportAnchors,
  restoreHighlight,
  updateHighlight,
} from '../storage/highlights';
import { sameSite } from '../lib/highlights/url';
import { toCollection, toMarkdown } from '../lib/highlights/web-annotation';

import type { ExportFile } from '../lib/highlights/exchange';

export const HIGHLIGHT_CALLS = [
  'highlights/list',
  'highlights/put',
  'highlights/update',
  'highlights/delete',
  'highlights/restore',
  'highlights/purge',
  'highlights/import',
  'highlights/export',
  'highlights/anchor-report',
] as const;
export type HighlightCall = (typeof HIGHLIGHT_CALLS)[number];

function senderUrl(sender: MessageSender): string | undefined {
  return sender.url ?? sender.tab?.url;
}

/** A content script may only name URLs of its own tab's site. */
function checkSite(context: HandlerContext, url: string): void {
  if (context.caller !== 'content-script') return;
  const from = senderUrl(context.sender);
  if (!from || !sameSite(from, url)) {
    throw new HighlightStoreError('A page may only read and change its own highlights.');
  }
}

async function checkRow(db: AppDB, context: HandlerContext, id: string): Promise<void> {
  if (context.caller !== 'content-script') return;
  const row = await getHighlight(db, id);
  if (row) checkSite(context, row.url);
}

export interface HighlightHandlerOptions {
  /** Clock for created/updated/deleted; tests pin it. */
  now?: () => string;
}

export function createHighlightHandlers(
  db: AppDB,
  options: HighlightHandlerOptions = {},
): Pick<Handlers, HighlightCall> {
  const now = options.now ?? (() => new Date().toISOString());
  return {
    'highlights/list': ({ url }, context) => {
      checkSite(context, url);
      return listForUrl(db, url);
    },
    'highlights/put': async ({ annotation }, context) => {
      checkSite(context, annotation.url);
      await checkRow(db, context, annotation.id);
      return putHighlight(db, annotation, now());
    },
    'highlights/update': async (patch, context) => {
      await checkRow(db, context, patch.id);
      return updateHighlight(db, patch, now());
    },
    'highlights/delete': async ({ id }, context) => {
      await checkRow(db, context, id);
      return deleteHighlight(db, id, now());
    },
    'highlights/restore': async ({ id }, context) => {
      await checkRow(db, context, id);
      return restoreHighlight(db, id);
    },
    'highlights/purge': async ({ ids }) => ({ removed: await purgeHighlights(db, ids) }),
    'highlights/import': ({ items }) => importHighlights(db, items),
    'highlights/export': async ({ format }) => {
      const all = await listAll(db);
      const at = now();
      const day = at.slice(0, 10);
      if (format === 'jsonld') {
        return {
          filename: `glossa-highlights-${day}.jsonld`,
          mime: 'application/ld+json',
          text: JSON.stringify(toCollection(all, at), null, 2) + '\n',
          count: all.length,
        };
      }
      const ids = [...new Set(all.flatMap((h) => h.entityIds))];
      const entities = await db.entities.bulkGet(ids).catch(() => []);
      const names = new Map<string, string>();
      for (const e of entities) if (e) names.set(e.id, e.name);
      return {
        filename: `glossa-highlights-${day}.md`,
        mime: 'text/markdown',
        text: toMarkdown(all, { generated: at, entityNames: names }),
        count: all.length,
      };
    },
    'highlights/anchor-report': ({ url, anchored, orphaned }, context) => {
      checkSite(context, url);
      return reportAnchors(db, url, anchored, orphaned, now());
    },
  };
}
