/**
 * The content script's tab router (src/content/loader/router.ts): who it answers, and
 * that no payload reaches a handler unchecked once the main chunk installed its check —
 * a check that may first load the code that does it (the UI chunk's schemas).
 */
import { describe, expect, it, vi } from 'vitest';
import { TabRouter } from '../../../../src/content/loader/router';
import type { PageSnapshot } from '../../../../src/lib/protocol/tab-calls';
import type { RawBrowser, RawSender } from '../../../../src/platform/raw-browser';

type OnMessage = (message: unknown, sender: RawSender, sendResponse: (answer: unknown) => void) => unknown;

function fakeApi() {
  let onMessage: OnMessage | null = null;
  const api = {
    runtime: {
      id: 'glossa-id',
      getURL: (path: string) => `chrome-extension://glossa-id${path}`,
      sendMessage: async () => undefined,
      onMessage: { addListener: (fn: OnMessage) => (onMessage = fn), removeListener: () => (onMessage = null) },
      onConnect: { addListener: () => undefined, removeListener: () => undefined },
    },
    storage: {
      local: { get: async () => ({}) },
      onChanged: { addListener: () => undefined, removeListener: () => undefined },
    },
  } as unknown as RawBrowser;
  /** One call as the background sends it (no url: Chrome's service worker); its answer. */
  const call = (type: string, payload: unknown, sender: RawSender = { id: 'glossa-id' }) =>
    new Promise<unknown>((resolve) => {
      const kept = onMessage!({ to: 'glossa-tab', type, payload }, sender, resolve);
      if (kept !== true) resolve('not answered');
    });
  return { api, call };
}

const snapshot = () => ({ url: 'https://example.com/' }) as PageSnapshot;

describe('TabRouter', () => {
  it('answers only this extension: not another extension, not a content script', async () => {
    const { api, call } = fakeApi();
    const router = new TabRouter(api, snapshot);
    router.handle('page/state', () => snapshot());
    router.start();
    expect(await call('page/state', {})).toEqual({ ok: true, value: snapshot() });
    expect(await call('page/state', {}, { id: 'other-extension' })).toBe('not answered');
    expect(await call('page/state', {}, { id: 'glossa-id', url: 'https://example.com/' })).toBe('not answered');
    expect(await call('page/state', {}, { id: 'glossa-id', url: 'chrome-extension://glossa-id/popup.html' })).toEqual({
      ok: true,
      value: snapshot(),
    });
  });

  it('refuses a payload that is not an object before any check or handler', async () => {
    const { api, call } = fakeApi();
    const router = new TabRouter(api, snapshot);
    const handler = vi.fn(() => null);
    const validate = vi.fn((_type: string, payload: unknown) => ({ payload }));
    router.handle('page/command', handler);
    router.setValidator(validate);
    router.start();
    for (const bad of [null, 'next-entity', 7, undefined])
      expect(await call('page/command', bad)).toEqual({ ok: false, error: 'Invalid payload for "page/command"' });
    expect(validate).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('waits for a check that loads first, and passes on only what it returns', async () => {
    const { api, call } = fakeApi();
    const router = new TabRouter(api, snapshot);
    const handler = vi.fn((payload: unknown) => payload);
    router.handle('page/reveal', handler as never);
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    router.setValidator(async (_type, payload) => {
      await loaded;
      const id = (payload as { entityId?: unknown }).entityId;
      return typeof id === 'string' ? { payload: { entityId: id } } : { error: 'entityId: must be a string' };
    });
    router.start();
    const good = call('page/reveal', { entityId: 'latakia', extra: '<img>' });
    const bad = call('page/reveal', { entityId: 42 });
    await new Promise((r) => setTimeout(r, 10));
    expect(handler, 'nothing runs before the check').not.toHaveBeenCalled();
    release();
    expect(await good).toEqual({ ok: true, value: { entityId: 'latakia' } });
    expect(await bad).toEqual({ ok: false, error: 'entityId: must be a string' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a check that fails to load (the UI chunk not injected) answers an error, and runs nothing', async () => {
    const { api, call } = fakeApi();
    const router = new TabRouter(api, snapshot);
    const handler = vi.fn(() => null);
    router.handle('highlights/reattach', handler);
    router.setValidator(async () => {
      throw new Error('the UI chunk did not start');
    });
    router.start();
    expect(await call('highlights/reattach', { id: 'h1' })).toEqual({
      ok: false,
      error: '"highlights/reattach" failed: the UI chunk did not start',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('replays a call held for the main chunk through the same check', async () => {
    const { api } = fakeApi();
    const router = new TabRouter(api, snapshot);
    router.handle('page/reveal', ((p: unknown) => p) as never);
    router.setValidator(async (_t, payload) =>
      (payload as { entityId?: unknown }).entityId === 'latakia' ? { payload } : { error: 'refused' },
    );
    await expect(router.replay('page/reveal', { entityId: 'latakia' })).resolves.toEqual({ entityId: 'latakia' });
    await expect(router.replay('page/reveal', { entityId: 'x y' })).rejects.toThrow('refused');
  });
});
