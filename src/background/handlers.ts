/**
 * The background's implementation of every call in src/lib/protocol/background-calls.ts. The `Handlers`
 * type lists them all, so a call added to the protocol without a handler does not compile.
 */
import { loadCards } from '../storage/cards';
import type { AppDB } from '../storage/db/app-db';
import { createHighlightHandlers, type HighlightHandlerOptions } from './highlights';
import type { Handlers } from '../lib/protocol/background-calls';
import { activateContent, awakeContent, gateVerdict } from './activate';
import { openReader } from './reader';
import { recognizeWalkPart } from './recognize';
import { forwardNoteFrameEvent } from './note-frame';

export function createHandlers(db: AppDB, highlights: HighlightHandlerOptions = {}): Handlers {
  return {
    ...createHighlightHandlers(db, highlights),
    'cards/for-entities': ({ entityIds }) => loadCards(db, entityIds),
    'content/activate': ({ chunk }, { sender }) => activateContent(sender, chunk ?? 'main'),
    'content/awake': (ask, { sender }) => awakeContent('gate' in ask ? ask : null, sender),
    'content/gate': ({ gate }) => gateVerdict(gate),
    'content/recognize': (part, { sender }) => recognizeWalkPart(part, sender),
    'reader/open': (target, { sender }) => openReader(target, sender.tab),
    'note-frame/event': (event, { sender }) => forwardNoteFrameEvent(event, sender),
  };
}
