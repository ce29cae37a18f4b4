/**
 * Glossa's marks and cards on its own source reader (an extension page, where content
 * scripts do not run): the entity controller on the reader's document, always active (no
 * relevance gate or site rule applies to Glossa's own page), and a router so that the
 * popup over the reader can list its entities and reveal them, as on any page.
 */
import { markCss, markNames, READER_MARK_PREFIX } from '../lib/mark-styles';
import type { PageSnapshot } from '../lib/protocol/tab-calls';
import { parseTabPayload } from '../lib/protocol/tab-calls';
import type { ReaderTarget } from '../lib/reader-url';
import { parseSettings, type Settings } from '../lib/settings';
import { rawBrowser } from '../platform/raw-browser';
import { loadSettings, watchSettings } from '../platform/settings';
import { EntitiesController } from './entities/controller';
import { shippedRecognizer, type ShippedMatchData } from '../lib/match/shipped';
import { preactCards } from './entities/card-view';
import { TabRouter } from './loader/router';
import { UiHost } from './ui/host';

export async function startReaderMarks(
  win: Window,
  matchData: ShippedMatchData,
  openReader: (target: ReaderTarget) => void,
): Promise<void> {
  const doc = win.document;
  const names = markNames(READER_MARK_PREFIX);
  const style = doc.createElement('style');
  style.textContent = markCss(names);
  doc.head.append(style);
  const abort = new AbortController();
  win.addEventListener('pagehide', () => abort.abort(), { once: true });
  let router: TabRouter | null = null;
  const ui = new UiHost(doc, abort.signal);
  // An extension page: the reader recognizes its own text (no background round trip).
  const recognize = shippedRecognizer(matchData);
  const controller = new EntitiesController(win, abort.signal, {
    recognize: async (text, ctx) => recognize(text, ctx),
    markNames: names,
    cards: (events) => preactCards(ui, events),
    openReader,
    onChange: () => router?.push(),
  });
  const api = rawBrowser();
  if (api) {
    const snapshot = (): PageSnapshot => ({
      url: win.location.href,
      title: doc.title,
      ...controller.snapshot(),
      highlights: { url: win.location.href, hasSelection: false, items: [] },
    });
    router = new TabRouter(api, snapshot);
    router.setValidator(parseTabPayload);
    router.handle('page/state', snapshot);
    router.handle('page/reveal', ({ entityId }) => controller.revealEntity(entityId));
    router.handle('page/command', ({ command }) => {
      controller.command(command);
      return null;
    });
    router.start();
    abort.signal.addEventListener('abort', () => router?.stop(), { once: true });
  }
  const apply = (settings: Settings) =>
    controller.update({
      settings,
      url: win.location.href,
      marks: { active: true, reason: 'forced' },
      highlights: false,
      gateAbout: true,
    });
  watchSettings((s) => void apply(s));
  await apply(await loadSettings().catch(() => parseSettings(undefined)));
}
