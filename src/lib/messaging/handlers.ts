/**
 * The background's implementation of every call in `src/lib/protocol.ts`. The `Handlers`
 * type lists them all, so a call added to the protocol without a handler does not compile.
 */
import { loadCards } from '../cards/load';
import type { AppDB } from '../db/app-db';
import { readKbStatus } from '../db/status';
import { createHighlightHandlers } from '../highlights/handlers';
import type { Handlers } from '../protocol';
import { openReader } from './reader';

export function createHandlers(db: AppDB): Handlers {
  return {
    ...createHighlightHandlers(db),
    'kb/status': () => readKbStatus(db),
    'cards/for-entities': ({ entityIds }) => loadCards(db, entityIds),
    'reader/open': (target, { sender }) => openReader(target, sender.tab),
  };
}
