/**
 * `wxt/browser` for the content script's main chunk: the browser's own extension API
 * (Firefox's `browser`, Chrome MV3's promise-based `chrome`) instead of
 * webextension-polyfill, which every article page would otherwise parse and run (3 KB
 * gzipped, ~0.5 ms of compilation per page, measured by `npm run bench`). wxt.config.ts
 * aliases `wxt/browser` to this module for that chunk only; the chunk uses nothing the two
 * browsers differ on (runtime messaging and ports, storage.local, getURL).
 */
import { rawBrowser } from './raw-browser';

type Api = typeof import('wxt/browser').browser;

// Not `globalThis.browser?.runtime?.id` (what wxt/browser does): in Chrome's isolated world
// the page's elements answer for `browser` (raw-browser.ts, isApi).
export const browser: Api = (rawBrowser() ?? (globalThis as unknown as { chrome?: unknown }).chrome) as Api;
export type { Browser } from 'wxt/browser';
