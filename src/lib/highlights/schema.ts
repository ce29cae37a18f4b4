/**
 * valibot schemas of highlights as they cross a boundary: the protocol (content script,
 * library, popup → background) and the import. Only valibot here: protocol.ts imports
 * this module and content scripts import protocol.ts.
 */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS } from './colors';

import { MAX_CONTEXT, MAX_ENTITY_IDS, MAX_EXACT, MAX_ITEMS, MAX_NOTE, MAX_SCOPE, MAX_TITLE, MAX_URL } from './limits';

export { MAX_CONTEXT, MAX_ENTITY_IDS, MAX_EXACT, MAX_ITEMS, MAX_NOTE, MAX_SCOPE, MAX_TITLE, MAX_URL };

/** Highlight ids: a UUID for highlights made here; imported ones keep their id (an IRI, say). */
export const HighlightId = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(200, 'must be at most 200 characters'),
  v.regex(/^[^\s\u0000-\u001f]+$/, 'must not contain spaces or control characters'),
);

export const HttpUrl = v.pipe(
  v.string('must be a string'),
  v.maxLength(MAX_URL, `must be at most ${MAX_URL} characters`),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

export const IsoTime = v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO 8601 date and time'));

/** A string of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`));

/** A source or entity id of the KB: lowercase words and digits joined by hyphens. */
export const KbId = v.pipe(
  v.string('must be a string'),
  v.maxLength(200, 'must be at most 200 characters'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an entity id (lowercase words joined by hyphens)'),
);

/** The highlighted text itself. */
export const Exact = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(MAX_EXACT, `must be at most ${MAX_EXACT} characters`),
);

export const Quote = v.strictObject({
  exact: Exact,
  prefix: text(MAX_CONTEXT),
  suffix: text(MAX_CONTEXT),
});

export const Offset = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
);

export const Position = v.pipe(
  v.strictObject({ start: Offset, end: Offset }),
  v.check((p) => p.end >= p.start, 'end must not be before start'),
);

/**
 * A row's revision: 1 when it is first stored, +1 on every write (note, color, re-attach,
 * delete, restore, import, the orphan mark). Writes that edit a highlight name the revision
 * they started from (`baseRev`) and the background writes only if it is still current.
 */
export const Rev = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be 1 or more'),
);

export const Color = v.picklist(HIGHLIGHT_COLORS, `must be one of ${HIGHLIGHT_COLORS.join(', ')}`);
export const Note = text(MAX_NOTE);

const draftEntries = {
  /** A UUID for highlights made here; imported ones keep their id. */
  id: HighlightId,
  /** The page's URL, normalized (no fragment, no tracking parameters) so the same article matches. */
  url: HttpUrl,
  /** The page's title when highlighted. */
  title: text(MAX_TITLE),
  /** W3C TextQuoteSelector: the exact text plus some context either side. */
  quote: Quote,
  /** W3C TextPositionSelector: offsets into the text of `scope`. */
  position: Position,
  /** A color of the palette (colors.ts). */
  color: Color,
  /** The reader's note, plain text; empty when none. */
  note: Note,
  /** KB entities named inside the highlighted text. */
  entityIds: v.pipe(
    v.array(KbId, 'must be a list'),
    v.maxLength(MAX_ENTITY_IDS, `must list at most ${MAX_ENTITY_IDS}`),
  ),
  /**
   * CSS selector of the element whose text `quote`/`position` are relative to (the
   * article's main text when the page has one); absent or '' for the whole body.
   */
  scope: v.optional(text(MAX_SCOPE)),
};

/** What a page sends to save a new highlight (or a re-attached one): the background sets the times. */
export const HighlightDraft = v.strictObject(draftEntries);
export type HighlightDraftInput = v.InferOutput<typeof HighlightDraft>;

/** A whole stored row (import, export): the draft plus its revision and times. */
export const HighlightRow = v.strictObject({
  ...draftEntries,
  /** The row's revision (see `Rev`); set by the background, never by a page. */
  rev: Rev,
  /** ISO 8601 times. */
  created: IsoTime,
  updated: IsoTime,
  /**
   * ISO time the reader deleted it. Deletion is soft (undo, the library's "Recently
   * deleted"); rows are purged 30 days later. Absent while the highlight exists.
   */
  deleted: v.optional(IsoTime),
  /**
   * ISO time a visit to the page last failed to find the passage (an orphan, listed with
   * its text and note, re-attachable); absent when it was found. Page state, not an edit:
   * it never changes `updated`.
   */
  orphaned: v.optional(IsoTime),
});

/**
 * A reader's highlight as stored in IndexedDB and exchanged in messages, shaped to map
 * onto a W3C Web Annotation (`url` → target.source, `quote` → TextQuoteSelector,
 * `position` → TextPositionSelector, `note` → body, `created`/`updated` →
 * created/modified). Derived from the schema, so the two cannot drift.
 */
export type Highlight = v.InferOutput<typeof HighlightRow>;

/**
 * A row as an import brings it: a file from before revisions (or from another tool) has
 * no `rev`; the background gives the stored row one. `undated`: the file said neither
 * when the annotation was created nor when modified (its times are the import's), so it
 * cannot be newer than a copy already here and replaces none.
 */
export const ImportRow = v.strictObject({
  ...HighlightRow.entries,
  rev: v.optional(Rev),
  undated: v.optional(v.literal(true)),
});
export type ImportItem = v.InferOutput<typeof ImportRow>;

/** A partial edit — note and/or color — of the revision `baseRev` the editor started from. */
export const HighlightPatch = v.pipe(
  v.strictObject({ id: HighlightId, baseRev: Rev, note: v.optional(Note), color: v.optional(Color) }),
  v.check((p) => p.note !== undefined || p.color !== undefined, 'nothing to change: give a note or a color'),
);
