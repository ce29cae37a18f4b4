/**
 * The popup against a real (fake-indexeddb) database, rendered with Preact into a
 * linkedom document: no DOM test environment is installed, so no @testing-library here.
 * The tab it describes is a fake (see components/page/PageView.test.tsx for the page view itself).
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KbStatusView, LOADING_TEXT } from '../../../../src/components/KbStatusView';
import { App } from '../../../../src/entrypoints/popup/App';
import { AppDB } from '../../../../src/storage/db/app-db';
import { loadKb } from '../../../../src/storage/db/kb-loader';
import type { KbStatus } from '../../../../src/storage/db/status';
import { makeKb, uniqueDbName } from '../../support/db-fixtures';
import { FAST, fakeConnection } from '../../support/fake-connection';

let container: HTMLElement;
let db: AppDB;

beforeEach(() => {
  const { document } = parseHTML('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-popup'));
});

afterEach(async () => {
  render(null, container);
  db.close();
  await db.delete();
});

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);
const text = (id: string) => byTestId(id)?.textContent ?? null;

describe('popup App', () => {
  it('shows the loading state until the KB is loaded, then the real counts (live)', async () => {
    render(<App db={db} connection={fakeConnection()} timing={FAST} />, container);
    await vi.waitFor(() => expect(text('kb-loading')).toBe(LOADING_TEXT));
    expect(byTestId('kb-sources')).toBeNull();

    const kb = makeKb('v1');
    await loadKb(db, kb);

    await vi.waitFor(() => expect(text('kb-sources')).toBe(String(kb.sources.length)));
    expect(text('kb-entities')).toBe(String(kb.entities.length));
    expect(text('kb-claims')).toBe(String(kb.claims.length));
    expect(text('kb-mentions')).toBe(String(kb.mentions.length));
    expect(text('kb-corroboration')).toBe(String(kb.corroboration.length));
    expect(byTestId('kb-loading')).toBeNull();
    expect(byTestId('kb-error')).toBeNull();
  });

  it('updates when a new KB version replaces the old one', async () => {
    await loadKb(db, makeKb('v1', 'a'));
    render(<App db={db} connection={fakeConnection()} timing={FAST} />, container);
    await vi.waitFor(() => expect(text('kb-entities')).toBe('4'));
    await loadKb(db, makeKb('v2', 'b'));
    await vi.waitFor(() => expect(text('kb-mentions')).toBe(String(makeKb('v2', 'b').mentions.length)));
    expect(text('kb-entities')).toBe('4'); // moscow out, damascus in
  });

  it('shows the error state with the loader’s message', async () => {
    const broken = makeKb('v1');
    broken.sources.push({ ...broken.sources[0]! });
    await loadKb(db, broken).catch(() => {});
    render(<App db={db} connection={fakeConnection()} timing={FAST} />, container);
    await vi.waitFor(() =>
      expect(text('kb-error')).toMatch(/^Could not load the knowledge base \(version v1\): .*ConstraintError/s),
    );
    expect(byTestId('kb-loading')).toBeNull();
    expect(byTestId('kb-sources')).toBeNull(); // nothing loaded before
  });

  it('is accessible: one h1 "Glossa", every section labelled by an h2, polite live status regions', async () => {
    render(<App db={db} connection={fakeConnection()} timing={FAST} />, container);
    await vi.waitFor(() => expect(byTestId('kb-loading')).not.toBeNull());
    expect([...container.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Glossa']);
    for (const section of container.querySelectorAll('section')) {
      const headingId = section.getAttribute('aria-labelledby');
      expect(headingId && container.querySelector(`#${headingId}`)?.tagName).toBe('H2');
    }
    const lives = [...container.querySelectorAll('[aria-live="polite"]')];
    expect(lives.every((l) => l.getAttribute('role') === 'status')).toBe(true);
    expect(lives.some((l) => l.contains(byTestId('kb-loading')))).toBe(true);
    // The page view says the KB is loading too.
    expect(byTestId('notice-loading')?.textContent).toBe(LOADING_TEXT);
  });

  it('shows the page view for the tab: its entities once the KB is there', async () => {
    await loadKb(db, makeKb('v1'));
    render(<App db={db} connection={fakeConnection()} timing={FAST} />, container);
    await vi.waitFor(() =>
      expect(container.querySelectorAll('[data-testid="entity-list"] .entity-item').length).toBe(4),
    );
    expect(byTestId('page-view')?.getAttribute('data-notice')).toBe('none');
  });
});

describe('KbStatusView', () => {
  const ready: KbStatus = {
    state: 'ready',
    version: 'abcdef0123456789',
    counts: {
      sources: 12,
      entities: 80,
      claims: 1234,
      mentions: 5000,
      corroboration: 7,
    },
  };

  it('renders the counts as plain numbers, labelled', () => {
    render(<KbStatusView status={ready} />, container);
    expect(text('kb-claims')).toBe('1234');
    const labels = [...container.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual(['Sources', 'Entities', 'Claims', 'Mentions', 'Corroborated groups']);
    expect(text('kb-version')).toBe('Version abcdef012345…');
  });

  it('while a (new) KB is loading, shows the loading state, not the old counts', () => {
    render(<KbStatusView status={{ ...ready, state: 'loading' }} />, container);
    expect(text('kb-loading')).toBe('Loading the knowledge base…');
    expect(byTestId('kb-sources')).toBeNull();
  });

  it('renders an error message as text, never as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"> <b>bold</b>';
    render(<KbStatusView status={{ ...ready, state: 'error', version: null, error: hostile }} />, container);
    expect(text('kb-error')).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('on error with a previous KB, says so and still shows its size', () => {
    render(<KbStatusView status={{ ...ready, state: 'error', error: 'Disk full' }} />, container);
    expect(text('kb-error')).toBe('Disk full');
    expect(text('kb-sources')).toBe('12');
  });

  it('shows a read error (e.g. the database failed to open)', () => {
    render(<KbStatusView status={undefined} readError="Could not read the knowledge base: boom" />, container);
    expect(text('kb-error')).toBe('Could not read the knowledge base: boom');
    expect(byTestId('kb-loading')).toBeNull();
  });
});
