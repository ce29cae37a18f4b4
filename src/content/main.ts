/**
 * The main chunk: what Glossa does on a page that has work for it (marks, saved
 * highlights, a selection to highlight). Injected by the background into the frame whose
 * loader asked for it (src/content/loader/), it takes the loader's handle, starts the two
 * controllers with the loader's decision over one UI host, and registers their calls
 * into the loader's router.
 */
import { markNames } from '../lib/mark-styles';
import { parseTabPayload, type PageSnapshot } from '../lib/protocol/tab-calls';
import type { MatchData } from './entities/controller';
import { EntitiesController } from './entities/controller';
import { HighlightsController } from './highlights/controller';
import type { LoaderHandle, MainApi, PageDecision } from './loader/contract';
import { UiHost } from './ui/host';

/** The note editor page (src/entrypoints/note/). */
export const NOTE_PAGE = '/note.html';

export function startMain(handle: LoaderHandle, matchData: MatchData, win: Window = window): MainApi {
  const abort = new AbortController();
  const { router, api } = handle;
  let decision: PageDecision = handle.decision();
  const push = () => router.push();
  const ui = new UiHost(win.document, abort.signal);

  const entities = new EntitiesController(win, matchData, abort.signal, {
    markNames: markNames(handle.markPrefix),
    ui,
    onChange: push,
  });

  // The reader's highlights run where Glossa is on and the site not set to "never"; made
  // (again) when that becomes true, stopped when it stops being so.
  let highlights: { controller: HighlightsController; abort: AbortController } | null = null;
  const startHighlights = async (): Promise<void> => {
    const own = new AbortController();
    abort.signal.addEventListener('abort', () => own.abort(), { once: true });
    const controller = new HighlightsController(win, matchData.compiled, own.signal, {
      ui,
      editorUrl: (id) => `${api.runtime.getURL(NOTE_PAGE)}#id=${encodeURIComponent(id)}`,
      gateAbout: () => decision.gateAbout,
      onChange: push,
    });
    highlights = { controller, abort: own };
    await controller.start();
  };

  const snapshot = (): PageSnapshot => ({
    url: decision.url,
    title: win.document.title,
    ...entities.snapshot(),
    highlights: highlights?.controller.snapshot() ?? { url: decision.url, hasSelection: false, items: [] },
  });

  const needHighlights = () => {
    if (!highlights) throw new Error('Highlights are switched off on this page.');
    return highlights.controller;
  };
  router.handle('page/reveal', ({ entityId }) => entities.revealEntity(entityId));
  router.handle('page/command', ({ command }) => {
    entities.command(command);
    return null;
  });
  router.handle('highlights/selection', async () => (highlights ? highlights.controller.fromCommand() : null));
  router.handle(
    'highlights/reveal',
    ({ id, edit }) => highlights?.controller.reveal(id, edit ?? false) ?? { revealed: false },
  );
  router.handle('highlights/reattach', ({ id }) => needHighlights().reattachToSelection(id));
  router.handle('note-frame/event', (e) => highlights?.controller.noteFrameEvent(e) ?? null);
  router.handle('page/state', async () => {
    await highlights?.controller.settled();
    return snapshot();
  });
  router.setValidator(parseTabPayload);
  router.setSnapshot(snapshot);

  const apply = async (next: PageDecision): Promise<void> => {
    const urlChanged = next.url !== decision.url;
    decision = next;
    let highlightsDone: Promise<void> = Promise.resolve();
    if (next.highlights && !highlights) highlightsDone = startHighlights();
    else if (!next.highlights && highlights) {
      highlights.abort.abort();
      highlights = null;
    } else if (urlChanged && highlights) highlights.controller.onLocationChange();
    await Promise.all([highlightsDone, entities.update(next)]);
    push();
  };

  const ready = apply(decision);
  return {
    ready,
    update: apply,
    selectionMade: () => highlights?.controller.selectionMade(),
    highlightShortcut: () => void highlights?.controller.fromCommand(),
    stop: () => abort.abort(),
  };
}
