/**
 * How the page view (popup, side panel) reaches the tab it describes: which tab, its
 * content script's state, and the few things it can ask of it. `PageView` takes this as
 * a prop so unit tests pass a fake; `browserConnection` is the real one.
 *
 * ## Test seam: `?tab=<tabId>`
 * `popup.html?tab=123` and `sidepanel.html?tab=123` describe tab 123 instead of the
 * active tab. End-to-end tests open the popup as an ordinary tab (a browser cannot be
 * made to open a real toolbar popup headless), where "the active tab" would be the popup
 * itself. With `?tab=` the popup does not close itself after revealing an entity (it is
 * not a popup then). Nothing else changes.
 */
import { browser, type Browser } from 'wxt/browser';
import { PAGE_PORT, type PagePortMessage, type PageSnapshot } from '../../lib/protocol/tab-calls';
import { sendToTab } from '../../platform/messaging';
import { wakeTab } from '../../platform/wake-tab';
import { pageTab, type PageTab } from '../highlights/PageHighlights';
import { READER_PAGE, readerQuery, type ReaderTarget } from '../../lib/reader-url';

export interface TabInfo {
  id: number;
  windowId: number | null;
  /** Known only where the browser tells the extension (see `url` in the README's permissions note). */
  url: string | null;
  title: string | null;
  /** `loading` while the tab loads (its content script may not be there yet). */
  status: string | null;
}

export type PageViewMode = 'popup' | 'sidepanel';

/** What the page view reads of a tab's snapshot (src/lib/protocol/tab-calls.ts). */
export type PageState = Pick<PageSnapshot, 'state' | 'reason' | 'entities'> &
  Partial<Pick<PageSnapshot, 'url' | 'highlights'>>;

async function unwrap<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export interface PageConnection {
  readonly mode: PageViewMode;
  /** The tab to describe; null when there is none. */
  currentTab(): Promise<TabInfo | null>;
  /** Calls `onChange` when the tab to describe may have changed or reloaded (side panel). */
  watchTab?(onChange: () => void): () => void;
  /**
   * Subscribe to the tab's snapshots (pushed at once and after every change);
   * `onGone` when the port closes or no content script answers. Returns the unsubscribe.
   */
  watch(tabId: number, onState: (state: PageState) => void, onGone: () => void): () => void;
  /** The content script's state, once; rejects when no content script answers in that tab. */
  pageState(tabId: number): Promise<PageState>;
  /** "Annotate this page anyway"; resolves to the new state. */
  annotate(tabId: number): Promise<PageState>;
  /** Scroll the tab to the entity's first mention and open its card. */
  reveal(tabId: number, entityId: string): Promise<boolean>;
  /** What the page's highlights list asks of the tab. */
  highlightsTab(tabId: number): PageTab;
  /** Open the source reader (a new tab). */
  openReader(target: ReaderTarget): Promise<void>;
  /** Open the options page. */
  openOptions(): Promise<void>;
  /**
   * Open the side panel (Chrome) or sidebar (Firefox) for the tab's window. Synchronous on
   * purpose: browsers allow it only in direct response to a click. Absent where the browser
   * has neither.
   */
  openSidePanel?: (tab: TabInfo | null) => void;
  /** After an entity was revealed: get out of the way (the popup closes itself). */
  done(): void;
}

function toTabInfo(tab: Browser.tabs.Tab | undefined): TabInfo | null {
  if (!tab || tab.id === undefined || tab.id < 0) return null;
  return {
    id: tab.id,
    windowId: tab.windowId ?? null,
    url: tab.url ?? null,
    title: tab.title ?? null,
    status: tab.status ?? null,
  };
}

/** The `?tab=` override of the page's own address (see the module doc), or null. */
export function tabOverride(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

interface SidePanelApis {
  sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

function sidePanelOpener(close: () => void): PageConnection['openSidePanel'] {
  const apis = browser as unknown as SidePanelApis;
  if (apis.sidePanel?.open) {
    const sidePanel = apis.sidePanel;
    return (tab) => {
      const target = tab?.windowId != null ? { windowId: tab.windowId } : tab ? { tabId: tab.id } : null;
      if (!target) return;
      sidePanel.open(target).then(close, (e: unknown) => console.error('Glossa: could not open the side panel', e));
    };
  }
  if (apis.sidebarAction?.open) {
    const sidebar = apis.sidebarAction;
    return () => {
      sidebar.open().then(close, (e: unknown) => console.error('Glossa: could not open the sidebar', e));
    };
  }
  return undefined;
}

/**
 * The real connection, through `browser.tabs`. In the popup the tab is the active tab of
 * the popup's window; in the side panel, the active tab of its window, followed as the
 * reader switches tabs or the tab navigates.
 */
export function browserConnection(mode: PageViewMode, location: { search: string } = window.location): PageConnection {
  const override = tabOverride(location.search);
  const close = () => {
    if (mode === 'popup' && override === null) window.close();
  };
  const connection: PageConnection = {
    mode,
    async currentTab() {
      if (override !== null) return toTabInfo(await browser.tabs.get(override).catch(() => undefined));
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return toTabInfo(tab);
    },
    watch(tabId, onState, onGone) {
      let port: Browser.runtime.Port | null = null;
      let open = true;
      // A quiet page's loader listens to nothing until woken (src/content/loader/loader.ts).
      void wakeTab(tabId).then(() => {
        if (!open) return;
        try {
          port = browser.tabs.connect(tabId, { name: PAGE_PORT });
        } catch {
          open = false;
          onGone();
          return;
        }
        port.onMessage.addListener((message: unknown) => {
          const m = message as PagePortMessage | null;
          if (open && m?.type === 'snapshot') onState(m.snapshot);
        });
        port.onDisconnect.addListener(() => {
          if (!open) return;
          open = false;
          onGone();
        });
      });
      return () => {
        open = false;
        port?.disconnect();
      };
    },
    pageState: (tabId) => unwrap(sendToTab(tabId, 'page/state', {})),
    annotate: (tabId) => unwrap(sendToTab(tabId, 'page/annotate', {})),
    async reveal(tabId, entityId) {
      const answer = await unwrap(sendToTab(tabId, 'page/reveal', { entityId }));
      return answer.revealed;
    },
    highlightsTab: pageTab,
    async openReader(target) {
      await browser.tabs.create({ url: browser.runtime.getURL(READER_PAGE) + readerQuery(target) });
      close();
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
      close();
    },
    openSidePanel: mode === 'popup' ? sidePanelOpener(close) : undefined,
    done: close,
  };
  if (mode === 'sidepanel' && override === null) {
    connection.watchTab = (onChange) => {
      let windowId: number | undefined;
      void browser.windows
        .getCurrent()
        .then((w) => (windowId = w.id))
        .catch(() => undefined);
      const activated = (info: { windowId: number }) => {
        if (windowId === undefined || info.windowId === windowId) onChange();
      };
      const updated = (_id: number, change: { status?: string; url?: string }, tab: Browser.tabs.Tab) => {
        if (!tab.active || (windowId !== undefined && tab.windowId !== windowId)) return;
        if (change.status !== undefined || change.url !== undefined) onChange();
      };
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      return () => {
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
      };
    };
  } else if (mode === 'sidepanel') {
    connection.watchTab = (onChange) => {
      const updated = (id: number, change: { status?: string; url?: string }) => {
        if (id === override && (change.status !== undefined || change.url !== undefined)) onChange();
      };
      browser.tabs.onUpdated.addListener(updated);
      return () => browser.tabs.onUpdated.removeListener(updated);
    };
  }
  return connection;
}
