/**
 * What the wake script does (src/entrypoints/loader-wake.ts), in the extension's isolated
 * world: flag the page (for a loader that has not run yet) and wake the loader that has.
 */
import { LOADER_KEY, WAKE_KEY, type Wakeable } from './contract';

export function wakeLoader(global: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  global[WAKE_KEY] = true;
  const loader = global[LOADER_KEY] as Partial<Wakeable> | undefined;
  if (loader && typeof loader.wake === 'function') loader.wake();
}
