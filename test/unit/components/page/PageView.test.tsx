/**
 * The page view (popup and side panel) against a real (fake-indexeddb) database and a fake
 * connection to the tab, rendered with Preact into linkedom.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageView, TEXT } from '../../../../src/components/page/PageView';
import { AppDB } from '../../../../src/storage/db/app-db';
import { loadKb } from '../../../../src/storage/db/kb-loader';
import { loadSettings, saveSettings } from '../../../../src/platform/settings';
import { makeKb, uniqueDbName } from '../../support/db-fixtures';
import { formDom } from '../../support/form-dom';
import { ACTIVE, FAST, fakeConnection, TAB, type FakeConnection } from '../../support/fake-connection';
import { highlight } from '../../support/highlight-fixtures';

let win: ReturnType<typeof formDom>;
let container: HTMLElement;
let db: AppDB;

beforeEach(async () => {
  fakeBrowser.reset();
  win = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = win.document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-page-view'));
  await loadKb(db, makeKb('v1'));
});

afterEach(async () => {
  render(null, container);
  db.close();
  await db.delete();
});

const $ = (selector: string) => container.querySelector(selector);
const $$ = (selector: string) => [...container.querySelectorAll(selector)];
const text = (selector: string) => $(selector)?.textContent ?? null;

function click(element: Element | null): void {
  if (!element) throw new Error('nothing to click');
  element.dispatchEvent(new win.Event('click', { bubbles: true }) as unknown as Event);
}

function show(connection: FakeConnection) {
  render(<PageView connection={connection} db={db} timing={FAST} />, container);
  return connection;
}

const entityButtons = () =>
  $$('[data-testid="entity-list"] .entity-item').map((b) => ({
    id: b.getAttribute('data-entity-id'),
    name: b.querySelector('.entity-name')?.textContent,
    count: b.querySelector('.entity-count')?.textContent,
  }));

describe('PageView on an annotated page', () => {
  it('lists the page’s entities by kind, most prominent first, with counts', async () => {
    show(fakeConnection());
    await vi.waitFor(() => expect($('[data-testid="entity-list"]')).not.toBeNull());
    const headings = $$('.entity-kind').map((h) => h.textContent);
    expect(headings).toEqual(['People (2)', 'States (1)', 'Places (1)']);
    expect(entityButtons()).toEqual([
      { id: 'ahmed-al-sharaa', name: 'Ahmed al-Sharaa', count: '3' },
      { id: 'vladimir-putin', name: 'Vladimir Putin', count: '1' },
      { id: 'syria', name: 'Syria', count: '2' },
      { id: 'moscow', name: 'Moscow', count: '1' },
    ]);
    // The count is part of the accessible name.
    expect($('[data-entity-id="ahmed-al-sharaa"].entity-item')?.textContent).toBe('Ahmed al-Sharaa3, 3 mentions');
    expect(text('[data-testid="page-title"]')).toBe('Page: Al-Sharaa in Moscow');
  });

  it('choosing an entity reveals it in the tab, then gets out of the way', async () => {
    const c = show(fakeConnection());
    await vi.waitFor(() => expect($('[data-entity-id="moscow"].entity-item')).not.toBeNull());
    click($('[data-entity-id="moscow"].entity-item'));
    await vi.waitFor(() => expect(c.done).toHaveBeenCalledOnce());
    expect(c.reveal).toHaveBeenCalledExactlyOnceWith(TAB.id, 'moscow');
  });

  it('says so when a name cannot be shown (its kind is switched off)', async () => {
    await saveSettings({ kinds: { person: true, organization: true, state: true, place: false, other: true } });
    const c = fakeConnection();
    c.reveal.mockResolvedValue(false);
    show(c);
    await vi.waitFor(() => expect($('[data-entity-id="moscow"].entity-item')).not.toBeNull());
    await vi.waitFor(() => expect($('[data-testid="site-switch"]')).not.toBeNull()); // settings read
    click($('[data-entity-id="moscow"].entity-item'));
    await vi.waitFor(() =>
      expect(text('[data-testid="action-error"]')).toBe(
        'Moscow is not marked on the page: names of this kind are switched off in the settings.',
      ),
    );
    expect(c.done).not.toHaveBeenCalled();
  });

  it('ranks the claims and groups what several sources report ("Reported by 2 of 2 sources")', async () => {
    show(fakeConnection());
    await vi.waitFor(() => expect($$('[data-testid="claim"]').length).toBe(2));
    const [first, second] = $$('[data-testid="claim"]');
    expect(first!.getAttribute('data-key')).toBe('corr-1');
    expect(first!.querySelector('.claim-text')?.textContent).toBe(
      'Ahmed al-Sharaa met Vladimir Putin in Moscow on October 15, 2025.',
    );
    expect(first!.querySelector('.claim-source')?.textContent).toBe('Example Wire, 15 Oct 2025');
    expect(text('[data-testid="claim-corroborated"]')).toBe('Reported by 2 of 2 sources');
    const others = first!.querySelector('[data-testid="claim-others"]')!;
    expect(others.hasAttribute('hidden')).toBe(true);
    const toggle = first!.querySelector('[data-testid="claim-wordings"]')!;
    expect(toggle.getAttribute('aria-controls')).toBe(others.getAttribute('id'));
    click(toggle);
    await vi.waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    expect(others.hasAttribute('hidden')).toBe(false);
    expect(others.querySelector('.claim-text')?.textContent).toBe(
      'Syrian state media said al-Sharaa returned to Damascus on Thursday.',
    );
    expect(others.querySelector('.claim-speaker')?.textContent).toBe('Speaker: Syrian state media');
    expect(second!.getAttribute('data-claim-id')).toBe('src-a#1');
    // Entities named by the claim, those on the page marked as such.
    const chips = [...first!.querySelectorAll(':scope > .chips .chip')].map((c) => c.textContent);
    expect(chips).toEqual(['Ahmed al-Sharaa (on this page)', 'Vladimir Putin (on this page)', 'Moscow (on this page)']);
  });

  it('an entity of a claim filters the list to the claims naming it', async () => {
    show(fakeConnection());
    await vi.waitFor(() => expect($$('[data-testid="claim"]').length).toBe(2));
    const syriaChip = $('[data-testid="claim"][data-claim-id="src-a#1"] .chip[data-entity-id="syria"]')!;
    click(syriaChip);
    await vi.waitFor(() => expect(text('[data-testid="claim-filter"]')).toContain('Claims naming Syria (2)'));
    expect(syriaChip.getAttribute('aria-pressed')).toBe('true');
    click($('[data-testid="claim"][data-key="corr-1"] .chip[data-entity-id="moscow"]'));
    await vi.waitFor(() => expect($$('[data-testid="claim"]').length).toBe(1));
    expect(text('[data-testid="claim-filter"]')).toContain('Claims naming Moscow (1)');
    click([...container.querySelectorAll('[data-testid="claim-filter"] button')][0]!);
    await vi.waitFor(() => expect($$('[data-testid="claim"]').length).toBe(2));
  });

  it('opens a claim in the source reader', async () => {
    const c = show(fakeConnection());
    await vi.waitFor(() => expect($('[data-testid="claim-open"]')).not.toBeNull());
    click($('[data-testid="claim-open"]'));
    await vi.waitFor(() => expect(c.openReader).toHaveBeenCalledExactlyOnceWith({ claimId: 'src-a#0' }));
    click($('[data-testid="open-index"]'));
    await vi.waitFor(() => expect(c.openReader).toHaveBeenLastCalledWith({}));
  });

  it('renders KB text as text, never as HTML', async () => {
    const kb = makeKb('v2');
    kb.claims[1] = { ...kb.claims[1]!, text: '<img src=x onerror="alert(1)"> <b>bold</b>' };
    await loadKb(db, kb);
    show(fakeConnection());
    await vi.waitFor(() => expect($('[data-claim-id="src-a#1"] .claim-text')?.textContent).toContain('<b>bold</b>'));
    expect($('img')).toBeNull();
    expect($('b')).toBeNull();
  });

  it('waits while the page is being read, then shows what it found', async () => {
    const c = fakeConnection({ state: { state: 'scanning', reason: 'gate-about', entities: [] } });
    show(c);
    await vi.waitFor(() => expect(text('[data-testid="notice-reading"]')).toBe(TEXT.reading));
    c.state = ACTIVE;
    await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
    expect($('[data-testid="notice-reading"]')).toBeNull();
  });

  it('says so when the page names nothing the KB knows', async () => {
    show(fakeConnection({ state: { state: 'active', reason: 'gate-about', entities: [] } }));
    await vi.waitFor(() => expect(text('[data-testid="notice-empty"]')).toBe(TEXT.noEntities));
  });
});

describe('PageView states', () => {
  it('while the KB is loading, says so (and reserves the room)', async () => {
    const empty = new AppDB(uniqueDbName('glossa-page-view-empty'));
    try {
      render(<PageView connection={fakeConnection()} db={empty} timing={FAST} />, container);
      await vi.waitFor(() => expect(text('[data-testid="notice-loading"]')).toBe(TEXT.kbLoading));
      expect($('.pv-placeholder')).not.toBeNull();
      expect($('[data-testid="entity-list"]')).toBeNull();
      await loadKb(empty, makeKb('v1'));
      await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
    } finally {
      render(null, container);
      empty.close();
      await empty.delete();
    }
  });

  it('on a page not about Syria and Russia: why, and "Annotate this page anyway" works', async () => {
    const c = fakeConnection({ state: { state: 'dormant', reason: 'gate-not-about', entities: [] } });
    show(c);
    await vi.waitFor(() => expect(text('[data-testid="notice-dormant"]')).toContain(TEXT.restingTitle));
    expect(text('[data-testid="notice-dormant"]')).toContain('does not seem to be about Syria and Russia');
    expect($('[data-testid="page-view"]')?.getAttribute('data-reason')).toBe('gate-not-about');
    expect($('[data-testid="entity-list"]')).toBeNull();
    const view = $('[data-testid="page-view"]') as HTMLElement;
    const focus = vi.fn();
    view.focus = focus; // linkedom has no focus
    click($('[data-testid="annotate-anyway"]'));
    await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
    expect($('[data-testid="annotate-anyway"]')).toBeNull();
    expect(container.textContent).toContain('Annotated at your request.');
    // The button went with the keyboard focus: the view has it.
    await vi.waitFor(() => expect(focus).toHaveBeenCalled());
  });

  it('the per-site switch stores a rule for the site (and removes it again)', async () => {
    const c = fakeConnection({ state: { state: 'dormant', reason: 'gate-not-about', entities: [] } });
    show(c);
    await vi.waitFor(() => expect($('[data-testid="site-switch"]')).not.toBeNull());
    expect(text('[data-testid="site-switch"] legend')).toBe('Annotate pages on news.example');
    const radio = (value: string) => $(`[data-testid="site-switch"] input[value="${value}"]`) as HTMLInputElement;
    expect(radio('auto').checked).toBe(true);
    radio('always').checked = true;
    radio('always').dispatchEvent(new win.Event('change', { bubbles: true }) as unknown as Event);
    await vi.waitFor(async () => expect((await loadSettings()).siteOverrides).toEqual({ 'news.example': 'always' }));
    radio('auto').checked = true;
    radio('auto').dispatchEvent(new win.Event('change', { bubbles: true }) as unknown as Event);
    await vi.waitFor(async () => expect((await loadSettings()).siteOverrides).toEqual({}));
  });

  it('a site the reader switched off says so', async () => {
    await saveSettings({ siteOverrides: { 'news.example': 'never' } });
    show(fakeConnection({ state: { state: 'dormant', reason: 'site-never', entities: [] } }));
    await vi.waitFor(() => expect(text('[data-testid="notice-dormant"]')).toContain(TEXT.siteNeverTitle));
    expect(text('[data-testid="notice-dormant"]')).toContain('never to annotate pages on news.example');
    expect($('[data-testid="annotate-anyway"]')).not.toBeNull();
    await vi.waitFor(() =>
      expect(($('[data-testid="site-switch"] input[value="never"]') as HTMLInputElement).checked).toBe(true),
    );
  });

  it('a parent domain’s rule is shown on the subdomain’s switch', async () => {
    await saveSettings({ siteOverrides: { 'example.com': 'never' } });
    const tab = { ...TAB, url: 'https://news.example.com/a' };
    show(fakeConnection({ tab, state: { state: 'dormant', reason: 'site-never', entities: [] } }));
    await vi.waitFor(() => expect($('[data-testid="site-inherited"]')).not.toBeNull());
    expect(text('[data-testid="site-inherited"]')).toBe('Your rule for example.com applies: never annotate.');
    expect(text('[data-testid="site-switch"] legend')).toBe('Annotate pages on news.example.com');
    expect(($('[data-testid="site-switch"] input[value="auto"]') as HTMLInputElement).checked).toBe(true);
  });

  it('a page whose names could not be found says so, and offers no "annotate anyway"', async () => {
    show(fakeConnection({ state: { state: 'dormant', reason: 'recognition-failed', entities: [] } }));
    await vi.waitFor(() => expect(text('[data-testid="notice-error"]')).toContain(TEXT.unreadableTitle));
    expect(text('[data-testid="notice-error"]')).toContain('Reloading the page tries again');
    expect($('[data-testid="annotate-anyway"]')).toBeNull();
  });

  it('when Glossa is switched off, offers to switch it on', async () => {
    await saveSettings({ enabled: false });
    show(fakeConnection({ state: { state: 'dormant', reason: 'disabled', entities: [] } }));
    await vi.waitFor(() => expect(text('[data-testid="notice-dormant"]')).toContain(TEXT.disabledTitle));
    expect($('[data-testid="annotate-anyway"]')).toBeNull();
    click($('[data-testid="switch-on"]'));
    await vi.waitFor(async () => expect((await loadSettings()).enabled).toBe(true));
  });

  it('a browser page (no content script, not http): Glossa cannot run there', async () => {
    const tab = { ...TAB, url: 'chrome://settings/', title: 'Settings' };
    show(fakeConnection({ tab, state: new Error('Could not establish connection. Receiving end does not exist.') }));
    await vi.waitFor(() => expect(text('[data-testid="notice-unreachable"]')).toContain(TEXT.restrictedTitle));
    expect(text('[data-testid="notice-unreachable"]')).toContain(TEXT.restricted);
    expect($('[data-testid="site-switch"]')).toBeNull();
    expect($('[data-testid="annotate-anyway"]')).toBeNull();
    // The library is reachable from here too (its other link is beside a page's highlights).
    expect(text('[data-testid="open-library"]')).toBe('All highlights');
  });

  it('a web page without the content script (open before install): asks for a reload', async () => {
    show(fakeConnection({ state: new Error('Receiving end does not exist.') }));
    await vi.waitFor(() => expect(text('[data-testid="notice-unreachable"]')).toContain(TEXT.notLoadedTitle));
    expect(text('[data-testid="notice-unreachable"]')).toContain('Reload it');
  });

  it('an unknown address (no permission to read it): both explanations', async () => {
    show(fakeConnection({ tab: { ...TAB, url: null, title: null }, state: new Error('no receiver') }));
    await vi.waitFor(() => expect(text('[data-testid="notice-unreachable"]')).toContain(TEXT.restrictedOrOld));
    expect($('[data-testid="page-title"]')).toBeNull();
  });

  it('no tab at all', async () => {
    show(fakeConnection({ tab: null }));
    await vi.waitFor(() => expect(text('[data-testid="notice-unreachable"]')).toBe(TEXT.noTab));
  });
});

describe('PageView in the side panel', () => {
  it('follows the active tab and has no "open in the side panel" link', async () => {
    const c = fakeConnection({ mode: 'sidepanel' });
    show(c);
    await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
    expect($('[data-testid="open-side-panel"]')).toBeNull();
    c.changeTab({ ...TAB, id: 7, url: 'chrome://newtab/', title: 'New Tab' });
    c.state = new Error('no receiver');
    await vi.waitFor(() => expect($('[data-testid="notice-unreachable"]')).not.toBeNull());
    c.changeTab(TAB);
    c.state = ACTIVE;
    await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
  });

  it('lists the highlights of the page the tab is on now, not of the one before', async () => {
    await db.highlights.bulkPut([
      highlight({ id: 'on-one', url: 'https://news.example/one' }),
      highlight({ id: 'on-two', url: 'https://news.example/two' }),
    ]);
    const pushed = (url: string) => ({ url, hasSelection: false, items: [] });
    const c = fakeConnection({
      mode: 'sidepanel',
      state: { ...ACTIVE, url: 'https://news.example/one', highlights: pushed('https://news.example/one') },
    });
    render(<PageView connection={c} db={db} timing={FAST} idPrefix="sp" highlights />, container);
    const listed = () =>
      [...container.querySelectorAll('[data-testid="page-highlight"]')].map((e) => e.getAttribute('data-id'));
    await vi.waitFor(() => expect(listed()).toEqual(['on-one']));
    expect($('#sp-hl-heading')?.textContent).toBe('Your highlights on this page');
    // Same tab, another page, and one Glossa rests on: the list follows what the tab pushes.
    c.state = {
      state: 'dormant',
      reason: 'gate-not-about',
      entities: [],
      url: 'https://news.example/two',
      highlights: pushed('https://news.example/two'),
    };
    await vi.waitFor(() => expect(listed()).toEqual(['on-two']));
  });

  it('stays current while open: a page annotated from elsewhere shows up (the tab pushes it)', async () => {
    const c = fakeConnection({
      mode: 'sidepanel',
      state: { state: 'dormant', reason: 'gate-not-about', entities: [] },
    });
    show(c);
    await vi.waitFor(() => expect($('[data-testid="notice-dormant"]')).not.toBeNull());
    c.state = ACTIVE;
    await vi.waitFor(() => expect(entityButtons()).toHaveLength(4));
  });

  it('the popup links to the side panel where the browser has one', async () => {
    const c = fakeConnection({ sidePanel: true });
    show(c);
    await vi.waitFor(() => expect($('[data-testid="open-side-panel"]')?.hasAttribute('disabled')).toBe(false));
    click($('[data-testid="open-side-panel"]'));
    expect(c.openSidePanel).toHaveBeenCalledExactlyOnceWith(TAB);
  });
});
