/**
 * The quiet loader (src/content/loader/quiet.ts), the one content script on every page:
 * where the gate can only say no it touches nothing of the extension (it has no API to
 * touch: waking is its one way out) and nothing of the page; what wakes it, and what it
 * hands over.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KIT_KEY, LOADER_KEY, QUIET_KEY, type LoaderKit } from '../../../../src/content/loader/contract';
import {
  ASK_AGAIN_MS,
  ExtensionGone,
  LATE_LOOKS_MS,
  MAX_BACKOFF_DOUBLINGS,
  QuietLoader,
  startQuietLoader,
  WakeRefused,
  type QuietDeps,
  type WakeAnswer,
  type WakeAsk,
} from '../../../../src/content/loader/quiet';
import * as v from 'valibot';
import { gateInput } from '../../../../src/lib/dom/gate-input';
import { MAX_URL } from '../../../../src/lib/highlights/limits';
import { protocol } from '../../../../src/lib/protocol/background-calls';
import { MAX_GATE_ASK_CHARS } from '../../../../src/lib/gate';
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

/**
 * Gives the page the Navigation API the address watch listens to; `go(url)` moves the page
 * to `url` the way a single-page app does (the address, then navigatesuccess).
 */
function navigable(p: FakeWindow): (url: string) => void {
  const navigation = new EventTarget();
  (p.win as unknown as { navigation: EventTarget }).navigation = navigation;
  return (url) => {
    Object.defineProperty(p.doc, 'URL', { value: url, configurable: true });
    navigation.dispatchEvent(new Event('navigatesuccess'));
  };
}

/** A background answering with `answer`, and the second (fake clock, from now) of each ask. */
function askedAt(answer: () => WakeAnswer) {
  const asked: number[] = [];
  const start0 = Date.now();
  const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => {
    asked.push(Math.round((Date.now() - start0) / 1000));
    return answer();
  });
  return { asked, wake };
}

