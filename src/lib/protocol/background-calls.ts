/**
 * The calls toward the background: one table, `protocol`, for content scripts and
 * extension pages (popup, side panel, reader, library, options). Every call is an entry:
 *
 * - `request`: valibot schema of the payload; the background validates every message.
 * - response type: the type argument of `call<…>()` (compile-time only).
 * - `allow`: which contexts may make the call (see `Caller`).
 * - a doc comment saying what it does.
 *
 * Senders use `sendMessage(type, payload)` (src/platform/messaging.ts); the background
 * answers with the handlers it passes to `registerHandlers` (src/background/router.ts,
 * handlers in src/background/handlers.ts). Every answer is a `Result`:
 * `{ ok: true, value }` or `{ ok: false, error }` — nothing throws into the void.
 *
 * ## Adding a call
 * 1. Add an entry below, named `area/verb`, e.g.
 *    ```ts
 *    /** Cards for the KB entities found on a page, for the content script's popovers. *\/
 *    'cards/for-entities': call<EntityCard[]>()({
 *      request: v.strictObject({ entityIds: v.pipe(v.array(v.string()), v.maxLength(500)) }),
 *      allow: ['content-script', 'extension-page'],
 *    }),
 *    ```
 * 2. Implement it in `createHandlers` (src/background/handlers.ts): the `Handlers` type
 *    makes a missing handler a compile error, and the handler gets the parsed payload.
 * 3. Add a test under `test/unit/`, at the path of the module that answers it (as
 *    `test/unit/storage/cards.test.ts` does for `cards/for-entities`).
 *
 * Pure: valibot and types only (content scripts import it, and must not pull Dexie in).
 */
import * as v from 'valibot';
import type { EntityCard } from '../cards/types';
import type { ExportFile, ImportOutcome } from '../highlights/exchange';
import {
  HighlightDraft,
  HighlightId,
  HighlightPatch,
  HttpUrl,
  ImportRow,
  KbId,
  MAX_ITEMS,
  MAX_URL,
  Rev,
  type Highlight,
} from '../highlights/schema';
import type { WriteOutcome } from '../highlights/revisions';
import { gateInputChars, MAX_GATE_ASK_CHARS, MAX_GATE_PARAGRAPHS } from '../gate';
import { MAX_WALK_CHARS, MAX_WALK_PIECES, type Recognized } from '../match/walk-text';
import { NoteFrameEvent } from './note-frame';
import type { MessageSender } from './sender';

/**
 * Who sent a message, as established by the background from `sender` (never from the
 * payload):
 * - `extension-page`: a page of this extension (popup, options, reader), its URL under
 *   `browser.runtime.getURL('/')`;
 * - `content-script`: this extension's content script in a web page tab (`sender.tab`).
 * Anything else (other extensions, web pages, unknown contexts) is rejected.
 */
export type Caller = 'extension-page' | 'content-script';

declare const responseType: unique symbol;

export interface CallDef<S extends v.GenericSchema = v.GenericSchema, R = unknown> {
  request: S;
  allow: readonly Caller[];
  /** Compile-time only: the response's type. */
  readonly [responseType]?: R;
}

/** Declares a call whose handler resolves to `R`: `call<R>()({ request, allow })`. */
function call<R>() {
  return <S extends v.GenericSchema>(def: { request: S; allow: readonly Caller[] }): CallDef<S, R> => def;
}

/** The relevance gate's input (src/lib/gate.ts GateInput), as a content script sends it. */
const GateInputRequest = v.strictObject({
  headline: v.string(),
  lead: v.string(),
  paragraphs: v.pipe(v.array(v.string()), v.maxLength(MAX_GATE_PARAGRAPHS)),
});
const GATE_TOO_LONG = `the gate's input must hold at most ${MAX_GATE_ASK_CHARS} characters`;

