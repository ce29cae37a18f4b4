/**
 * Every answer of both protocols is a `Result`: `{ ok: true, value }` or `{ ok: false,
 * error }` — nothing throws into the void. Apart from the call tables (background-calls.ts,
 * tab-calls.ts), so that a sender does not carry the tables' schemas.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** A failed call's error without the `"type" failed: ` prefix: the reason, for a reader to see. */
export function reasonOf(error: string): string {
  // A handler's failure: `"type" failed: reason`. The transport's: `"type": could not
  // reach the background: …` — the reader gets what happened, not the call's name.
  return error.replace(/^"[^"]+" failed: /, '').replace(/^"[^"]+": (?=could not reach|no valid answer|no Glossa)/, '');
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r['ok'] === true ? 'value' in r : r['ok'] === false && typeof r['error'] === 'string';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
