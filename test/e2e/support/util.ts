/** Small helpers shared by the e2e harness: timeouts with clear messages, polling, log capture. */

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Rejects with `message` if `promise` does not settle within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${message} (after ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  timeout?: number;
  interval?: number;
  /** Describes what is awaited; used in the timeout message. */
  message: string;
}

/**
 * Calls `probe` until it returns `{ done: true, value }`. On timeout, throws with `message`,
 * the last `detail` the probe reported and the last error it threw.
 */
export async function poll<T>(
  probe: () => Promise<{ done: true; value: T } | { done: false; detail?: unknown }>,
  { timeout = 20_000, interval = 150, message }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastDetail: unknown = undefined;
  let lastError: unknown = undefined;
  for (;;) {
    try {
      const result = await probe();
      if (result.done) return result.value;
      lastDetail = result.detail;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const parts = [`Timed out after ${timeout} ms waiting for ${message}.`];
      if (lastDetail !== undefined) parts.push(`Last state: ${describe(lastDetail)}`);
      if (lastError !== undefined) parts.push(`Last error: ${describe(lastError)}`);
      throw new TimeoutError(parts.join('\n'));
    }
    await sleep(interval);
  }
}

export function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 1)?.slice(0, 4000) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Browser-side log lines (console, page errors, crashes), printed when a test fails. */
export class LogBuffer {
  private readonly lines: string[] = [];
  private readonly started = Date.now();
  private total = 0;

  constructor(private readonly limit = 2000) {}

  add(source: string, text: string): void {
    const t = ((Date.now() - this.started) / 1000).toFixed(2).padStart(7);
    this.lines.push(`[${t}s] ${source}: ${text}`);
    this.total++;
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  /** A position in the log, for `dump(title, mark)`. Lines dropped past `limit` shift it. */
  mark(): number {
    return this.total;
  }

  /** The lines since `from` (a `mark()`), or all kept lines. */
  dump(title = 'browser logs', from = 0): string {
    const skip = Math.max(0, this.lines.length - (this.total - from));
    const lines = this.lines.slice(skip);
    if (lines.length === 0) return `---- ${title}: (none) ----`;
    return [`---- ${title} (${lines.length} lines) ----`, ...lines, `---- end of ${title} ----`].join('\n');
  }
}
