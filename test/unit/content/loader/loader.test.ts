/**
 * The content loader (src/content/loader/loader.ts) on linkedom pages with WXT's fake
 * browser: what it loads, when, and what it never does. Whether the browser made an event
 * is a seam here (linkedom cannot make trusted events); the e2e suite checks real ones.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOADER_KEY, type MainApi } from '../../../../src/content/loader/contract';
import {
  GATE_ASK_SPACING_MS,
  GATE_ASK_TIMEOUT_MS,
  LATE_GATE_MS,
  Loader,
  VERDICT_WAIT_MS,
  type LoaderDeps,
} from '../../../../src/content/loader/loader';
import { PERF_STORAGE_KEY, perfOn, setPerf } from '../../../../src/lib/dom/perf';
import { MARK_PREFIX } from '../../../../src/lib/mark-styles';
import { evt, isTrusted, loaderPage as page, trusted, type FakeWindow } from '../../support/loader-page';
import type { RawBrowser } from '../../../../src/platform/raw-browser';
import { decideRelevance, type GateInput } from '../../../../src/lib/gate';
import { gateInput as gateInputOf } from '../../../../src/lib/dom/gate-input';
import { terms } from '../../../../src/generated/gate-vocabulary.json';
import { PAGE_INDEX_KEY } from '../../../../src/lib/highlights/page-index';

/** The background's side of `content/gate`: the real gate and vocabulary, asked from the page. */
const gateAnswers = vi.fn(async (input: GateInput) => decideRelevance(input, { terms }).about);

const ABOUT = `<html><head><title>Al-Sharaa meets Putin in Moscow</title></head><body><article>
  <h1>Syria's al-Sharaa meets Putin at the Kremlin</h1>
  <p>Syrian President Ahmed al-Sharaa met Vladimir Putin in Moscow on Wednesday, the Kremlin said.
  Russia keeps its bases at Hmeimim and Tartus in Syria. Damascus and Moscow discussed wheat and oil.</p>
</article></body></html>`;
const RECIPE = `<html><head><title>How to thaw a turkey</title></head><body><article>
  <h1>Thawing a turkey</h1><p>Keep it in the fridge for a day per four pounds. Brine it overnight.</p>
</article></body></html>`;

function fakeMain(): MainApi & { updates: unknown[] } {
  const updates: unknown[] = [];
  return {
    updates,
    ready: Promise.resolve(),
    update: async (d) => void updates.push(d),
    selectionMade: vi.fn(),
    highlightShortcut: vi.fn(),
    stop: vi.fn(),
  };
}

let loaders: Loader[] = [];
function start(p: FakeWindow, options: Partial<LoaderDeps> = {}) {
  const loads: string[] = [];
  const main = fakeMain();
  let loader!: Loader;
  const deps: LoaderDeps = {
    win: p.win,
    api: fakeBrowser as unknown as RawBrowser,
    hasHighlights: async () => false,
    loadMain: async (prefix) => {
      loads.push(prefix);
      loader.attach(main);
    },
    gate: gateAnswers,
    gateInput: async (doc) => gateInputOf(doc),
    trusted: isTrusted,
    ...options,
  };
  loader = new Loader(deps);
  loaders.push(loader);
  return { loader, loads, main, started: loader.start() };
}

/**
 * The page's address watch (the Navigation API, which the loader listens to): the
 * returned `go(href)` moves the page to `href` as a single-page app's router does.
 */
function navigable(p: FakeWindow): (href: string) => void {
  const navigation = new EventTarget();
  (p.win as unknown as { navigation: EventTarget }).navigation = navigation;
  return (href) => {
    (p.win.location as { href: string }).href = href;
    navigation.dispatchEvent(new Event('navigatesuccess'));
  };
}

/**
 * The loader's tab router as a page view reaches it: call before start(); the returned
 * `call(type, payload)` resolves to the router's answer.
 */