let quiets: QuietLoader[] = [];
/** A quiet loader on `p`, as loader.js starts one in a new frame (those before it are stopped: one per frame). */
function start(p: FakeWindow, deps: Partial<QuietDeps> = {}) {
  for (const q of quiets.splice(0)) q.stop();
  const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => ({ awake: true, about: true }));
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
  it('starts once per frame: a second loader.js (injected again for its kit) finds the first and does nothing', () => {
    const p = page(RECIPE);
    const first = start(p);
    expect(first.quiet).toBe(true);
    const look = vi.spyOn(p.doc, 'getElementsByTagName');
    const wake = vi.fn();
    const second = new QuietLoader({ win: p.win, wake, trusted: isTrusted });
    quiets.push(second);
    expect(second.start()).toBe(false);
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBe(first.q);
    // It never looked at the page, and stopping it leaves the first one's handle.
    expect(look).not.toHaveBeenCalled();
    second.stop();
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBe(first.q);
    expect(wake).not.toHaveBeenCalled();
  });

  it('leaves its reader of the gate’s input for the awake loader (KIT_KEY), also where that runs already and asked for loader.js', () => {
    const g = globalThis as Record<string, unknown>;
    g[LOADER_KEY] = {}; // the awake loader, started first
    try {
      const p = page(ABOUT);
      const before = p.doc.documentElement.outerHTML;
      quiets.push(startQuietLoader(p.win));
      expect(g[QUIET_KEY]).toBeUndefined(); // nothing started beside the awake loader
      const kit = g[KIT_KEY] as LoaderKit;
      expect(kit.gateInput(p.doc)).toEqual(gateInput(p.doc));
      expect(kit.gateInput(p.doc).headline).toContain('al-Sharaa');
      expect(p.doc.documentElement.outerHTML).toBe(before);
    } finally {
      delete g[KIT_KEY];
    }
  });

  it('stays quiet on an unrelated page: no wake, nothing of the page touched, its handle left for the awake loader', () => {
    const p = page(RECIPE);
    const before = p.doc.documentElement.outerHTML;
    const { q, wake, quiet } = start(p);
    expect(quiet).toBe(true);
    expect(wake).not.toHaveBeenCalled();
    expect(p.doc.documentElement.outerHTML).toBe(before);
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBe(q);
  });

  it('where the prefilter finds a name, asks the background at once with the gate’s input, and keeps its verdict for the awake loader', async () => {
    const p = page(ABOUT.replace('<head>', '<head><link rel="canonical" href="/story">'));
    const { q, wake, quiet } = start(p);
    expect(quiet).toBe(false);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(wake.mock.calls[0]![0]).toEqual({
      url: 'https://news.example/a',
      canonical: '/story',
      gate: gateInput(p.doc),
    });
    expect(wake.mock.calls[0]![0]!.gate.paragraphs.join(' ')).toContain('Hmeimim');
    expect(q.verdict?.url).toBe('https://news.example/a');
    await expect(q.verdict?.about).resolves.toBe(true);
  });

  it('a name in passing the background leaves quiet: it listens, the reader’s selection then wakes it (no input), and text arriving late is asked about again', async () => {
    vi.useFakeTimers();
    const p = page(ABOUT);
    const wake = vi.fn(async (ask: WakeAsk | null): Promise<WakeAnswer> => ({
      awake: ask === null,
      about: ask === null ? null : false,
    }));
    const { q } = start(p, { wake });
    await vi.advanceTimersByTimeAsync(0);
    expect(q.verdict).toBeNull();
    p.selected.value = true;
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.advanceTimersByTimeAsync(0);
    expect(wake.mock.calls.map((c) => c[0])).toEqual([
      expect.objectContaining({ url: 'https://news.example/a' }),
      null,
    ]);
    expect(q.pending).toEqual(['selection']);

    // Another page, left quiet: more paragraphs later are asked about again.
    const r = page(ABOUT, 'https://news.example/b');
    const wakeR = vi.fn(async (): Promise<WakeAnswer> => ({ awake: false, about: false }));
    start(r, { wake: wakeR });
    await vi.advanceTimersByTimeAsync(0);
    r.doc.body.insertAdjacentHTML('beforeend', '<p>Damascus and Moscow talk about the bases.</p>');
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[0] + 10);
    expect(wakeR).toHaveBeenCalledTimes(2);
  });

  it('a page changing its address in a loop: after a "no", asked again at most once a second, about the last address', async () => {
    vi.useFakeTimers();
    const p = page(ABOUT);
    const go = navigable(p);
    const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => ({ awake: false, about: false }));
    start(p, { wake });
    await vi.advanceTimersByTimeAsync(0);
    expect(wake).toHaveBeenCalledTimes(1);
    for (let i = 1; i <= 100; i++) {
      go(`https://news.example/a${i}`);
      await vi.advanceTimersByTimeAsync(10);
    }
    // 1 s of changes, every 10 ms: one more ask, a second after the "no", about the address then.
    expect(wake).toHaveBeenCalledTimes(2);
    expect(wake.mock.calls[1]![0]).toMatchObject({
      url: expect.stringMatching(/^https:\/\/news\.example\/a(?:9\d|100)$/),
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(wake).toHaveBeenCalledTimes(2); // the address stopped changing: nothing more to ask
  });

  it('what changed while the background decided is looked at when it says no: a new address, more paragraphs', async () => {
    vi.useFakeTimers();
    for (const change of ['address', 'paragraphs'] as const) {
      const p = page(ABOUT);
      let answer!: (a: WakeAnswer) => void;
      const wake = vi.fn(
        (_ask: WakeAsk | null) =>
          new Promise<WakeAnswer>((r) => {
            answer = r;
          }),
      );
      start(p, { wake });
      expect(wake).toHaveBeenCalledTimes(1);
      if (change === 'address')
        Object.defineProperty(p.doc, 'URL', { value: 'https://news.example/b', configurable: true });
      else p.doc.body.insertAdjacentHTML('beforeend', '<p>Damascus and Moscow talk about the bases.</p>');
      answer({ awake: false, about: false });
      await vi.advanceTimersByTimeAsync(ASK_AGAIN_MS + 10);
      expect(wake, change).toHaveBeenCalledTimes(2);
      if (change === 'address') expect(wake.mock.calls[1]![0]).toMatchObject({ url: 'https://news.example/b' });
      else expect(wake.mock.calls[1]![0]!.gate.paragraphs.join(' ')).toContain('talk about the bases');
      answer({ awake: false, about: false });
      await vi.advanceTimersByTimeAsync(ASK_AGAIN_MS + 10);
      expect(wake, `${change}: nothing changed since`).toHaveBeenCalledTimes(2);
    }
  });

  it('a new address is looked at again for its text arriving late', async () => {
    vi.useFakeTimers();
    const p = page(RECIPE);
    const go = navigable(p);
    const { wake, quiet } = start(p);
    expect(quiet).toBe(true);
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1] + 10); // the load's late looks are over
    go('https://news.example/story');
    await vi.advanceTimersByTimeAsync(200);
    expect(wake).not.toHaveBeenCalled(); // the route's text is not there yet
    p.doc.body.insertAdjacentHTML('beforeend', parseHTML(ABOUT).document.body.innerHTML);
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[0]);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('a hash-routed app’s new route (only the fragment changes) is looked at', async () => {
    vi.useFakeTimers();
    const p = page(RECIPE);
    const go = navigable(p);
    const { wake, quiet } = start(p);
    expect(quiet).toBe(true);
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1] + 10); // the load's late looks are over
    // The route's text replaces the old one, paragraph for paragraph, before the address event.
    const paragraphs = [...p.doc.querySelectorAll('p')];
    paragraphs[0]!.textContent = 'Damascus and Moscow talk about the Russian bases at Hmeimim and Tartus.';
    go('https://news.example/a#/story/2');
    await vi.advanceTimersByTimeAsync(10);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('where the address is polled (no Navigation API: Firefox), a poll reads only the address', async () => {
    vi.useFakeTimers();
    const p = page(RECIPE);
    const { quiet } = start(p);
    expect(quiet).toBe(true);
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1] + 10);
    const count = vi.spyOn(p.doc, 'getElementsByTagName');
    await vi.advanceTimersByTimeAsync(10_000); // ten polls
    expect(count).not.toHaveBeenCalled();
  });

  it('a background that fails is asked again after a pause that doubles, however often the address changes', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = page(ABOUT);
    const go = navigable(p);
    const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => {
      throw new Error('no answer');
    });
    start(p, { wake });
    // A minute of address changes, one every 100 ms: asks at 0, 2, 6, 14 and 30 s.
    for (let i = 1; i <= 600; i++) {
      go(`https://news.example/a${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(wake).toHaveBeenCalledTimes(5);
    expect(wake.mock.calls.every(([ask]) => ask !== null)).toBe(true); // a failure on the way is not a refusal
    expect(warn).toHaveBeenCalledTimes(5);
    expect(ASK_AGAIN_MS * 2 ** MAX_BACKOFF_DOUBLINGS).toBeGreaterThanOrEqual(60_000);
  });

  it('the pause stops doubling at 64 s: a background that keeps failing is still asked about once a minute', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = page(ABOUT);
    const go = navigable(p);
    const { asked, wake } = askedAt(() => {
      throw new Error('no answer');
    });
    start(p, { wake });
    // Ten minutes of a page changing its address every second.
    for (let i = 1; i <= 600; i++) {
      go(`https://news.example/a${i}`);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(asked).toEqual([0, 2, 6, 14, 30, 62, 126, 190, 254, 318, 382, 446, 510, 574]);
  });

  it('a success ends the back-off: the next failure pauses 2 s again, not the 8 s a third failure in a row would', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = page(ABOUT);
    const go = navigable(p);
    const answers: ('fail' | 'quiet')[] = ['fail', 'fail', 'quiet', 'fail'];
    const { asked, wake } = askedAt(() => {
      if ((answers.shift() ?? 'quiet') === 'fail') throw new Error('no answer');
      return { awake: false, about: false }; // a name in passing: quiet
    });
    start(p, { wake });
    await vi.advanceTimersByTimeAsync(6_500); // asks at 0 and 2 fail; the one at 6 s leaves the page quiet
    go('https://news.example/b'); // 6.5 s: asked no sooner than 1 s after the "no", at 7 s; it fails
    await vi.advanceTimersByTimeAsync(20_000);
    expect(asked).toEqual([0, 2, 6, 7, 9]);
  });

  it('a background not ready yet is asked again after the pause, though the page does not change', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => {
      if (++calls === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { awake: true, about: true };
    });
    start(page(ABOUT), { wake });
    await vi.advanceTimersByTimeAsync(0);
    expect(wake).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * ASK_AGAIN_MS + 10);
    expect(wake).toHaveBeenCalledTimes(2);
    expect(wake.mock.calls[1]![0]).not.toBeNull();
  });

  it('routes without a leading slash (#inbox/FMfcg…, #path=/mail) are new pages too', async () => {
    vi.useFakeTimers();
    const p = page(RECIPE, 'https://mail.example/u/0/#inbox');
    const go = navigable(p);
    const { wake } = start(p);
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1] + 10);
    p.doc.querySelector('p')!.textContent = 'Damascus and Moscow talk about the Russian bases at Hmeimim and Tartus.';
    go('https://mail.example/u/0/#inbox/FMfcg123');
    await vi.advanceTimersByTimeAsync(10);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('an orphan (the extension updated or removed under the page) stops for good, silently', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const p = page(ABOUT);
    const go = navigable(p);
    const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => {
      throw new ExtensionGone('Extension context invalidated.');
    });
    start(p, { wake });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 100; i++) {
      go(`https://news.example/a${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    p.selected.value = true;
    p.doc.dispatchEvent(trusted(evt('mouseup', { button: 0 })));
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1]);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
    expect((globalThis as Record<string, unknown>)[QUIET_KEY]).toBeUndefined();
  });

  it('an in-page anchor (a footnote, a scroll-spy rewriting the fragment) is the same page: not looked at again', async () => {
    vi.useFakeTimers();
    const p = page(ABOUT);
    const go = navigable(p);
    const wake = vi.fn(async (_ask: WakeAsk | null): Promise<WakeAnswer> => ({ awake: false, about: false }));
    start(p, { wake });
    await vi.advanceTimersByTimeAsync(LATE_LOOKS_MS[1] + 10);
    expect(wake).toHaveBeenCalledTimes(1);
    for (let i = 1; i <= 100; i++) {
      go(`https://news.example/a#section-${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('an ask the background refuses is made again without the input: the awake loader decides, as before', async () => {
    const calls: (WakeAsk | null)[] = [];
    const wake = vi.fn(async (ask: WakeAsk | null): Promise<WakeAnswer> => {
      calls.push(ask);
      if (ask !== null) throw new WakeRefused('invalid payload');
      return { awake: true, about: null };
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { q } = start(page(ABOUT), { wake });
    await expect(q.verdict?.about).resolves.toBeNull();
    expect(calls.map((c) => c === null)).toEqual([false, true]);
  });

  it('what it sends is what the background accepts (the protocol’s schema), at the limits too', () => {
    const accepts = (ask: WakeAsk | null) => v.safeParse(protocol['content/awake'].request, ask ?? {}).success;
    const long = (n: number) => `/${'x'.repeat(n - 1)}`;
    const cases = [
      ABOUT,
      ABOUT.replace('<head>', `<head><link rel="canonical" href="${long(MAX_URL)}">`),
      ABOUT.replace('<head>', `<head><link rel="canonical" href="${long(MAX_URL + 1)}">`),
      ABOUT.replace('<head>', `<head><meta property="og:title" content="${'Syria '.repeat(20_000)}">`).replace(
        /<h1>.*<\/h1>/,
        '',
      ),
      ABOUT.replace('</article>', `<p>Damascus ${'word '.repeat(MAX_GATE_ASK_CHARS / 5)}</p></article>`),
    ];
    for (const html of cases) {
      const { wake } = start(page(html));
      const sent = wake.mock.calls[0]![0];
      expect(accepts(sent), html.slice(0, 200)).toBe(true);
    }
    // The page's own address too long to keep: the plain ask.
    const { wake } = start(page(ABOUT, `https://news.example/${'a'.repeat(MAX_URL)}`));
    expect(wake).toHaveBeenCalledWith(null);
  });

  it('sends no input larger than the background accepts (one enormous paragraph): the plain ask', () => {
    const huge = `<p>Damascus ${'word '.repeat(MAX_GATE_ASK_CHARS / 5)}</p>`;
    const { wake } = start(page(ABOUT.replace('</article>', `${huge}</article>`)));
    expect(wake).toHaveBeenCalledWith(null);
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
    const wake = vi.fn(async (): Promise<WakeAnswer> => {
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

  it('on a real page, what the browser answers decides: refused → asked plainly; the extension gone → stopped', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const g = globalThis as Record<string, unknown>;
    const sent: unknown[] = [];
    const chrome = (reply: (payload: unknown) => unknown) => ({
      runtime: {
        id: 'glossa',
        sendMessage: async (m: { payload: unknown }) => {
          sent.push(m.payload);
          return reply(m.payload);
        },
      },
    });
    const browser = g['browser']; // WXT's fake browser, which rawBrowser() would find first
    delete g['browser'];
    try {
      g['chrome'] = chrome((payload) =>
        Object.keys(payload as object).length > 0
          ? { ok: false, error: 'Invalid payload' }
          : { ok: true, value: { awake: true, about: null } },
      );
      const refused = startQuietLoader(page(ABOUT).win);
      quiets.push(refused);
      await vi.waitFor(() => expect(sent).toHaveLength(2));
      expect(sent[1]).toEqual({});

      sent.length = 0;
      g['chrome'] = chrome(() => {
        throw new Error('Extension context invalidated.');
      });
      for (const q of quiets.splice(0)) q.stop();
      const orphan = startQuietLoader(page(ABOUT).win);
      quiets.push(orphan);
      await vi.waitFor(() => expect(g[QUIET_KEY]).toBeUndefined());
      expect(sent).toHaveLength(1);

      // A failure after which the API is gone (the extension removed while the ask was out),
      // whatever its words: gone, stopped, not asked again.
      sent.length = 0;
      g['chrome'] = chrome(() => {
        delete g['chrome'];
        throw new Error('Could not establish connection. Receiving end does not exist.');
      });
      for (const q of quiets.splice(0)) q.stop();
      const removed = startQuietLoader(page(ABOUT).win);
      quiets.push(removed);
      await vi.waitFor(() => expect(g[QUIET_KEY]).toBeUndefined());
      expect(sent).toHaveLength(1);

      sent.length = 0;
      delete g['chrome']; // no API at all: gone too
      for (const q of quiets.splice(0)) q.stop();
      const none = startQuietLoader(page(ABOUT).win);
      quiets.push(none);
      await vi.waitFor(() => expect(g[QUIET_KEY]).toBeUndefined());
    } finally {
      delete g['chrome'];
      g['browser'] = browser;
    }
  });
});
