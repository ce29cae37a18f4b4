/**
 * A linkedom page as the content loaders see it (src/content/loader/): its window with
 * timers, a selection the test switches on (linkedom has none), and events a test can
 * mark as the browser's own (linkedom cannot make trusted events; the e2e suite checks
 * real ones).
 */
import { parseHTML } from 'linkedom';

export interface FakeWindow {
  win: Window;
  doc: Document;
  /** Whether the document has a reader's selection. */
  selected: { value: boolean };
}

export function loaderPage(html: string, url = 'https://news.example/a'): FakeWindow {
  const { document } = parseHTML(html);
  Object.defineProperty(document, 'URL', { value: url, configurable: true }); // linkedom has none
  const selected = { value: false };
  const range = { commonAncestorContainer: document.body };
  (document as unknown as { getSelection(): unknown }).getSelection = () => ({
    rangeCount: selected.value ? 1 : 0,
    isCollapsed: !selected.value,
    getRangeAt: () => range,
  });
  const win = {
    document,
    location: { href: url, origin: new URL(url).origin },
    crypto: globalThis.crypto,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id: number) => clearTimeout(id),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms) as unknown as number,
    clearInterval: (id: number) => clearInterval(id),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } as unknown as Window;
  return { win, doc: document as unknown as Document, selected };
}

const { Event: DomEvent } = parseHTML('<html></html>') as unknown as { Event: typeof Event };

/** An event with the given fields (linkedom has no MouseEvent or KeyboardEvent). */
export function evt(type: string, fields: Record<string, unknown>): Event {
  const e = new DomEvent(type, { bubbles: true });
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(e, k, { value: v });
  return e;
}

const trustedEvents = new WeakSet<Event>();

/** `e`, as if the browser made it (see `isTrusted`). */
export function trusted<E extends Event>(e: E): E {
  trustedEvents.add(e);
  return e;
}

/** The loaders' `trusted` seam for these events. */
export const isTrusted = (e: Event): boolean => trustedEvents.has(e);
