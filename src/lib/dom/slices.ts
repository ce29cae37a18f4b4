/**
 * Long work in short tasks. A page must never wait on Glossa for more than one
 * frame-ish slice, and its own tasks (timers, messages, network callbacks) must get their
 * turn between Glossa's slices.
 *
 * So each yield is a real new task: a message-channel round trip, queued behind whatever
 * the page already queued, without setTimeout's 4 ms clamp (measured in Chromium, the
 * channel costs little over the one-shot time; `setTimeout(0)` ~1.5×). Not
 * `scheduler.yield()`: its continuations are queued ahead of the page's own tasks of the
 * same priority, so while Glossa scanned a huge page (seconds, in slices) the page's
 * timers waited for all of it — no long task, no skipped frame, but the page's own code
 * stalled (hostile suite, 7a′).
 */

/** Work per task before yielding back to the page. Well under the 50 ms long-task mark. */
export const SLICE_BUDGET_MS = 8;

/** One channel for every yield of this world (its ports never reach the page). */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    // One message, one waiter: each resolves in a task of its own.
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (unit tests): an open port would keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const ch = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    ch.port2.postMessage(null);
  });
}

/**
 * Run `step` repeatedly, each call within one task, until it returns true.
 * `step` gets `shouldYield()`, which turns true when the slice's budget is spent.
 * `signal` stops the work between slices (page navigated, extension unloaded).
 */
export async function runSliced(
  step: (shouldYield: () => boolean) => boolean,
  signal?: AbortSignal,
  budgetMs = SLICE_BUDGET_MS,
): Promise<boolean> {
  for (;;) {
    if (signal?.aborted) return false;
    const deadline = performance.now() + budgetMs;
    if (step(() => performance.now() >= deadline)) return true;
    await yieldToPage();
  }
}
