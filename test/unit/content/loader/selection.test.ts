/**
 * The address watch both loaders keep (src/content/loader/selection.ts, watchAddress):
 * where the Navigation API is there, its navigatesuccess alone (it follows pushState,
 * replaceState, a new fragment, back and forward: seen in Chromium 156 and Firefox 153);
 * elsewhere a poll with popstate and hashchange. On every page the quiet loader runs: a
 * listener it need not add is one less call into its world.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCATION_POLL_MS, watchAddress } from '../../../../src/content/loader/selection';

/** A window with what watchAddress uses, and the listeners added to it. */
function fakeWindow(navigation: boolean) {
  const win = new EventTarget() as EventTarget & Record<string, unknown>;
  const added: string[] = [];
  const add = win.addEventListener.bind(win);
  win.addEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject | null, unknown?]) => {
    added.push(type);
    add(type, ...(rest as [EventListenerOrEventListenerObject | null]));
  };
  win.setInterval = (fn: () => void, ms: number) => setInterval(fn, ms);
  win.clearInterval = (id: number) => clearInterval(id);
  const nav = new EventTarget();
  if (navigation) win.navigation = nav;
  return { win: win as unknown as Window, nav, added };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('watchAddress', () => {
  it('with the Navigation API: navigatesuccess only, no poll, and the undo removes it', () => {
    vi.useFakeTimers();
    const { win, nav, added } = fakeWindow(true);
    const check = vi.fn();
    const undo = watchAddress(win, check);
    expect(added).toEqual([]);
    nav.dispatchEvent(new Event('navigatesuccess'));
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LOCATION_POLL_MS * 3);
    win.dispatchEvent(new Event('popstate'));
    expect(check).toHaveBeenCalledTimes(1);
    undo();
    nav.dispatchEvent(new Event('navigatesuccess'));
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('without it: a poll, popstate and hashchange, all undone', () => {
    vi.useFakeTimers();
    const { win, added } = fakeWindow(false);
    const check = vi.fn();
    const undo = watchAddress(win, check);
    expect(added.sort()).toEqual(['hashchange', 'popstate']);
    vi.advanceTimersByTime(LOCATION_POLL_MS * 2);
    expect(check).toHaveBeenCalledTimes(2);
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    expect(check).toHaveBeenCalledTimes(4);
    undo();
    vi.advanceTimersByTime(LOCATION_POLL_MS * 2);
    win.dispatchEvent(new Event('popstate'));
    expect(check).toHaveBeenCalledTimes(4);
  });
});
