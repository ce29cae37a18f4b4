/**
 * Long work in short tasks. A page must never wait on Glossa for more than one
 * frame-ish slice; measured in Chromium, yielding with `scheduler.yield` every few
 * milliseconds costs ~1.1× the one-shot time, `setTimeout(0)` ~1.5×.
 */

/** Work per task before yielding back to the page. Well under the 50 ms long-task mark. */
export const SLICE_BUDGET_MS = 8;

interface SchedulerLike {
  yield?: () => Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (s?.yield) return s.yield();
  // A message-channel round trip queues a task without setTimeout's clamping.
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
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
