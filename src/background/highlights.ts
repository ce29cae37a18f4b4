/**
 * The background's answers to the `highlights/*` calls of src/lib/protocol/background-calls.ts. Payloads
 * arrive validated and the router has checked which kind of caller may make each call;
 * this adds the origin rule (a content script only touches highlights of its own page's
 * origin, and creates them without a note) and turns storage failures into messages for
 * the reader.
 */
import type { AppDB } from '../storage/db/app-db';
import type { Handlers, HandlerContext } from '../lib/protocol/background-calls';
import {
  deleteHighlight,
  getHighlight,
  HighlightStoreError,
  type HighlightChange,
  type Written,
  importHighlights,
  listAll,
  listForUrl,
  purgeHighlights,
  putHighlight,
  reportAnchors,
  restoreHighlight,
  updateHighlight,
} from '../storage/highlights';
import { sameOrigin } from '../lib/highlights/url';
import type { Highlight } from '../lib/highlights/schema';
import { toCollection, toMarkdown } from '../lib/highlights/web-annotation';

export const HIGHLIGHT_CALLS = [
  'highlights/list',
  'highlights/get',
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

/** What a page may not do, in the words the reader sees. */
export const NOT_THIS_PAGE = 'A page may only read and change its own highlights.';
export const NO_NOTES_FROM_PAGES =
  'A page cannot write a note: Glossa saves a new highlight from the page with an empty note, and notes are written in Glossa’s note editor.';

function isHttp(url: string | undefined): url is string {
  return url !== undefined && /^https?:/i.test(url);
}

/**
 * The page URL whose origin a caller is held to, or null when it may touch every highlight:
 * - a content script: its own frame (`sender.url`); a frame without an http(s) URL gets
 *   '' and may touch nothing;
 * - an extension page framed inside a web page — the note editor (note.html) the content
 *   script shows in its closed shadow root — that page, when the browser says which it is
 *   (`sender.tab.url`, an http(s) URL only when the extension page is framed in one);
 * - any other extension page (popup, side panel, library): none.
 */
export function boundPage(context: HandlerContext): string | null {
  const { caller, sender } = context;
  if (caller === 'content-script')
    return isHttp(sender.url) ? sender.url : isHttp(sender.tab?.url) ? sender.tab.url : '';
  return isHttp(sender.tab?.url) ? sender.tab.url : null;
}

/** A caller held to a page may only name URLs of that page's origin (scheme, host, port). */
function checkOrigin(context: HandlerContext, url: string): void {
  const bound = boundPage(context);
  if (bound === null) return;
  if (!sameOrigin(bound, url)) throw new HighlightStoreError(NOT_THIS_PAGE);
}

/** The stored row `id` (if any), after checking that the caller may touch it. */
async function checkRow(db: AppDB, context: HandlerContext, id: string): Promise<Highlight | undefined> {
  if (boundPage(context) === null) return undefined;
  const row = await getHighlight(db, id);
  if (row) checkOrigin(context, row.url);
  return row;
}

export interface HighlightHandlerOptions {
  /** Clock for created/updated/deleted; tests pin it. */
  now?: () => string;
  /**
   * Called after every write that changed rows (the hub pushes them to the pages showing
   * them; the page index follows). Never allowed to fail the write: errors are logged.
   */
  onChange?: (change: HighlightChange) => void;
}

export function createHighlightHandlers(
  db: AppDB,
  options: HighlightHandlerOptions = {},
): Pick<Handlers, HighlightCall> {
  const now = options.now ?? (() => new Date().toISOString());
  /** The write's answer, after telling `onChange` what it changed. */
  const done = <T>({ value, change }: Written<T>): T => {
    if (options.onChange && (change.saved.length > 0 || change.removed.length > 0)) {
      try {
        options.onChange(change);
      } catch (error) {
        console.warn('Glossa: could not pass on a highlight change', error);
      }
    }
    return value;
  };
  return {
    'highlights/list': ({ url }, context) => {
      checkOrigin(context, url);
      return listForUrl(db, url);
    },
    'highlights/get': async ({ id }, context) => {
      await checkRow(db, context, id);
      return (await getHighlight(db, id)) ?? null;
    },
    'highlights/put': async ({ annotation }, context) => {
      checkOrigin(context, annotation.url);
      const existing = await checkRow(db, context, annotation.id);
      // A page creates highlights, never notes (a re-attach ignores the note it carries).
      if (context.caller === 'content-script' && !existing && annotation.note !== '') {
        throw new HighlightStoreError(NO_NOTES_FROM_PAGES);
      }
      return done(await putHighlight(db, annotation, now()));
    },
    'highlights/update': async (patch, context) => {
      await checkRow(db, context, patch.id);
      return done(await updateHighlight(db, patch, now()));
    },
    'highlights/delete': async ({ id, baseRev }, context) => {
      await checkRow(db, context, id);
      return done(await deleteHighlight(db, id, baseRev, now()));
    },
    'highlights/restore': async ({ id, baseRev }, context) => {
      await checkRow(db, context, id);
      return done(await restoreHighlight(db, id, baseRev));
    },
    'highlights/purge': async ({ ids }) => ({ removed: await purgeHighlights(db, ids) }),
    'highlights/import': async ({ items }) => done(await importHighlights(db, items)),
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
    'highlights/anchor-report': async ({ url, anchored, orphaned }, context) => {
      checkOrigin(context, url);
      return done(await reportAnchors(db, url, anchored, orphaned, now()));
    },
  };
}
