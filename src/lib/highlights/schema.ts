/**
 * valibot schemas of highlights as they cross a boundary: the protocol (content script,
 * library, popup → background) and the import. Only valibot here: protocol.ts imports
 * this module and content scripts import protocol.ts.
 */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS } from './colors';

export const MAX_EXACT = 50_000;
export const MAX_CONTEXT = 1_000;
export const MAX_NOTE = 20_000;
export const MAX_TITLE = 1_000;
export const MAX_URL = 4_096;
export const MAX_SCOPE = 500;
export const MAX_ENTITY_IDS = 500;
export const MAX_ITEMS = 10_000;

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

export const Color = v.picklist(HIGHLIGHT_COLORS, `must be one of ${HIGHLIGHT_COLORS.join(', ')}`);
export const Note = text(MAX_NOTE);

const draftEntries = {
  id: HighlightId,
  url: HttpUrl,
  title: text(MAX_TITLE),
  quote: Quote,
  position: Position,
  color: Color,
  note: Note,
  entityIds: v.pipe(
    v.array(KbId, 'must be a list'),
    v.maxLength(MAX_ENTITY_IDS, `must list at most ${MAX_ENTITY_IDS}`),
  ),
  scope: v.optional(text(MAX_SCOPE)),
};

/** What a page sends to save a new highlight (or a re-attached one): the background sets the times. */
export const HighlightDraft = v.strictObject(draftEntries);
export type HighlightDraftInput = v.InferOutput<typeof HighlightDraft>;

/** A whole stored row (import, export): the draft plus its times. */
export const HighlightRow = v.strictObject({
  ...draftEntries,
  created: IsoTime,
  updated: IsoTime,
  deleted: v.optional(IsoTime),
  orphaned: v.optional(IsoTime),
});
export type HighlightRowInput = v.InferOutput<typeof HighlightRow>;

/** A partial edit: note and/or color. */
export const HighlightPatch = v.pipe(
  v.strictObject({ id: HighlightId, note: v.optional(Note), color: v.optional(Color) }),
  v.check((p) => p.note !== undefined || p.color !== undefined, 'nothing to change: give a note or a color'),
);