export const protocol = {
  /**
   * Context cards for KB entities (the content script's popovers, the popup): one per
   * known id, in the order asked, repeats dropped; unknown ids are skipped.
   * Payload: `{ entityIds }`, at most 500 entity ids.
   */
  'cards/for-entities': call<EntityCard[]>()({
    request: v.strictObject({
      entityIds: v.pipe(v.array(KbId), v.maxLength(500)),
    }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * Opens the source reader (`reader.html`, see `src/lib/reader-url.ts`) in a new tab next
   * to the sender's: at a claim (`claimId`, its source implied), a source (`sourceId`),
   * an entity's claims (`entityId`), or the KB's index (empty payload). Used by the card's
   * claim links in content scripts; extension pages may open tabs themselves.
   * Payload: `{ sourceId?, claimId?, entityId? }`. Answers the new tab's id.
   */
  'reader/open': call<{ tabId: number | null }>()({
    request: v.strictObject({
      sourceId: v.optional(KbId),
      claimId: v.optional(
        v.pipe(v.string(), v.maxLength(240), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*#\d+$/, 'a claim id')),
      ),
      entityId: v.optional(KbId),
    }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * The quiet loader (loader.js, every page) found work: the background injects the awake
   * loader (loader-awake.js) into the sender's frame and resolves once it ran. Payload `{}`
   * (the reader selected text or pressed the shortcut): always. Payload `{ url, canonical,
   * gate }` (its prefilter found a name; `gate` is the relevance gate's input): only where
   * the page needs it — Glossa off, a site rule, saved highlights, or the gate says the
   * page is about the domain (src/lib/wake-verdict.ts); the gate runs here, warm, not in
   * the page. Answers `{ awake, about }`: whether it injected, and the gate's verdict
   * (null where the gate did not run), which the awake loader then takes.
   */
  'content/awake': call<{ awake: boolean; about: boolean | null }>()({
    request: v.union([
      v.strictObject({}),
      v.pipe(
        v.strictObject({
          url: HttpUrl,
          canonical: v.nullable(v.pipe(v.string(), v.maxLength(MAX_URL))),
          gate: GateInputRequest,
        }),
        v.check(({ gate }) => gateInputChars(gate) <= MAX_GATE_ASK_CHARS, GATE_TOO_LONG),
      ),
    ]),
    allow: ['content-script'],
  }),
  /**
   * The awake loader decides again (a new address, text arriving late, the settings
   * changed, no verdict from the quiet loader's ask): the relevance gate runs here, warm,
   * as for `content/awake`, so the awake loader does not carry the gate and its vocabulary.
   * Payload: `{ gate }`, the gate's input (at most MAX_GATE_ASK_CHARS: the loader cuts it,
   * `fitGateInput`). Answers whether the page is about the domain.
   */
  'content/gate': call<boolean>()({
    request: v.pipe(
      v.strictObject({ gate: GateInputRequest }),
      v.check(({ gate }) => gateInputChars(gate) <= MAX_GATE_ASK_CHARS, GATE_TOO_LONG),
    ),
    allow: ['content-script'],
  }),
  /**
   * The names in the text the main chunk's walk read of its page (src/lib/match/walk-text.ts):
   * the matcher runs here, warm, rather than cold in every article page, and the main chunk
   * does not carry it. Payload: one part of the walk's text (`WalkTextWire`, splitWire: the
   * texts joined, about PART_CHARS a part; all parts at most MAX_WALK_CHARS in
   * MAX_WALK_PIECES texts, checked with the last by fromWire), `walk` (the sender's name for
   * this walk), `part` (its number, from 0: a part missing fails the walk), `last`, and `about`, the
   * relevance gate's verdict (weak names count only on pages about the domain). Answers null
   * to a part before the last; to the last, the mentions (`Recognized`: entities with their
   * kinds, then (entity, start, end) triples).
   */
  'content/recognize': call<Recognized | null>()({
    request: v.pipe(
      v.strictObject({
        joined: v.pipe(v.string(), v.maxLength(MAX_WALK_CHARS)),
        lengths: v.pipe(v.array(v.number()), v.maxLength(MAX_WALK_PIECES)),
        starts: v.pipe(v.array(v.number()), v.maxLength(MAX_WALK_PIECES)),
        breaks: v.pipe(v.array(v.number()), v.maxLength(MAX_WALK_PIECES)),
        length: v.number(),
        english: v.boolean(),
        about: v.boolean(),
        walk: v.pipe(v.string(), v.regex(/^[a-z0-9]{1,32}$/, 'a walk name')),
        part: v.pipe(v.number(), v.integer(), v.minValue(0)),
        last: v.boolean(),
      }),
      v.check((p) => p.lengths.length === p.starts.length, 'as many lengths as offsets'),
    ),
    allow: ['content-script'],
  }),
  /**
   * The content loader found work on its page (marks, saved highlights, a selection, a
   * call from the popup): the background injects the main chunk into the sender's frame;
   * later the main chunk asks for the UI chunk the same way (`chunk: 'ui'`), and the awake
   * loader for loader.js where it has not run (`chunk: 'kit'`). Resolves once the chunk ran.
   * Payload: `{ chunk? }`.
   */
  'content/activate': call<null>()({
    request: v.strictObject({
      /**
       * `main` (default): content-main.js; `ui`: content-ui.js; `kit`: loader.js, whose
       * code the awake loader shares (src/content/loader/contract.ts, KIT_KEY).
       */
      chunk: v.optional(v.picklist(['main', 'ui', 'kit'])),
    }),
    allow: ['content-script'],
  }),
  // ---- highlights (src/background/highlights.ts). Content scripts live on hostile pages:
  // they may list their page's highlights, create one (with an empty note), re-attach one
  // and report anchoring — each only for URLs of their own frame's origin (scheme, host,
  // port). Editing notes and colors, deleting and restoring are for extension pages (the
  // note editor frame, popup, side panel, library); an extension page framed inside a web
  // page (note.html) is held to that page's origin too, when the browser names the tab's URL.
  /**
   * The page's highlights (not deleted), in page order. Who: content script (own origin),
   * extension page. Payload: `{ url }` (normalized). Answers the rows.
   */
  'highlights/list': call<Highlight[]>()({
    request: v.strictObject({ url: HttpUrl }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * One highlight by id, deleted or not, for the note editor (note.html reads it this way:
   * framed in a web page, its own IndexedDB may be partitioned). Who: extension page.
   * Payload: `{ id }`. Answers the row, or null when there is none (removed for good).
   */
  'highlights/get': call<Highlight | null>()({
    request: v.strictObject({ id: HighlightId }),
    allow: ['extension-page'],
  }),
  /**
   * Saves a new highlight, or re-attaches one (an existing id: only its selectors — quote,
   * position, scope, entityIds — are replaced; the note and color it carries are ignored,
   * and a highlight deleted in the library stays deleted: the answer is an error that says
   * so, "This highlight was deleted in the library…"). The background sets `rev`,
   * `created`, `updated`. Who: content script (own origin; a new highlight's note must be
   * empty), extension page. Payload: `{ annotation }` (a highlight without rev and times).
   * Answers the stored row.
   */
  'highlights/put': call<Highlight>()({
    request: v.strictObject({ annotation: HighlightDraft }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * Changes a highlight's note and/or color — compare-and-set: only if the row is still at
   * `baseRev`, the revision the editor started from. Payload: `{ id, baseRev, note?, color? }`.
   * Answers `{ status: 'saved', highlight }` (the row as now stored, `rev` = baseRev + 1)
   * or `{ status: 'conflict', current }`: nothing was written, `current` is the row as it
   * is now (edited, deleted or restored elsewhere) for the editor to show. A highlight
   * removed for good is an error. Who: extension page.
   */
  'highlights/update': call<WriteOutcome>()({
    request: HighlightPatch,
    allow: ['extension-page'],
  }),
  /**
   * Deletes a highlight softly (undo: `highlights/restore` with the answer's `rev`), if it
   * is still at `baseRev`. Payload: `{ id, baseRev }`. Answers like `highlights/update`
   * (already deleted at `baseRev`: `saved`, nothing written). Who: extension page.
   */
  'highlights/delete': call<WriteOutcome>()({
    request: v.strictObject({ id: HighlightId, baseRev: Rev }),
    allow: ['extension-page'],
  }),
  /**
   * Undoes a delete, if the row is still at `baseRev` (the revision the delete answered).
   * Who: extension page. Payload: `{ id, baseRev }`. Answers like `highlights/update`.
   */
  'highlights/restore': call<WriteOutcome>()({
    request: v.strictObject({ id: HighlightId, baseRev: Rev }),
    allow: ['extension-page'],
  }),
  /**
   * Removes deleted highlights for good (the library's "Empty"); live ones are never
   * touched. Who: extension page. Payload: `{ ids }`. Answers how many were removed.
   */
  'highlights/purge': call<{ removed: number }>()({
    request: v.strictObject({ ids: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)) }),
    allow: ['extension-page'],
  }),
  /**
   * Merges highlights by id in one transaction, all or nothing (the library validates the
   * file first with src/lib/highlights/import.ts). Who: extension page. Payload:
   * `{ items }` (whole rows; `rev` optional: a new row keeps the file's or gets 1, a
   * replaced row moves past both). Answers how many were added, updated, restored, kept.
   */
  'highlights/import': call<ImportOutcome>()({
    request: v.strictObject({ items: v.pipe(v.array(ImportRow), v.minLength(1), v.maxLength(MAX_ITEMS)) }),
    allow: ['extension-page'],
  }),
  /**
   * Every highlight as a file: W3C Web Annotation JSON-LD or Markdown. Who: extension page.
   * Payload: `{ format }`. Answers the file's name, type, text and count.
   */
  'highlights/export': call<ExportFile>()({
    request: v.strictObject({ format: v.picklist(['jsonld', 'markdown']) }),
    allow: ['extension-page'],
  }),
  /**
   * A page's anchoring outcome: which highlights were found and which are orphans (their
   * `orphaned` mark, shown by the popup and library). Who: content script (own origin).
   * Payload: `{ url, anchored, orphaned }`. Answers how many rows changed.
   */
  'highlights/anchor-report': call<{ changed: number }>()({
    request: v.strictObject({
      url: HttpUrl,
      anchored: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)),
      orphaned: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)),
    }),
    allow: ['content-script'],
  }),
  // ---- the note frame (src/background/note-frame.ts; contract: ./note-frame.ts)
  /**
   * The note editor framed in a page (note.html) tells that page's content script what
   * happened: the background forwards `{ type: 'note-frame/event', highlightId, event,
   * height? }` to the top frame of the sender's tab. Who: extension page — only note.html
   * framed inside a tab, about the highlight in its fragment. Payload: `{ highlightId,
   * event: 'close' | 'saved' | 'deleted' | 'resize', height? }` (height with resize only).
   * Answers whether a content script took it.
   */
  'note-frame/event': call<{ delivered: boolean }>()({
    request: NoteFrameEvent,
    allow: ['extension-page'],
  }),
} satisfies Record<string, CallDef>;

export type Protocol = typeof protocol;
export type CallType = keyof Protocol;
/** What the sender passes. */
export type RequestOf<K extends CallType> = v.InferInput<Protocol[K]['request']>;
/** What the handler receives (after validation and any valibot transforms). */
export type ParsedRequestOf<K extends CallType> = v.InferOutput<Protocol[K]['request']>;
export type ResponseOf<K extends CallType> = Protocol[K] extends CallDef<v.GenericSchema, infer R> ? R : never;

/** The wire format of a request. */
export interface Envelope<K extends CallType = CallType> {
  type: K;
  payload: RequestOf<K>;
}

export interface HandlerContext {
  caller: Caller;
  sender: MessageSender;
}

export type Handlers = {
  [K in CallType]: (payload: ParsedRequestOf<K>, context: HandlerContext) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

export function isCallType(type: string): type is CallType {
  return Object.hasOwn(protocol, type);
}

export { isResult, messageOf, reasonOf, type Result } from './result';
