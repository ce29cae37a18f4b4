/**
 * rawBrowser (src/platform/raw-browser.ts) on a hostile page: in Chrome's isolated world an
 * undefined global such as `browser` resolves to the page's elements by id or name.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { rawBrowser } from '../../../src/platform/raw-browser';

const g = globalThis as Record<string, unknown>;
const saved = { browser: g['browser'], chrome: g['chrome'] };
afterEach(() => {
  g['browser'] = saved.browser;
  g['chrome'] = saved.chrome;
});

const chrome = { runtime: { id: 'glossa', sendMessage: async () => null } };

describe('rawBrowser', () => {
  it('takes no page element for the extension API; the real one wins', () => {
    const { document } = parseHTML(`<html><body>
      <form id="browser"><input name="runtime" id="x"><input name="sendMessage"></form>
      <form id="browser" name="runtime"></form></body></html>`);
    g['chrome'] = chrome;
    // What the window's named properties give: one element, or a collection of them.
    g['browser'] = document.getElementById('browser');
    expect(rawBrowser()).toBe(chrome);
    g['browser'] = document.getElementsByTagName('form');
    expect(rawBrowser()).toBe(chrome);
    // A plain object whose runtime is an element, or has no sendMessage function.
    g['browser'] = { runtime: document.querySelector('input') };
    expect(rawBrowser()).toBe(chrome);
    g['browser'] = { runtime: { id: 'glossa', sendMessage: {} } };
    expect(rawBrowser()).toBe(chrome);
    delete g['chrome'];
    expect(rawBrowser()).toBeNull();
  });

  it('takes a window of another origin named browser (every read throws) for no API', () => {
    g['chrome'] = chrome;
    g['browser'] = new Proxy(
      {},
      {
        get() {
          throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
        },
      },
    );
    expect(rawBrowser()).toBe(chrome);
  });

  it('finds Firefox’s browser first, then Chrome’s chrome', () => {
    const browser = { runtime: { id: 'glossa', sendMessage: async () => null } };
    g['browser'] = browser;
    g['chrome'] = chrome;
    expect(rawBrowser()).toBe(browser);
    delete g['browser'];
    expect(rawBrowser()).toBe(chrome);
  });
});
