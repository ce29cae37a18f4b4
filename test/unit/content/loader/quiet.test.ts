/**
 * The quiet loader (src/content/loader/quiet.ts), the one content script on every page:
 * where the gate can only say no it touches nothing of the extension (it has no API to
 * touch: waking is its one way out) and nothing of the page; what wakes it, and what it
 * hands over.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOADER_KEY, QUIET_KEY } from '../../../../src/content/loader/contract';
import { LATE_LOOKS_MS, QuietLoader, type QuietDeps } from '../../../../src/content/loader/quiet';
import { evt, isTrusted, loaderPage as page, trusted, type FakeWindow } from '../../support/loader-page';

const RECIPE = `<html><head><title>How to thaw a turkey</title></head><body><article>
  <h1>Thawing a turkey</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>Step ${i}: keep it in the fridge for a day per four pounds, then brine it and roast it slowly.</p>`,
  ).join('')}
</article></body></html>`;
const ABOUT = `<html><head><title>Al-Sharaa meets Putin in Moscow</title></head><body><article>
  <h1>Syria's al-Sharaa meets Putin at the Kremlin</h1><p>Russia keeps its bases at Hmeimim and Tartus.</p>
</article></body></html>`;

let quiets: QuietLoader[] = [];
function start(p: FakeWindow, deps: Partial<QuietDeps> = {}) {
  const wake = vi.fn(async () => undefined);
  const q = new QuietLoader({ win: p.win, wake, trusted: isTrusted, ...deps });
  quiets.push(q);
  return { q, wake, quiet: q.start() };
}

afterEach(() => {
  for (const q of quiets.splice(0)) q.stop();
  delete (globalThis as Record<string, unknown>)[LOADER_KEY];
  vi.useRealTimers();
});

describe('the quiet loader', () => {
  it('stays quiet on an unrelated page: no wake, nothing of the page touched, its handle left for the awake loader', () => {
    const p = page(RECIPE);
    const before = p.doc.documentElement.outerHTML;
    const { q, wake, quiet } = start(p);
    expect(quiet).toBe(true);
    expect(wake).not.toHaveBeenCalled();
    expect(p.doc.documentElement.outerHTML).toBe(before);
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBe(q);
  });

  it('wakes at once where the prefilter finds a name the gate could count', () => {
    const { wake, quiet } = start(page(ABOUT));
    expect(quiet).toBe(false);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('does nothing where the awake loader ran first (its site is registered)', () => {
    (globalThis as Record<string, unknown>)[LOADER_KEY] = {};
    const { wake, quiet } = start(page(ABOUT));
    expect(quiet).toBe(false);
    expect(wake).not.toHaveBeenCalled();
  });

  it('wakes for the reader’s own selection and Alt+Shift+H, and keeps them for the awake loader; not for made-up events', async () => {
    const p = page(RECIPE);
    const { q, wake } = start(p);
    p.selected.value = true;
    p.doc.dispatchEvent(evt('mouseup', { button: 0 }));
    const key = () => evt('keydown', { altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyH' });
    p.doc.dispatchEvent(key());
    await new Promise((r) => setTimeout(r, 10));
    expect(wake).not.toHaveBeenCalled();
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
    p.doc.dispatchEvent(trusted(key()));
    expect(q.pending).toEqual(['selection', 'shortcut']);
    expect(wake).toHaveBeenCalledTimes(1); // one wake: the awake loader replays both
  });

  it('looks again when the article arrives late (more paragraphs), and wakes then', async () => {
    vi.useFakeTimers();
    const p = page('<html><head><title>Loading…</title></head><body><div id="app"></div></body></html>');
    const { wake, quiet } = start(p);
    expect(quiet).toBe(true);
    p.doc.getElementById('app')!.innerHTML = parseHTML(ABOUT).document.body.innerHTML;
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[0] + 10);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('a wake that failed is asked again at the next occasion; stopped, it listens to nothing', async () => {
    const p = page(RECIPE);
    const wake = vi.fn(async () => {
      throw new Error('no background');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { q } = start(p, { wake });
    p.selected.value = true;
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(2));
    q.stop();
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await new Promise((r) => setTimeout(r, 10));
    expect(wake).toHaveBeenCalledTimes(2);
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBeUndefined();
  });
});
