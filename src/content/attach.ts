/**
 * Runs the main chunk on the loader's handle, once: injected into a frame whose loader
 * asked for it (and never anywhere else: without a loader's handle it does nothing).
 */
import { PERF_NAMES, perfMark, perfMeasure, perfStart } from '../lib/dom/perf';
import { LOADER_KEY, ownGlobal, type LoaderHandle } from './loader/contract';
import { startMain } from './main';

export function attachMain(): void {
  const handle = ownGlobal(LOADER_KEY) as LoaderHandle | undefined;
  if (!handle || handle.isAttached()) return;
  perfMark(PERF_NAMES.main);
  const t = perfStart();
  const main = startMain(handle);
  handle.attach(main);
  main.ready.then(
    () => perfMeasure(PERF_NAMES.ready, t),
    () => undefined,
  );
}
