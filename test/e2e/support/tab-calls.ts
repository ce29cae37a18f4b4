/**
 * The two calls the recognition tests make to a page's content script from the extension,
 * as the page views make them: `page/state` (what it says about its page) and waking it
 * (src/platform/wake-tab.ts: the awake loader injected into the top frame). Each browser's
 * harness reaches the extension its own way: Chromium's service worker, Firefox's helper
 * extension page (opened, and made active, on first use: opened first here).
 */
import type { Page as PwPage } from 'playwright-core';
import type { Page as PptrPage } from 'puppeteer-core';
import type { ChromiumHarness } from './chromium';
import type { FirefoxHarness } from './firefox';
import { pageStateFrom, type PageState } from './recognition';

export interface TabCalls<P> {
  /** `page/state` from the content script of `page` (made the active tab). */
  pageState(page: P): Promise<PageState>;
  /** Wakes the content script of `page` as the page views do. */
  wake(page: P): Promise<void>;
}

/** For tabs of the Chromium harness `h()` (read at each call: made in `beforeAll`). */
export function chromiumTabCalls(h: () => ChromiumHarness): TabCalls<PwPage> {
  return {
    async pageState(page) {
      await page.bringToFront();
      const state = await h().evaluateInWorker(async () => {
        const chrome = (globalThis as any).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        if (!tab) throw new Error('no active tab');
        return chrome.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} });
      }, null);
      return pageStateFrom(state);
    },
    async wake(page) {
      await page.bringToFront();
      await h().evaluateInWorker(async () => {
        const chrome = (globalThis as any).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        if (!tab) throw new Error('no active tab');
        await chrome.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: ['loader-awake.js'] });
      }, null);
    },
  };
}

/** For tabs of the Firefox harness `h()` (read at each call: made in `beforeAll`). */
export function firefoxTabCalls(h: () => FirefoxHarness): TabCalls<PptrPage> {
  return {
    async pageState(page) {
      await h().evaluateInExtension(() => null, null);
      await page.bringToFront();
      const state = await h().evaluateInExtension(async () => {
        const browser = (globalThis as any).browser;
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (!tab) throw new Error('no active tab');
        return browser.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} });
      }, null);
      return pageStateFrom(state);
    },
    async wake(page) {
      await h().evaluateInExtension(() => null, null);
      await page.bringToFront();
      await h().evaluateInExtension(async () => {
        const browser = (globalThis as any).browser;
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (!tab) throw new Error('no active tab');
        await browser.tabs.executeScript(tab.id, { file: '/loader-awake.js', frameId: 0 });
      }, null);
    },
  };
}
