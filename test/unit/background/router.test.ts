import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import type { EntityCard } from '../../../src/lib/cards/types';
import { loadKb } from '../../../src/storage/db/kb-loader';
import { createHandlers } from '../../../src/background/handlers';
import { callerOf, dispatch, registerHandlers } from '../../../src/background/router';
import {
  protocol,
  type Caller,
  type Handlers,
  type ResponseOf,
  type Result,
} from '../../../src/lib/protocol/background-calls';
import { sendMessage } from '../../../src/platform/messaging';
import { makeKb, uniqueDbName } from '../support/db-fixtures';
import { HIGHLIGHT_CALLS, type HighlightCall } from '../../../src/background/highlights';
import { contentScript, extensionPage, sendAs, type Sender } from '../support/senders';

let db: AppDB;
let unregister: () => void;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-protocol'));
  await loadKb(db, makeKb('v1'));
  unregister = registerHandlers(createHandlers(db));
});

afterEach(async () => {
  unregister();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

describe('protocol through the fake browser', () => {
  it('cards/for-entities from an extension page answers with the cards', async () => {
    sendAs(extensionPage());
    const kb = makeKb('v1');
    const id = kb.entities[0]!.id;
    const result = await sendMessage('cards/for-entities', { entityIds: [id] });
    expect(result).toMatchObject({ ok: true, value: [{ id }] });
  });

  it('cards/for-entities from a content script (sender.tab) is allowed', async () => {
    sendAs(contentScript());
    const result = await sendMessage('cards/for-entities', { entityIds: [] });
    expect(result.ok).toBe(true);
  });

  it('an invalid payload gets an error response', async () => {
    sendAs(extensionPage());
    const extra = await sendMessage('cards/for-entities', { entityIds: [], extra: 1 } as never);
    expect(extra).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid payload for "cards\/for-entities": /),
    });
    const missing = await sendMessage('cards/for-entities', undefined as never);
    expect(missing).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid payload/),
    });
  });

  it('an unknown type gets an error response', async () => {
    sendAs(extensionPage());
    const result = await sendMessage('kb/nope' as never, {} as never);
    expect(result).toEqual({
      ok: false,
      error: 'Unknown message type "kb/nope"',
    });
  });

  it('a malformed message gets an error response', async () => {
    sendAs(extensionPage());
    await expect(browser.runtime.sendMessage('hello')).resolves.toEqual({
      ok: false,
      error: 'Malformed message: expected { type: string, payload }',
    });
    await expect(browser.runtime.sendMessage({ payload: {} })).resolves.toMatchObject({ ok: false });
  });

  it.each<[string, Sender]>([
    [
      'another extension',
      {
        id: 'other-extension-id',
        url: 'chrome-extension://other-extension-id/x.html',
      },
    ],
    ['a sender without id', { url: 'https://evil.example/' }],
    ['a web page of this extension id but no tab', { id: 'test-extension-id', url: 'https://news.example/' }],
    ['an empty sender (the fake browser default)', {}],
    [
      'a page URL that only looks like ours',
      {
        id: 'test-extension-id',
        url: 'https://evil.example/chrome-extension://test-extension-id/',
      },
    ],
  ])('rejects %s', async (_label, sender) => {
    sendAs(sender);
    const result = await sendMessage('cards/for-entities', { entityIds: [] });
    expect(result).toEqual({
      ok: false,
      error: 'Rejected: the sender is not part of this extension',
    });
  });

  it('with the fake browser’s own (empty) sender, calls are rejected, not dropped', async () => {
    // No sendAs(): the stock fake sendMessage passes `{}` as sender.
    await expect(sendMessage('cards/for-entities', { entityIds: [] })).resolves.toEqual({
      ok: false,
      error: 'Rejected: the sender is not part of this extension',
    });
  });

  it('a throwing handler becomes an error response', async () => {
    unregister();
    const failing: Handlers = {
      'cards/for-entities': () => {
        throw new Error('database closed');
      },
      'reader/open': () => {
        throw new Error('database closed');
      },
      'note-frame/event': () => {
        throw new Error('database closed');
      },
      'content/activate': () => {
        throw new Error('database closed');
      },
      'content/awake': () => {
        throw new Error('database closed');
      },
      'content/recognize': () => {
        throw new Error('database closed');
      },
      'content/gate': () => {
        throw new Error('database closed');
      },
      ...(Object.fromEntries(
        HIGHLIGHT_CALLS.map((k) => [
          k,
          () => {
            throw new Error('database closed');
          },
        ]),
      ) as unknown as Pick<Handlers, HighlightCall>),
    };
    unregister = registerHandlers(failing);
    sendAs(extensionPage());
    await expect(sendMessage('cards/for-entities', { entityIds: [] })).resolves.toEqual({
      ok: false,
      error: '"cards/for-entities" failed: database closed',
    });
  });

  it('the listener answers via sendResponse and returns true synchronously', async () => {
    const sendResponse = vi.fn();
    const returned = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'cards/for-entities', payload: { entityIds: [] } },
      extensionPage(),
      sendResponse,
    );
    expect(returned).toEqual([true]);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1));
    expect(sendResponse.mock.calls[0]?.[0]).toMatchObject({ ok: true });
  });

  it('sendMessage turns transport failures into error results', async () => {
    unregister();
    // No listener: the fake browser rejects like Chrome's "Receiving end does not exist".
    await expect(sendMessage('cards/for-entities', { entityIds: [] })).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/could not reach the background/),
    });
    unregister = () => {};
  });
});

describe('callerOf', () => {
  it('classifies this extension’s pages and content scripts, and nothing else', () => {
    expect(callerOf(extensionPage())).toBe('extension-page');
    // An extension page open in a tab is still an extension page.
    expect(callerOf({ ...extensionPage(), tab: contentScript().tab })).toBe('extension-page');
    expect(callerOf(contentScript())).toBe('content-script');
    expect(callerOf({ ...contentScript(), id: 'other' })).toBeNull();
    expect(callerOf(undefined)).toBeNull();
  });
});

describe('dispatch', () => {
  it('checks the sender before anything else', async () => {
    const handlers = createHandlers(db);
    await expect(dispatch(handlers, { type: 'kb/nope', payload: {} }, {})).resolves.toEqual({
      ok: false,
      error: 'Rejected: the sender is not part of this extension',
    });
  });

  it('rejects a caller the call does not allow', async () => {
    // cards/for-entities allows both callers; narrow it for this test, as a page-only call would be.
    const def = protocol['cards/for-entities'] as { allow: readonly Caller[] };
    const original = def.allow;
    def.allow = ['extension-page'];
    try {
      const handlers = createHandlers(db);
      await expect(
        dispatch(handlers, { type: 'cards/for-entities', payload: { entityIds: [] } }, contentScript()),
      ).resolves.toEqual({
        ok: false,
        error: 'Rejected: "cards/for-entities" may not be called from a content-script',
      });
      await expect(
        dispatch(handlers, { type: 'cards/for-entities', payload: { entityIds: [] } }, extensionPage()),
      ).resolves.toMatchObject({
        ok: true,
      });
    } finally {
      def.allow = original;
    }
  });
});

describe('types', () => {
  it('sendMessage is typed by the protocol map', () => {
    expectTypeOf<ResponseOf<'cards/for-entities'>>().toEqualTypeOf<EntityCard[]>();
    expectTypeOf(sendMessage<'cards/for-entities'>).returns.resolves.toEqualTypeOf<Result<EntityCard[]>>();
  });
});
