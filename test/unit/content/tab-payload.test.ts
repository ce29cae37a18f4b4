/**
 * The tab calls' payload check on a page: the main chunk holds no schemas (they are the
 * UI chunk's, src/content/main.ts says why), so a call with a payload loads the UI chunk
 * and is checked there; the two calls without one load nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkTabPayload } from '../../../src/content/main';
import { parseTabPayload } from '../../../src/lib/protocol/tab-calls';

describe('checkTabPayload (the main chunk)', () => {
  it('answers page/state and page/annotate without the UI chunk, and passes on nothing that came', async () => {
    const ui = vi.fn(async () => ({ check: parseTabPayload }));
    const check = checkTabPayload(ui);
    expect(await check('page/state', {})).toEqual({ payload: {} });
    expect(await check('page/annotate', { force: true, html: '<img src=x>' })).toEqual({ payload: {} });
    expect(ui).not.toHaveBeenCalled();
  });

  it('checks every other call with the UI chunk’s schemas', async () => {
    const ui = vi.fn(async () => ({ check: parseTabPayload }));
    const check = checkTabPayload(ui);
    expect(await check('page/reveal', { entityId: 'latakia-governorate' })).toEqual({
      payload: { entityId: 'latakia-governorate' },
    });
    expect(await check('page/reveal', { entityId: 'Latakia <b>' })).toEqual({
      error: expect.stringMatching(/^Invalid payload for "page\/reveal": must be an entity id/),
    });
    expect(await check('page/command', { command: 'next-entity', extra: 1 })).toEqual({
      error: expect.stringMatching(/^Invalid payload for "page\/command": /),
    });
    expect(ui).toHaveBeenCalledTimes(3);
  });

  it('where the UI chunk cannot load, the call fails (nothing is passed on unchecked)', async () => {
    const check = checkTabPayload(async () => {
      throw new Error('the UI chunk did not start');
    });
    await expect(check('highlights/reveal', { id: 'h1' })).rejects.toThrow('the UI chunk did not start');
  });
});

describe('parseTabPayload (the UI chunk)', () => {
  it('takes each call’s payload as its schema says', () => {
    expect(parseTabPayload('highlights/reveal', { id: 'h1', edit: true })).toEqual({
      payload: { id: 'h1', edit: true },
    });
    expect(parseTabPayload('highlights/selection', { source: 'page' })).toEqual({
      error: expect.stringMatching(/^Invalid payload for "highlights\/selection": /),
    });
    expect(parseTabPayload('note-frame/event', { highlightId: 'h1', event: 'resize', height: 120 })).toEqual({
      payload: { highlightId: 'h1', event: 'resize', height: 120 },
    });
    expect('error' in parseTabPayload('note-frame/event', { highlightId: 'h1', event: 'resize' })).toBe(true);
    expect(parseTabPayload('page/explode' as never, {})).toEqual({ error: 'Unknown tab call "page/explode"' });
  });
});
