/**
 * What the content script of the described tab says, kept current without polling: the
 * view subscribes to the tab's snapshots over a port (`connection.watch`, the tab
 * protocol's `PAGE_PORT`), which the content script pushes at once and after every
 * change. When the port closes (the tab navigated or reloaded) it subscribes again; when
 * no content script answers at all it tries a few times (a tab still loading) and then
 * says the page is unreachable. The side panel also follows the active tab.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageConnection, PageState, TabInfo } from './connection';

export type PageProbe =
  | { kind: 'pending' }
  | { kind: 'no-tab' }
  /** No content script answered: a page Glossa cannot run on, or one loaded before it was. */
  | { kind: 'unreachable'; tab: TabInfo }
  | { kind: 'ready'; tab: TabInfo; state: PageState };

export interface ProbeTiming {
  /** Wait before subscribing again when no content script answered or the port closed. */
  retryMs: number;
  /** Attempts when no content script answered and the tab is still loading / is loaded. */
  loadingAttempts: number;
  idleAttempts: number;
}

export const PROBE_TIMING: ProbeTiming = {
  retryMs: 400,
  loadingAttempts: 25,
  idleAttempts: 2,
};

export interface PageProbeApi {
  probe: PageProbe;
  /** Subscribe again (re-reading which tab when `newTab`). */
  refresh(options?: { newTab?: boolean }): void;
  /** Take a state the content script just answered (e.g. to `page/annotate`). */
  accept(state: PageState): void;
}

function same(a: PageProbe, b: PageProbe): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function usePageProbe(connection: PageConnection, timing: ProbeTiming = PROBE_TIMING): PageProbeApi {
  const [probe, setProbe] = useState<PageProbe>({ kind: 'pending' });
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unwatch = useRef<(() => void) | null>(null);
  const tabRef = useRef<TabInfo | null>(null);

  const update = useCallback((next: PageProbe) => setProbe((prev) => (same(prev, next) ? prev : next)), []);

  const run = useCallback(
    async (attempt: number, newTab: boolean): Promise<void> => {
      const mine = ++generation.current;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      unwatch.current?.();
      unwatch.current = null;
      let tab = tabRef.current;
      if (newTab || tab === null) {
        tab = await connection.currentTab().catch(() => null);
        if (mine !== generation.current) return;
        tabRef.current = tab;
      }
      if (tab === null) {
        update({ kind: 'no-tab' });
        return;
      }
      const current = tab;
      let answered = false;
      unwatch.current = connection.watch(
        current.id,
        (state) => {
          if (mine !== generation.current) return;
          answered = true;
          update({ kind: 'ready', tab: withPageUrl(current, state), state });
        },
        () => {
          if (mine !== generation.current) return;
          const retry = (next: number, fresh: boolean) => {
            timer.current = setTimeout(() => void run(next, fresh), timing.retryMs);
          };
          // The page went away (navigation, reload): its next content script will answer.
          if (answered) return retry(0, true);
          const attempts = current.status === 'loading' ? timing.loadingAttempts : timing.idleAttempts;
          if (attempt + 1 < attempts) return retry(attempt + 1, true);
          update({ kind: 'unreachable', tab: current });
        },
      );
    },
    [connection, timing, update],
  );

  useEffect(() => {
    void run(0, true);
    const unwatchTab = connection.watchTab?.(() => void run(0, true));
    return () => {
      generation.current++;
      if (timer.current !== null) clearTimeout(timer.current);
      unwatch.current?.();
      unwatchTab?.();
    };
  }, [connection, run]);

  const refresh = useCallback((options: { newTab?: boolean } = {}) => void run(0, options.newTab ?? false), [run]);

  const accept = useCallback(
    (state: PageState) => {
      const tab = tabRef.current;
      if (tab) update({ kind: 'ready', tab: withPageUrl(tab, state), state });
    },
    [update],
  );

  return { probe, refresh, accept };
}

/**
 * The page's address comes from the content script when the browser does not tell
 * the popup (it needs no "tabs" or "activeTab" permission that way).
 */
function withPageUrl(tab: TabInfo, state: PageState): TabInfo {
  return tab.url !== null ? tab : { ...tab, url: state.url ?? null };
}
