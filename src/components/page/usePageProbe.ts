/**
 * What the content script of the described tab says, kept current: asked once on open,
 * again every `settleMs` while the page is being read (`starting`, `scanning`) or for a
 * while after the reader changed something (`refresh({ burst: true })`), and — in the side
 * panel, which stays open while reading — every `watchMs` and whenever the active tab
 * changes or reloads.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageState } from '../../components/page/connection';
import type { PageConnection, TabInfo } from './connection';

export type PageProbe =
  | { kind: 'pending' }
  | { kind: 'no-tab' }
  /** No content script answered: a page Glossa cannot run on, or one loaded before it was. */
  | { kind: 'unreachable'; tab: TabInfo }
  | { kind: 'ready'; tab: TabInfo; state: PageState };

export interface ProbeTiming {
  /** Re-ask interval while the page is being read or after a change. */
  settleMs: number;
  /** Wait before asking again when no content script answered. */
  retryMs: number;
  /** Attempts when no content script answered and the tab is still loading / is loaded. */
  loadingAttempts: number;
  idleAttempts: number;
  /** Side panel: re-ask interval while it stays open. */
  watchMs: number;
  /** How long `refresh({ burst: true })` keeps asking every `settleMs`. */
  burstMs: number;
}

export const PROBE_TIMING: ProbeTiming = {
  settleMs: 250,
  retryMs: 400,
  loadingAttempts: 25,
  idleAttempts: 2,
  watchMs: 2500,
  burstMs: 3000,
};

export interface PageProbeApi {
  probe: PageProbe;
  /** Ask again (re-reading which tab when `newTab`); `burst` keeps asking for a while. */
  refresh(options?: { burst?: boolean; newTab?: boolean }): void;
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
  const burstUntil = useRef(0);
  const tabRef = useRef<TabInfo | null>(null);

  const update = useCallback((next: PageProbe) => setProbe((prev) => (same(prev, next) ? prev : next)), []);

  const run = useCallback(
    async (attempt: number, newTab: boolean): Promise<void> => {
      const mine = ++generation.current;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      const later = (fn: () => void, ms: number) => {
        if (mine === generation.current) timer.current = setTimeout(fn, ms);
      };
      let tab = tabRef.current;
      if (newTab || tab === null) {
        tab = await connection.currentTab().catch(() => null);
        if (mine !== generation.current) return;
        tabRef.current = tab;
      }
      if (tab === null) {
        update({ kind: 'no-tab' });
        if (connection.mode === 'sidepanel') later(() => void run(0, true), timing.watchMs);
        return;
      }
      try {
        const state = await connection.pageState(tab.id);
        if (mine !== generation.current) return;
        update({ kind: 'ready', tab: withPageUrl(tab, state), state });
        const settling = state.state === 'starting' || state.state === 'scanning';
        if (settling || Date.now() < burstUntil.current) later(() => void run(0, false), timing.settleMs);
        else if (connection.mode === 'sidepanel') later(() => void run(0, false), timing.watchMs);
      } catch {
        if (mine !== generation.current) return;
        const attempts = tab.status === 'loading' ? timing.loadingAttempts : timing.idleAttempts;
        if (attempt + 1 < attempts) {
          later(() => void run(attempt + 1, true), timing.retryMs);
          return;
        }
        update({ kind: 'unreachable', tab });
        if (connection.mode === 'sidepanel') later(() => void run(0, true), timing.watchMs);
      }
    },
    [connection, timing, update],
  );

  useEffect(() => {
    void run(0, true);
    const unwatch = connection.watchTab?.(() => void run(0, true));
    return () => {
      generation.current++;
      if (timer.current !== null) clearTimeout(timer.current);
      unwatch?.();
    };
  }, [connection, run]);

  const refresh = useCallback(
    (options: { burst?: boolean; newTab?: boolean } = {}) => {
      if (options.burst) burstUntil.current = Date.now() + timing.burstMs;
      void run(0, options.newTab ?? false);
    },
    [run, timing],
  );

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
