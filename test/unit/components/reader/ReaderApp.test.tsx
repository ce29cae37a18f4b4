/** The source reader against a real (fake-indexeddb) database, rendered into linkedom. */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderApp } from '../../../../src/components/reader/ReaderApp';
import { AppDB } from '../../../../src/storage/db/app-db';
import { loadKb } from '../../../../src/storage/db/kb-loader';
import { makeKb, uniqueDbName } from '../../support/db-fixtures';

let container: HTMLElement;
let document: Document;
let db: AppDB;

beforeEach(async () => {
  const dom = parseHTML(
    '<!doctype html><html lang="en"><head><title>x</title></head><body><div id="app"></div></body></html>',
  );
  document = dom.document as unknown as Document;
  container = document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-reader'));
});

afterEach(async () => {
  render(null, container);
  db.close();
  await db.delete();
});

const $ = (s: string) => container.querySelector(s);
const $$ = (s: string) => [...container.querySelectorAll(s)];
const at = (search: string, hash = '') => ({ search, hash });

describe('ReaderApp', () => {
  it('says the KB is loading until it is there', async () => {
    const onContent = vi.fn();
    render(<ReaderApp db={db} location={at('?view=index')} onContent={onContent} />, container);
    await vi.waitFor(() =>
      expect($('[data-testid="reader-loading"]')?.textContent).toBe('Loading the knowledge base…'),
    );
    expect(onContent).not.toHaveBeenCalled();
    await loadKb(db, makeKb('v1'));
    await vi.waitFor(() => expect($('[data-testid="index-page"]')).not.toBeNull());
    await vi.waitFor(() => expect(onContent).toHaveBeenCalledOnce());
  });

  it('a source: its metadata, its text with the target claim marked, its entities and claims', async () => {
    await loadKb(db, makeKb('v1'));
    render(<ReaderApp db={db} location={at('?source=src-a', '#claim=src-a%231')} />, container);
    await vi.waitFor(() => expect($('[data-testid="source"]')).not.toBeNull());
    expect($('h1')?.textContent).toBe('Al-Sharaa in Moscow');
    const meta = $('[data-testid="source-meta"]')!.textContent;
    expect(meta).toContain('OutletExample Wire');
    expect(meta).toContain('AuthorA. Reporter');
    expect(meta).toContain('Date15 Oct 2025');
    expect(meta).toContain('2 claims, 4 entities');
    expect($('[data-testid="source-text"]')?.textContent).toBe(
      'Ahmed al-Sharaa met Vladimir Putin in Moscow on October 15, 2025.They discussed Russian bases in Syria.',
    );
    expect($('[data-testid="target-claim"]')?.textContent).toBe('They discussed Russian bases in Syria.');
    // Entities named in the article link to their pages.
    const links = $$('[data-testid="entity-list"] a.entity-item').map((a) => a.getAttribute('href'));
    expect(links).toContain('/reader.html?entity=moscow');
    // Its claims, the corroborated one saying so.
    expect($$('[data-testid="claim"]').map((c) => c.getAttribute('data-claim-id'))).toEqual(['src-a#0', 'src-a#1']);
    expect($('[data-testid="claim-corroborated"]')?.textContent).toBe('Reported by 2 of 2 sources');
    await vi.waitFor(() => expect(document.title).toBe('Al-Sharaa in Moscow — Glossa reader'));
  });

  it('an untitled source is named by its id; an unknown date says so', async () => {
    await loadKb(db, makeKb('v1'));
    render(<ReaderApp db={db} location={at('?source=src-b')} />, container);
    await vi.waitFor(() => expect($('[data-testid="source"]')).not.toBeNull());
    expect($('h1')?.textContent).toBe('src-b');
    expect($('[data-testid="source-meta"]')!.textContent).toContain('DateUnknown (after 2025-10-15 (unknown exactly))');
    expect($('[data-testid="target-claim"]')).toBeNull();
  });

  it('an entity: every claim naming it, grouped across sources', async () => {
    await loadKb(db, makeKb('v1'));
    render(<ReaderApp db={db} location={at('?entity=ahmed-al-sharaa')} />, container);
    await vi.waitFor(() => expect($('[data-testid="entity-page"]')).not.toBeNull());
    expect($('h1')?.textContent).toBe('Ahmed al-Sharaa');
    expect($('.entity-role')?.textContent).toBe('President of Syria.');
    expect($('[data-testid="entity-page"]')!.textContent).toContain('Named in 2 claims from 2 sources.');
    expect($$('[data-testid="claim"]')).toHaveLength(1); // the two claims are one reported event
    expect($('[data-testid="claim-corroborated"]')?.textContent).toBe('Reported by 2 of 2 sources');
  });

  it('the index: all sources and all entities, with counts', async () => {
    await loadKb(db, makeKb('v1'));
    render(<ReaderApp db={db} location={at('?view=index')} />, container);
    await vi.waitFor(() => expect($('[data-testid="index-page"]')).not.toBeNull());
    expect($$('[data-testid="index-sources"] a').map((a) => a.getAttribute('href'))).toEqual([
      '/reader.html?source=src-a',
      '/reader.html?source=src-b',
    ]);
    const entities = $$('[data-testid="entity-list"] .entity-item').map((e) => e.textContent);
    expect(entities).toEqual([
      'Ahmed al-Sharaa2, 2 claims',
      'Vladimir Putin1, 1 claim',
      'Syria2, 2 claims',
      'Moscow1, 1 claim',
    ]);
  });

  it('unknown sources and entities say so', async () => {
    await loadKb(db, makeKb('v1'));
    render(<ReaderApp db={db} location={at('?source=nope')} />, container);
    await vi.waitFor(() => expect($('[data-testid="not-found"]')?.textContent).toContain('No source “nope”'));
    render(null, container);
    render(<ReaderApp db={db} location={at('?entity=nobody')} />, container);
    await vi.waitFor(() => expect($('[data-testid="not-found"]')?.textContent).toContain('No entity “nobody”'));
  });
});
