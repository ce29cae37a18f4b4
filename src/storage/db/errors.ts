/**
 * Turns what IndexedDB/Dexie throw into one readable line for the UI and the log.
 * Dexie wraps the cause (`inner`) of aborts and collects per-row `failures` of bulk
 * operations; the root cause is what a reader (or a bug report) needs.
 */
export function describeError(error: unknown): string {
  const root = rootCause(error);
  const name = errorName(root);
  const message = errorMessage(root);
  if (name === 'QuotaExceededError') {
    return `Not enough storage space for the knowledge base (QuotaExceededError)${message ? `: ${message}` : ''}. Free some disk space, then restart the browser.`;
  }
  const top = errorMessage(error);
  const detail = message && message !== top && !top.includes(message) ? ` (${name}: ${message})` : '';
  const head = top || message || String(error);
  const prefix = errorName(error);
  return `${prefix && !head.startsWith(prefix) ? `${prefix}: ` : ''}${head}${detail}`;
}

/** Follows Dexie's `inner` and the first of a BulkError's `failures` to the cause. */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (!isObject(current)) return current;
    const inner = current['inner'];
    const failures = current['failures'];
    if (isObject(inner)) current = inner;
    else if (Array.isArray(failures) && isObject(failures[0])) current = failures[0];
    else return current;
  }
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorName(error: unknown): string {
  return isObject(error) && typeof error['name'] === 'string' ? error['name'] : '';
}

function errorMessage(error: unknown): string {
  if (isObject(error) && typeof error['message'] === 'string') return error['message'];
  return typeof error === 'string' ? error : '';
}
