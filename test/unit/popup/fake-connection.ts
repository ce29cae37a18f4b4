/** A `PageConnection` for tests: a tab, a content-script state, and a record of calls. */
import { vi } from 'vitest';
import type { PageConnection, PageViewMode, TabInfo } from '../../../src/components/page/connection';
import type { PageState } from '../../../src/components/page/connection';
import type { ReaderTarget } from '../../../src/lib/reader-url';
import type { ProbeTiming } from '../../../src/components/page/usePageProbe';

export interface FakeConnection extends PageConnection {
  tab: TabInfo | null;
  /**
   * What the tab's content script says; an Error means none answers. Setting it pushes the
   * new state to the subscribed views (or closes their ports), as the content script does.
   */
  state: PageState | Error;
  /** What `page/annotate` turns the state into. */
  annotated: PageState;
  reveal: ReturnType<typeof vi.fn<(tabId: number, entityId: string) => Promise<boolean>>>;
  openReader: ReturnType<typeof vi.fn<(target: ReaderTarget) => Promise<void>>>;
  done: ReturnType<typeof vi.fn<() => void>>;
  stateCalls: number;
  /** Fire the side panel's "tab changed". */
  changeTab(tab: TabInfo | null): void;
}

export const TAB: TabInfo = {
  id: 42,
  windowId: 1,
  url: 'https://news.example/2025/syria-russia',
  title: 'Al-Sharaa in Moscow',
  status: 'complete',
};

export const FAST: ProbeTiming = {
  retryMs: 5,
  loadingAttempts: 3,
  idleAttempts: 2,
};

export const ACTIVE: PageState = {
  state: 'active',
  reason: 'gate-about',
  entities: [
    { id: 'syria', count: 2, first: 0.1 },
    { id: 'ahmed-al-sharaa', count: 3, first: 0 },
    { id: 'vladimir-putin', count: 1, first: 0.3 },
    { id: 'moscow', count: 1, first: 0.2 },
  ],
};

export function fakeConnection(
  init: Partial<Pick<FakeConnection, 'tab' | 'state' | 'annotated'>> & {
    mode?: PageViewMode;
    sidePanel?: boolean;
  } = {},
): FakeConnection {
  let onTab: (() => void) | null = null;
  let state: PageState | Error = init.state ?? ACTIVE;
  const watchers = new Set<{ onState: (s: PageState) => void; onGone: () => void }>();
  const deliver = (w: { onState: (s: PageState) => void; onGone: () => void }) => {
    if (state instanceof Error) {
      watchers.delete(w);
      w.onGone();
    } else w.onState(state);
  };
  const c: FakeConnection = {
    mode: init.mode ?? 'popup',
    tab: init.tab === undefined ? TAB : init.tab,
    get state() {
      return state;
    },
    set state(next) {
      state = next;
      for (const w of [...watchers]) setTimeout(() => deliver(w), 0);
    },
    annotated: init.annotated ?? { ...ACTIVE, reason: 'page-override' },
    stateCalls: 0,
    currentTab: async () => c.tab,
    watch(_tabId, onState, onGone) {
      c.stateCalls++;
      const w = { onState, onGone };
      watchers.add(w);
      setTimeout(() => deliver(w), 0);
      return () => watchers.delete(w);
    },
    async pageState() {
      c.stateCalls++;
      if (c.state instanceof Error) throw c.state;
      return c.state;
    },
    async annotate() {
      c.state = c.annotated;
      return c.annotated;
    },
    reveal: vi.fn(async () => true),
    highlightsTab: () => ({ reveal: vi.fn(async () => true), reattach: vi.fn(async () => null) }),
    openReader: vi.fn(async () => undefined),
    openOptions: async () => undefined,
    done: vi.fn(() => undefined),
    changeTab(tab) {
      c.tab = tab;
      onTab?.();
    },
  };
  if (init.sidePanel) c.openSidePanel = vi.fn(() => undefined);
  if (c.mode === 'sidepanel') {
    c.watchTab = (cb) => {
      onTab = cb;
      return () => (onTab = null);
    };
  }
  return c;
}
