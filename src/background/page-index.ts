/**
 * Keeps the page index (format and hash: src/lib/highlights/page-index.ts) in
 * `browser.storage.local`, so the content loader on every page can tell, without waking
 * the background, whether the page has saved highlights.
 *
 * - After every write that changed which pages have highlights: a new highlight or a
 *   restore adds its page's hash (when the index is exactly one write behind); anything
 *   else — a delete (another page may share the hash), an import, a gap — rebuilds it from
 *   the database.
 * - At start-up: rebuilt when it is missing, unreadable, of another format, or at another
 *   generation than the database (a worker stopped between a write and its index update).
 *
 * Updates run one after another. Failures are logged, never thrown: the index is a hint,
 * and the loader treats a missing one as "maybe".
 */
import { browser } from 'wxt/browser';
import {
  buildPageIndex,
  PAGE_INDEX_KEY,
  parsePageIndex,
  withPages,
  type PageIndex,
} from '../lib/highlights/page-index';
import type { AppDB } from '../storage/db/app-db';
import { livePages, pagesGeneration, type HighlightChange } from '../storage/highlights';

export class PageIndexKeeper {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: AppDB) {}

  /** At start-up: rebuild unless the stored index is at the database's generation. */
  ensureFresh(): Promise<void> {
    return this.run(async () => {
      const [stored, generation] = await Promise.all([this.read(), pagesGeneration(this.db)]);
      if (stored === null || stored.generation !== generation) await this.rebuild();
    });
  }

  /** After a write (the handlers' `onChange`). */
  apply(change: HighlightChange): Promise<void> {
    const generation = change.pages;
    if (generation === undefined) return Promise.resolve();
    return this.run(async () => {
      const stored = await this.read();
      if (stored !== null && stored.generation >= generation) return; // a rebuild already covered it
      if (stored !== null && stored.generation === generation - 1 && change.removed.length === 0) {
        await this.write(
          withPages(
            stored,
            change.saved.map((h) => h.url),
            generation,
          ),
        );
        return;
      }
      await this.rebuild();
    });
  }

  /** Resolves once every update asked for so far has run. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** The index from the database as it is now. */
  async rebuild(): Promise<PageIndex> {
    const { urls, generation } = await livePages(this.db);
    const index = buildPageIndex(urls, generation);
    await this.write(index);
    return index;
  }

  private async read(): Promise<PageIndex | null> {
    const stored = await browser.storage.local.get(PAGE_INDEX_KEY);
    return parsePageIndex(stored[PAGE_INDEX_KEY]);
  }

  private write(index: PageIndex): Promise<void> {
    return browser.storage.local.set({ [PAGE_INDEX_KEY]: index });
  }

  private run(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => {
      console.warn('Glossa: could not update the index of pages with highlights', error);
    });
    this.queue = next;
    return next;
  }
}
