/**
 * The page plumbing both content-script controllers share: listeners bound to one
 * AbortSignal per activation (so stopping removes every one of them, with no hand-kept
 * lists), a debounced watch of the page's text, and the small checks of where input is.
 */

/** Listen to `type` on `target` until `signal` aborts. */
export function listen<K extends keyof DocumentEventMap>(
  target: Document,
  type: K,
  handler: (e: DocumentEventMap[K]) => void,
  signal: AbortSignal,
  options?: AddEventListenerOptions,
): void;
export function listen<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  handler: (e: WindowEventMap[K]) => void,
  signal: AbortSignal,
  options?: AddEventListenerOptions,
): void;
export function listen(
  target: EventTarget,
  type: string,
  handler: (e: Event) => void,
  signal: AbortSignal,
  options: AddEventListenerOptions = {},
): void {
  target.addEventListener(type, handler, { ...options, signal });
}

/** Whether `target` is a place where the reader types (no shortcuts there). */
export function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName ?? ''));
}

/**
 * Calls `onChange` after the text under `root` changed (debounced by `debounceMs`, but at
 * least every `maxWaitMs` while it keeps changing), until `signal` aborts. `ignore` filters
 * out records of Glossa's own nodes.
 */
export function watchText(
  win: Window,
  root: Node,
  onChange: () => void,
  signal: AbortSignal,
  {
    debounceMs,
    maxWaitMs = Infinity,
    ignore,
  }: { debounceMs: number; maxWaitMs?: number; ignore?: (n: Node) => boolean },
): void {
  let timer: number | null = null;
  let first = 0;
  const fire = () => {
    timer = null;
    onChange();
  };
  const observer = new (win as Window & { MutationObserver: typeof MutationObserver }).MutationObserver((records) => {
    if (ignore && records.every((r) => ignore(r.target))) return;
    const now = Date.now();
    if (timer === null) first = now;
    else win.clearTimeout(timer);
    timer = win.setTimeout(fire, Math.max(0, Math.min(debounceMs, first + maxWaitMs - now)));
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== null) win.clearTimeout(timer);
    },
    { once: true },
  );
}

/** Scroll so that `rect` (client coordinates) is in view, a third from the top. */
export function revealRect(win: Window, rect: DOMRect): void {
  if (rect.top < 0 || rect.bottom > win.innerHeight) {
    win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
  }
}
