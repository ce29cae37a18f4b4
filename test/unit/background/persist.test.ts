/** Asking the browser to keep Glossa's storage: logged, never thrown. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepStorage } from '../../../src/background/persist';

afterEach(() => vi.restoreAllMocks());

describe('keepStorage', () => {
  it('asks once storage is not yet persistent, and says what the browser answered', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const persist = vi.fn(async () => true);
    expect(await keepStorage({ persisted: async () => false, persist })).toBe('persisted');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await keepStorage({ persisted: async () => true, persist })).toBe('persisted');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await keepStorage({ persisted: async () => false, persist: async () => false })).toBe('refused');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('did not grant persistent storage'));
    expect(await keepStorage(undefined)).toBe('unavailable');
    expect(await keepStorage({})).toBe('unavailable');
    expect(info).toHaveBeenCalled();
  });

  it('never throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = {
      persist: async () => {
        throw new DOMException('nope', 'InvalidStateError');
      },
    };
    await expect(keepStorage(failing)).resolves.toBe('failed');
    expect(warn).toHaveBeenCalledWith('Glossa: could not ask the browser to keep storage', expect.anything());
  });
});
