/**
 * The background's implementation of every call in src/lib/protocol/background-calls.ts. The `Handlers`
 * type lists them all, so a call added to the protocol without a handler does not compile.
 */
import { loadCards } from '../storage/cards';
import type { AppDB } from '../storage/db/app-db';
import { createHighlightHandlers } from './highlights';
import type { Handlers } from '../lib/protocol/background-calls';
import { activateContent } from './activate';
import { openReader } from './reader';

export function createHandlers(db: AppDB): Handlers {
  return {
    ...createHighlightHandlers(db),
    'cards/for-entities': ({ entityIds }) => loadCards(db, entityIds),
    'content/activate': ({ markPrefix }, { sender }) => activateContent(markPrefix, sender),
    'reader/open': (target, { sender }) => openReader(target, sender.tab),
  };
}
