/**
 * The awake loader's composition (src/content/loader/index.ts): the reader of the gate's
 * input comes from loader.js (KIT_KEY), which the background injects where it never ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KIT_KEY, type LoaderKit } from '../../../../src/content/loader/contract';
import { loaderKit } from '../../../../src/content/loader/index';
import type { RawBrowser } from '../../../../src/platform/raw-browser';

const g = globalThis as Record<string, unknown>;
const kit: LoaderKit = { gateInput: () => ({ headline: 'h', lead: '', paragraphs: [] }) };

/** An extension API whose background answers `content/activate` with `answer`, after `ran`. */
function api(answer: unknown, ran: () => void = () => undefined) {
  const sent: unknown[] = [];
  const browser = {
    runtime: {
      sendMessage: async (m: unknown) => {
        sent.push(m);
        ran();
        return answer;
      },
    },
  } as unknown as RawBrowser;
  return { sent, browser };
}

afterEach(() => {
  delete g[KIT_KEY];
});

describe('loaderKit', () => {
  it('takes what loader.js left, and asks for nothing', async () => {
    g[KIT_KEY] = kit;
    const { sent, browser } = api({ ok: true, value: null });
    expect(await loaderKit(browser)).toBe(kit);
    expect(sent).toEqual([]);
  });

  it('where loader.js never ran, has the background inject it first, then takes its kit', async () => {
    const { sent, browser } = api({ ok: true, value: null }, () => (g[KIT_KEY] = kit));
    expect(await loaderKit(browser)).toBe(kit);
    expect(sent).toEqual([{ type: 'content/activate', payload: { chunk: 'kit' } }]);
  });

  it('fails clearly where the injection is refused, or leaves no kit', async () => {
    await expect(loaderKit(api({ ok: false, error: 'no tab to start in' }).browser)).rejects.toThrow(
      'no tab to start in',
    );
    await expect(loaderKit(api({ ok: true, value: null }).browser)).rejects.toThrow(
      'loader.js ran without leaving its kit',
    );
  });
});