function tabCalls(): (type: string, payload?: unknown) => Promise<unknown> {
  let onMessage!: (m: unknown, s: unknown, respond: (a: unknown) => void) => unknown;
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((fn) => {
    onMessage = fn as typeof onMessage;
  });
  return (type, payload = {}) =>
    new Promise((respond) => onMessage({ to: 'glossa-tab', type, payload }, { id: fakeBrowser.runtime.id }, respond));
}

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no ports: the router's port pushes are covered by the e2e suites (popup.*).
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.runtime.onConnect, 'removeListener').mockImplementation(() => undefined);
});
afterEach(() => {
  for (const l of loaders.splice(0)) l.stop();
  vi.restoreAllMocks();
});

describe('the content loader', () => {
  it('loads the main chunk on a page about Syria and Russia, with a random mark prefix', async () => {
    const { loads, loader, started } = start(page(ABOUT));
    await started;
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatch(MARK_PREFIX);
    expect(loader.decision().marks).toEqual({ active: true, reason: 'gate-about' });
    expect((globalThis as Record<string, unknown>)[LOADER_KEY]).toBe(loader);
  });

  it('takes the verdict the background gave the quiet loader (the gate not run in the page), for that address only', async () => {
    // The verdict, not the page's text, decides: the recipe is marked when the background says so.
    const { loads, loader, started } = start(page(RECIPE), {
      verdict: { url: 'https://news.example/a', about: Promise.resolve(true) },
    });
    await started;
    expect(loads).toHaveLength(1);
    expect(loader.decision()).toMatchObject({ gateAbout: true, marks: { active: true, reason: 'gate-about' } });
    // A verdict on another address, or none (null), leaves the gate to the loader.
    for (const verdict of [
      { url: 'https://news.example/other', about: Promise.resolve(true) },
      { url: 'https://news.example/a', about: Promise.resolve(null) },
    ]) {
      const other = start(page(RECIPE), { verdict });
      await other.started;
      expect(other.loads).toHaveLength(0);
      expect(other.loader.decision().marks.reason).toBe('gate-not-about');
      other.loader.stop();
    }
  });

  it('a verdict that arrives after the page moved to another address is not applied to it', async () => {
    const p = page(RECIPE);
    const go = navigable(p);
    let answer!: (about: boolean) => void;
    const about = new Promise<boolean>((r) => (answer = r));
    const { loads, loader, started } = start(p, { verdict: { url: 'https://news.example/a', about } });
    await new Promise((r) => setTimeout(r, 0)); // the settings read; the verdict still out
    go('https://news.example/b');
    answer(true);
    await started;
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toHaveLength(0);
    expect(loader.decision()).toMatchObject({ url: 'https://news.example/b', gateAbout: false });
  });

  it('an address change before the settings are read waits for them: a site set to "never" stays untouched', async () => {
    await fakeBrowser.storage.local.set({ settings: { siteOverrides: { 'news.example': 'never' } } });
    const p = page(ABOUT);
    const go = navigable(p);
    let answer!: (about: boolean) => void;
    const about = new Promise<boolean>((r) => (answer = r));
    const { loads, loader, started } = start(p, { verdict: { url: 'https://news.example/a', about } });
    go('https://news.example/b');
    await new Promise((r) => setTimeout(r, 0));
    answer(true);
    await started;
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toEqual([]);
    expect(loader.decision()).toMatchObject({ url: 'https://news.example/b', highlights: false });
  });

  it('an unreadable storage does not leave the verdict to a later decision: text arriving late runs the gate', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage corrupted'));
      const p = page('<html><head><title>Loading…</title></head><body><div id="app"></div></body></html>');
      let answer!: (about: boolean) => void;
      const about = new Promise<boolean>((r) => (answer = r));
      const { loads, loader, started } = start(p, { verdict: { url: 'https://news.example/a', about } });
      await vi.advanceTimersByTimeAsync(0);
      answer(false); // the verdict on the page as it was: nothing yet
      await started;
      expect(loader.decision().gateAbout).toBe(false);
      p.doc.getElementById('app')!.innerHTML = parseHTML(ABOUT).document.body.innerHTML;
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[0] + 10);
      expect(loads).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a page view’s call before the settings are read is answered with them: switched off, nothing loads', async () => {
    await fakeBrowser.storage.local.set({ settings: { enabled: false } });
    const call = tabCalls();
    let answer!: (about: boolean) => void;
    const about = new Promise<boolean>((r) => (answer = r));
    const { loads, started } = start(page(RECIPE), { verdict: { url: 'https://news.example/a', about } });
    const reply = call('page/reveal', { entityId: 'q1' });
    answer(false);
    await started;
    await expect(reply).resolves.toMatchObject({ ok: false, error: expect.stringContaining('switched off') });
    expect(loads).toEqual([]);
  });

  it('"Annotate this page anyway" survives the reader’s jump to an anchor; a hash route is a new page', async () => {
    const p = page(RECIPE);
    const go = navigable(p);
    const call = tabCalls();
    const { loader, main, started } = start(p);
    await started;
    await call('page/annotate', {});
    expect(loader.decision().marks.reason).toBe('page-override');
    const updates = main.updates.length;
    const goAndSettle = async (href: string) => {
      go(href);
      await new Promise((r) => setTimeout(r, 0));
    };
    await goAndSettle('https://news.example/a#footnote-3');
    expect(loader.decision().marks.reason).toBe('page-override');
    expect(main.updates).toHaveLength(updates); // nothing decided again
    await goAndSettle('https://news.example/a#/story/2');
    // The gate is asked about the new page (no sooner than GATE_ASK_SPACING_MS after the last ask).
    await vi.waitFor(() => expect(loader.decision().marks.reason).toBe('gate-not-about'), {
      timeout: GATE_ASK_SPACING_MS + 1_000,
    });
  });

  it('a verdict that never comes is waited for 2 s at most: then the gate runs, and page views get answers', async () => {
    vi.useFakeTimers();
    try {
      const call = tabCalls();
      const { loads, loader, started } = start(page(ABOUT), {
        verdict: { url: 'https://news.example/a', about: new Promise(() => undefined) },
      });
      let state: unknown = null;
      void call('page/state', {}).then((r) => (state = r));
      await vi.advanceTimersByTimeAsync(0);
      // Before the first decision: "starting", not a decision made from the default settings.
      expect(state).toMatchObject({ ok: true, value: { state: 'starting' } });
      await vi.advanceTimersByTimeAsync(VERDICT_WAIT_MS);
      await started;
      expect(loads).toHaveLength(1);
      expect(loader.decision().marks.reason).toBe('gate-about');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a start that failed (the main chunk never ready) still answers the reader’s selection', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = page(ABOUT);
    let tries = 0;
    const broken = { ...fakeMain(), ready: Promise.reject(new Error('scan failed')) };
    broken.ready.catch(() => undefined);
    let loader!: Loader;
    const { started } = start(p, {
      loadMain: async () => {
        tries++;
        loader.attach(broken);
      },
    });
    loader = loaders.at(-1)!;
    await started;
    p.selected.value = true;
    loader.readerSelected();
    await vi.waitFor(() => expect(broken.selectionMade).toHaveBeenCalledTimes(1));
    expect(tries).toBe(1);
  });

  it('a start that failed before deciding loads nothing on its defaults (the settings may say "never")', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => {
      throw new Error('no storage events');
    });
    const p = page(ABOUT);
    p.selected.value = true;
    const { loader, loads, started } = start(p);
    await started;
    loader.readerSelected();
    loader.readerShortcut();
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toEqual([]);
  });

  it('loads nothing on an unrelated page, and touches nothing of it', async () => {
    const p = page(RECIPE);
    const before = p.doc.documentElement.outerHTML;
    const { loads, loader, started } = start(p);
    await started;
    expect(loads).toEqual([]);
    expect(loader.decision().marks).toEqual({ active: false, reason: 'gate-not-about' });
    expect(p.doc.documentElement.outerHTML).toBe(before);
  });

  it('loads for the page’s saved highlights even when the page is not about Syria', async () => {
    const { loads, started } = start(page(RECIPE), { hasHighlights: async () => true });
    await started;
    expect(loads).toHaveLength(1);
  });

  it('switched off, or on a site set to "never": no gate, no listener on the page, nothing loaded', async () => {
    for (const settings of [{ enabled: false }, { siteOverrides: { 'news.example': 'never' } }]) {
      await fakeBrowser.storage.local.set({ settings });
      const p = page(ABOUT);
      const listen = vi.spyOn(p.doc, 'addEventListener');
      const hasHighlights = vi.fn(async () => true);
      const { loads, loader, started } = start(p, { hasHighlights });
      await started;
      expect(loads).toEqual([]);
      expect(listen).not.toHaveBeenCalled();
      expect(hasHighlights).not.toHaveBeenCalled();
      expect(loader.decision().highlights).toBe(false);
      loader.stop();
    }
  });

  it('a selection the reader made loads the toolbar; one a page script made up does nothing', async () => {
    const p = page(RECIPE);
    const { loads, main, started } = start(p);
    await started;
    p.selected.value = true;
    p.doc.dispatchEvent(evt('mouseup', { button: 0 }));
    await new Promise((r) => setTimeout(r, 10));
    expect(loads).toEqual([]);
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    await vi.waitFor(() => expect(main.selectionMade).toHaveBeenCalledTimes(1));
  });

  it('a selection made just before the highlights controller started still gets its toolbar', async () => {
    // The controller listens from its start: a mouseup before that is only the loader's,
    // and its look at the selection (one task later) must not be dropped because the
    // controller started meanwhile (hostile e2e 10, flaky before: no toolbar, ever).
    const p = page(RECIPE);
    const { loader, loads, main, started } = start(p);
    await started;
    p.selected.value = true;
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    loader.highlightsStarted();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    await vi.waitFor(() => expect(main.selectionMade).toHaveBeenCalledTimes(1));
  });

  it('once the highlights controller stops (highlights off here), the reader’s selections go to the main chunk again', async () => {
    const p = page(RECIPE);
    const { loader, main, started } = start(p);
    await started;
    p.selected.value = true;
    loader.highlightsStarted();
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await new Promise((r) => setTimeout(r, 10));
    expect(main.selectionMade).not.toHaveBeenCalled(); // the controller's now
    loader.highlightsStopped();
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.waitFor(() => expect(main.selectionMade).toHaveBeenCalledTimes(1));
  });

  it('answers whether the page has highlights from the page index as it is now, not as it was at start', async () => {
    const indexes: unknown[] = [];
    const { loader, started } = start(page(RECIPE), {
      hasHighlights: async (_url, _doc, index) => {
        indexes.push(index);
        return index === 'after';
      },
    });
    await started;
    await fakeBrowser.storage.local.set({ [PAGE_INDEX_KEY]: 'after' });
    await vi.waitFor(async () => expect(await loader.hasHighlights()).toBe(true));
    expect(indexes.at(-1)).toBe('after');
  });

  it('Alt+Shift+H from the reader loads and highlights; from a page script, nothing', async () => {
    const p = page(RECIPE);
    const { loads, main, started } = start(p);
    await started;
    const key = () =>
      evt('keydown', { altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyH', key: 'H' });
    p.doc.dispatchEvent(key());
    await new Promise((r) => setTimeout(r, 10));
    expect(loads).toEqual([]);
    p.doc.dispatchEvent(trusted(key()));
    await vi.waitFor(() => expect(main.highlightShortcut).toHaveBeenCalledTimes(1));
  });

  it('does what the reader asked of the quiet loader, once the settings are read: the toolbar, the shortcut', async () => {
    const p = page(RECIPE);
    p.selected.value = true;
    const { loader, main, loads } = start(p);
    loader.readerSelected();
    loader.readerShortcut();
    await vi.waitFor(() => expect(main.selectionMade).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(main.highlightShortcut).toHaveBeenCalledTimes(1));
    expect(loads).toHaveLength(1);
  });

  it('… but not where the settings forbid highlights (the site set to "never")', async () => {
    await fakeBrowser.storage.local.set({ settings: { siteOverrides: { 'news.example': 'never' } } });
    const p = page(RECIPE);
    p.selected.value = true;
    const { loader, main, loads, started } = start(p);
    loader.readerSelected();
    loader.readerShortcut();
    await started;
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toEqual([]);
    expect(main.selectionMade).not.toHaveBeenCalled();
  });

  it('makes timing marks only when the extension’s storage asks for them (the bench)', async () => {
    const first = start(page(RECIPE));
    await first.started;
    expect(perfOn()).toBe(false);
    first.loader.stop();
    await fakeBrowser.storage.local.set({ [PERF_STORAGE_KEY]: true });
    const second = start(page(RECIPE));
    await second.started;
    expect(perfOn()).toBe(true);
    expect(performance.getEntriesByName('glossa:loader')).toHaveLength(1);
    expect(performance.getEntriesByName('glossa:gate')).toHaveLength(1);
    setPerf(false);
    performance.clearMarks();
    performance.clearMeasures();
  });

  it('switching Glossa off later reaches the main chunk', async () => {
    const { main, started } = start(page(ABOUT));
    await started;
    await fakeBrowser.storage.local.set({ settings: { enabled: false } });
    await vi.waitFor(() =>
      expect(main.updates.at(-1)).toMatchObject({ marks: { active: false, reason: 'disabled' }, highlights: false }),
    );
  });

  it('runs the gate again when the article arrives after the loader ran (more paragraphs), and loads then', async () => {
    vi.useFakeTimers();
    try {
      const p = page('<html><head><title>Loading…</title></head><body><div id="app"></div></body></html>');
      const { loads, started } = start(p);
      await started;
      expect(loads).toEqual([]);
      const { document: later } = parseHTML(ABOUT);
      p.doc.getElementById('app')!.innerHTML = later.body.innerHTML;
      p.doc.title = later.title;
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[0] + 10);
      expect(loads).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A gate whose answers the test gives, in any order. */
function heldGate() {
  const asked: { input: GateInput; answer: (about: boolean) => void; fail: (e: Error) => void }[] = [];
  const gate = (input: GateInput) => new Promise<boolean>((answer, fail) => asked.push({ input, answer, fail }));
  return { asked, gate };
}

describe('the relevance gate, asked of the background (the awake loader carries no gate)', () => {
  beforeEach(() => {
    gateAnswers.mockClear();
  });

  it('sends the page’s gate input where no verdict came, and takes the answer', async () => {
    const { loads, loader, started } = start(page(ABOUT));
    await started;
    expect(gateAnswers).toHaveBeenCalledTimes(1);
    const input = gateAnswers.mock.calls[0]![0];
    expect(input.headline).toContain('al-Sharaa meets Putin');
    expect(input.paragraphs.join(' ')).toContain('Hmeimim and Tartus');
    expect(loads).toHaveLength(1);
    expect(loader.decision().gateAbout).toBe(true);
    // With the quiet loader's verdict on this address, nothing is asked.
    gateAnswers.mockClear();
    const other = start(page(ABOUT), { verdict: { url: 'https://news.example/a', about: Promise.resolve(true) } });
    await other.started;
    expect(gateAnswers).not.toHaveBeenCalled();
  });

  it('an ask that fails counts as “not about”: nothing loads, the page views get answers, a late look asks again', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const p = page(ABOUT);
      const gate = vi.fn(async (input: GateInput) => {
        if (gate.mock.calls.length === 1) throw new Error('Could not establish connection');
        return gateAnswers(input);
      });
      const { loads, loader, started } = start(p, { gate });
      await started;
      expect(loads).toEqual([]);
      expect(loader.decision().marks.reason).toBe('gate-not-about');
      expect(warn).toHaveBeenCalledWith('Glossa: the relevance gate did not answer:', expect.any(Error));
      p.doc.body.insertAdjacentHTML('beforeend', '<p>Damascus and Moscow signed a new agreement on Tartus.</p>');
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[0] + 10);
      expect(gate).toHaveBeenCalledTimes(2);
      expect(loads).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an answer that comes after the page moved to another address decides nothing: the newer ask does', async () => {
    vi.useFakeTimers();
    try {
      const p = page(RECIPE);
      const go = navigable(p);
      const held = heldGate();
      const { loads, loader, started } = start(p, { gate: held.gate });
      await vi.advanceTimersByTimeAsync(0);
      expect(held.asked).toHaveLength(1);
      go('https://news.example/b');
      held.asked[0]!.answer(true); // about the old address, late
      await started;
      await vi.advanceTimersByTimeAsync(0);
      expect(loads).toEqual([]);
      // The new address is asked about once the spacing has passed.
      expect(held.asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(GATE_ASK_SPACING_MS);
      expect(held.asked).toHaveLength(2);
      held.asked[1]!.answer(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(loads).toEqual([]);
      expect(loader.decision()).toMatchObject({ url: 'https://news.example/b', gateAbout: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a page changing its address in a loop: one ask at a time, a second apart, about the newest address', async () => {
    vi.useFakeTimers();
    try {
      const p = page(RECIPE);
      const go = navigable(p);
      const { loader, loads, started } = start(p);
      await started;
      expect(gateAnswers).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 100; i++) {
        // The last page is the article: only an ask about the newest page finds it.
        if (i === 99) p.doc.body.innerHTML = parseHTML(ABOUT).document.body.innerHTML;
        go(`https://news.example/page-${i}`);
        await vi.advanceTimersByTimeAsync(20);
      }
      // 2 s of changes: at most one more ask per second, and the last address is asked about.
      await vi.advanceTimersByTimeAsync(GATE_ASK_SPACING_MS);
      expect(gateAnswers.mock.calls.length).toBeLessThanOrEqual(4);
      expect(gateAnswers.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(loader.decision()).toMatchObject({ url: 'https://news.example/page-99', gateAbout: true });
      expect(loads).toHaveLength(1);
      const asked = gateAnswers.mock.calls.length;
      await vi.advanceTimersByTimeAsync(5 * GATE_ASK_SPACING_MS);
      expect(gateAnswers.mock.calls.length).toBe(asked); // nothing more once the page is still
    } finally {
      vi.useRealTimers();
    }
  });

  it('one ask at a time: while a slow background has not answered, no other is sent', async () => {
    vi.useFakeTimers();
    try {
      const p = page(RECIPE);
      const go = navigable(p);
      const held = heldGate();
      const { started } = start(p, { gate: held.gate });
      await vi.advanceTimersByTimeAsync(0);
      go('https://news.example/b');
      // Slow, but within GATE_ASK_TIMEOUT_MS, and past the spacing.
      expect(GATE_ASK_TIMEOUT_MS - 100).toBeGreaterThan(GATE_ASK_SPACING_MS);
      await vi.advanceTimersByTimeAsync(GATE_ASK_TIMEOUT_MS - 100);
      expect(held.asked).toHaveLength(1);
      held.asked[0]!.answer(false);
      await started;
      await vi.advanceTimersByTimeAsync(0);
      expect(held.asked).toHaveLength(2); // the spacing has long passed: at once
      expect(held.asked[1]!.input).toEqual(held.asked[0]!.input); // same text, new address
    } finally {
      vi.useRealTimers();
    }
  });

  it('an ask that failed is asked again at the late looks, even where the page did not change', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const p = page(ABOUT);
      // The first ask fails where the reader of the gate's input could not be injected.
      let injected = false;
      const gateInput = vi.fn(async (doc: Document) => {
        if (!injected) {
          injected = true;
          throw new Error('loader.js ran without leaving its kit');
        }
        return gateInputOf(doc);
      });
      const { loads, loader, started } = start(p, { gateInput });
      await started;
      expect(loads).toEqual([]);
      expect(loader.decision().marks.reason).toBe('gate-not-about');
      expect(warn).toHaveBeenCalledWith('Glossa: the relevance gate did not answer:', expect.any(Error));
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[0] + 10);
      expect(gateInput).toHaveBeenCalledTimes(2);
      expect(loads).toHaveLength(1);
      // An answer, even a "no", is not asked again on the same page.
      const quiet = page(RECIPE);
      const second = start(quiet);
      await second.started;
      const asked = gateAnswers.mock.calls.length;
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[1] + 10);
      expect(gateAnswers.mock.calls.length).toBe(asked);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a background that never answers: after GATE_ASK_TIMEOUT_MS the ask counts as failed, page views get answers, the next look asks again', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const call = tabCalls();
      const held = heldGate();
      const p = page(ABOUT);
      const { loader, loads, started } = start(p, { gate: held.gate });
      await vi.advanceTimersByTimeAsync(0);
      let state: unknown = null;
      void call('page/state', {}).then((r) => (state = r));
      await vi.advanceTimersByTimeAsync(0);
      expect(state).toMatchObject({ ok: true, value: { state: 'starting' } }); // a decision is pending
      await vi.advanceTimersByTimeAsync(GATE_ASK_TIMEOUT_MS);
      await started;
      expect(loader.decision().marks.reason).toBe('gate-not-about');
      expect(loads).toEqual([]);
      expect(warn).toHaveBeenCalledWith('Glossa: the relevance gate did not answer:', expect.any(Error));
      // Not remembered: the late look asks again, and this time the background answers.
      p.doc.body.insertAdjacentHTML('beforeend', '<p>Damascus and Moscow signed a new agreement on Tartus.</p>');
      await vi.advanceTimersByTimeAsync(LATE_GATE_MS[0]);
      expect(held.asked).toHaveLength(2);
      held.asked[1]!.answer(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(loads).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('"Annotate this page anyway" while an ask is out: answered once the main chunk runs, without waiting for the gate', async () => {
    const call = tabCalls();
    const held = heldGate();
    const { loader, loads } = start(page(RECIPE), { gate: held.gate });
    await vi.waitFor(() => expect(held.asked).toHaveLength(1));
    const reply = await call('page/annotate', {});
    expect(reply).toMatchObject({ ok: true });
    expect(loads).toHaveLength(1);
    expect(loader.decision().marks.reason).toBe('page-override');
    held.asked[0]!.answer(false); // the replaced decision's answer, late: changes nothing
    await new Promise((r) => setTimeout(r, 0));
    expect(loader.decision().marks.reason).toBe('page-override');
    expect(held.asked).toHaveLength(1);
  });

  it('a page view’s call while the first decision was replaced waits for the one that lands', async () => {
    const p = page(ABOUT);
    const go = navigable(p);
    const call = tabCalls();
    const held = heldGate();
    const { loads } = start(p, { gate: held.gate });
    await vi.waitFor(() => expect(held.asked).toHaveLength(1));
    go('https://news.example/b');
    let settled = false;
    const reply = call('page/reveal', { entityId: 'q1' }).finally(() => (settled = true));
    held.asked[0]!.answer(true); // the first decision's answer: replaced, it lands nothing
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false);
    expect(loads).toEqual([]);
    await vi.waitFor(() => expect(held.asked).toHaveLength(2), { timeout: GATE_ASK_SPACING_MS + 1_000 });
    held.asked[1]!.answer(true);
    await reply;
    expect(loads).toHaveLength(1);
  });

  it('stopped before its first decision: nothing is asked, nothing loads', async () => {
    const { loader, loads, started } = start(page(ABOUT));
    loader.stop(); // the settings read is still out
    await started;
    await new Promise((r) => setTimeout(r, 0));
    expect(gateAnswers).not.toHaveBeenCalled();
    expect(loads).toEqual([]);
  });

  it('the settings changing while the first ask is out: its answer serves, and the decision still looks for saved highlights', async () => {
    const held = heldGate();
    const hasHighlights = vi.fn(async () => true);
    const { loads, started } = start(page(RECIPE), { gate: held.gate, hasHighlights });
    await vi.waitFor(() => expect(held.asked).toHaveLength(1));
    await fakeBrowser.storage.local.set({ settings: { underline: 'dotted' } });
    held.asked[0]!.answer(false);
    await started;
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    expect(hasHighlights).toHaveBeenCalledTimes(1);
    expect(held.asked).toHaveLength(1); // the same page: asked once
  });

  it('stopped while the ask is out: its answer loads nothing', async () => {
    const held = heldGate();
    const { loads, loader, started } = start(page(ABOUT), { gate: held.gate });
    await vi.waitFor(() => expect(held.asked).toHaveLength(1));
    loader.stop();
    held.asked[0]!.answer(true);
    await started;
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toEqual([]);
  });
});
