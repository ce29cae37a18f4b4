/**
 * The calls INTO a tab's content script — the other direction from background-calls.ts —
 * and the state the content script pushes to the page views. One table, built like the
 * background's: every call is an entry with its payload schema (valibot; the content
 * script validates every message), its answer type and a doc comment; every answer is a
 * `Result`. Callers are the background (keyboard commands, the context menu, the note
 * frame's events) and the extension's pages (popup, side panel). The content script has
 * ONE router (src/content/loader/router.ts) that both of its controllers register into;
 * it answers only this extension (never a web page or another extension).
 *
 * State is pushed, not polled: a page view opens a port named `PAGE_PORT` to the tab
 * (`tabs.connect`) and receives a `PageSnapshot` at once and after every change.
 *
 * ## Adding a call
 * 1. Add an entry below, named `area/verb`, with a doc comment.
 * 2. Register its handler in the content script (`router.handle('area/verb', …)`); the
 *    `TabHandler` type checks payload and answer.
 * 3. Call it with `sendToTab(tabId, 'area/verb', payload)` (src/platform/messaging.ts).
 *
 * Pure: valibot and types only.
 */
import * as v from 'valibot';
import { ENTITY_COMMANDS } from '../commands';
import { HighlightId, KbId } from '../highlights/schema';
import { NoteFrameEvent } from './note-frame';
import type { Result } from './background-calls';
import type { PageSnapshot } from './tab-wire';

declare const answerType: unique symbol;

export interface TabCallDef<S extends v.GenericSchema = v.GenericSchema, R = unknown> {
  request: S;
  /** Compile-time only: the answer's type. */
  readonly [answerType]?: R;
}

function call<R>() {
  return <S extends v.GenericSchema>(def: { request: S }): TabCallDef<S, R> => def;
}

export type { AnchorState, PageActivity, PageSnapshot } from './tab-wire';

export const tabCalls = {
  /** The page's current snapshot (page views subscribe over `PAGE_PORT` instead). */
  'page/state': call<PageSnapshot>()({ request: v.strictObject({}) }),
  /**
   * "Annotate this page anyway": marks the page whatever the relevance gate or a site's
   * "never" rule says, until the reader leaves it. Answers the snapshot after the scan.
   */
  'page/annotate': call<PageSnapshot>()({ request: v.strictObject({}) }),
  /** Scrolls to an entity's first mention and opens its card (popup, side panel). */
  'page/reveal': call<{ revealed: boolean }>()({ request: v.strictObject({ entityId: KbId }) }),
  /** A keyboard command: move to the next / previous marked name and open its card. */
  'page/command': call<null>()({
    request: v.strictObject({ command: v.picklist(ENTITY_COMMANDS) }),
  }),
  /**
   * Highlights the page's selection (last colour) and opens its note editor; with the caret
   * in a highlight, opens that one's editor. From the keyboard command and the context menu.
   */
  'highlights/selection': call<null>()({
    request: v.strictObject({ source: v.picklist(['command', 'context-menu']) }),
  }),
  /** Scrolls to a highlight and flashes it; `edit` also opens its note editor. */
  'highlights/reveal': call<{ revealed: boolean }>()({
    request: v.strictObject({ id: HighlightId, edit: v.optional(v.boolean()) }),
  }),
  /** Moves an orphan to the page's current selection. */
  'highlights/reattach': call<null>()({ request: v.strictObject({ id: HighlightId }) }),
  /**
   * What the note editor (an extension page in a frame on this page) reports, relayed by
   * the background: the reader closed it, saved, deleted the highlight, or its content
   * is `height` px tall.
   */
  'note-frame/event': call<null>()({ request: NoteFrameEvent }),
} satisfies Record<string, TabCallDef>;

export type TabCalls = typeof tabCalls;
export type TabCallType = keyof TabCalls;
export type TabRequestOf<K extends TabCallType> = v.InferInput<TabCalls[K]['request']>;
export type TabParsedRequestOf<K extends TabCallType> = v.InferOutput<TabCalls[K]['request']>;
export type TabAnswerOf<K extends TabCallType> = TabCalls[K] extends TabCallDef<v.GenericSchema, infer R> ? R : never;

export type TabHandler<K extends TabCallType> = (
  payload: TabParsedRequestOf<K>,
) => TabAnswerOf<K> | Promise<TabAnswerOf<K>>;

/**
 * Checks a call's payload against its schema. The loader's router checks only the envelope
 * (it carries no validation library, being on every page); the main chunk installs this.
 */
export function parseTabPayload(type: TabCallType, payload: unknown): { payload: unknown } | { error: string } {
  if (!Object.hasOwn(tabCalls, type)) return { error: `Unknown tab call "${type}"` };
  const def: TabCallDef = tabCalls[type];
  const parsed = v.safeParse(def.request, payload);
  return parsed.success
    ? { payload: parsed.output }
    : { error: `Invalid payload for "${type}": ${parsed.issues[0].message}` };
}

/** The wire format of a call into a tab. */
export interface TabEnvelope<K extends TabCallType = TabCallType> {
  to: 'glossa-tab';
  type: K;
  payload: TabRequestOf<K>;
}

export { PAGE_PORT, readEnvelope, type PagePortMessage } from './tab-wire';
export type { Result };
