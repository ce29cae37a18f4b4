/**
 * The options page against WXT's fake browser storage, rendered with Preact into a
 * linkedom document (no DOM test environment is installed, so no @testing-library).
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App, INVALID_SITE_TEXT, LOADING_SETTINGS_TEXT } from '../../../../src/components/options/OptionsApp';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../../../../src/lib/settings';
import { loadSettings, saveSettings } from '../../../../src/platform/settings';
import { formDom } from '../../support/form-dom';

let container: HTMLElement;
let win: { Event: typeof Event };

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  const dom = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = dom.document.getElementById('app') as unknown as HTMLElement;
  win = dom as unknown as { Event: typeof Event };
});

afterEach(() => {
  render(null, container);
});

const $ = <T extends Element = HTMLInputElement>(selector: string) => {
  const el = container.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const statusText = () => $('[role="status"]').textContent;
const fire = (el: Element, type: string) => el.dispatchEvent(new win.Event(type, { bubbles: true, cancelable: true }));
const stored = async () => (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];

async function renderLoaded() {
  render(<App />, container);
  await vi.waitFor(() => expect(container.querySelector('#enabled')).not.toBeNull());
}

describe('options App', () => {
  it('shows a loading state, then the stored settings', async () => {
    await saveSettings({
      enabled: false,
      hoverDelayMs: 650,
      markMode: 'first',
      kinds: { ...DEFAULT_SETTINGS.kinds, place: false },
      siteOverrides: { 'example.com': 'never', 'bbc.com': 'always' },
    });
    render(<App />, container);
    expect(statusText()).toBe(LOADING_SETTINGS_TEXT);
    await vi.waitFor(() => expect(container.querySelector('#enabled')).not.toBeNull());

    expect($('#enabled').checked).toBe(false);
    expect($('#delay-range').value).toBe('650');
    expect($('#delay-number').value).toBe('650');
    expect($('#mark-first').checked).toBe(true);
    expect($('#mark-all').checked).toBe(false);
    expect($('#kind-place').checked).toBe(false);
    expect($('#kind-person').checked).toBe(true);
    const rows = [...container.querySelectorAll('.site-row')].map((li) => [
      li.querySelector('.site-host')?.textContent,
      (li.querySelector('select') as HTMLSelectElement | null)?.value,
    ]);
    expect(rows).toEqual([
      ['bbc.com', 'always'],
      ['example.com', 'never'],
    ]);
    expect(statusText()).toBe('');
  });

  it('saves the on/off switch on change and says so in the live region', async () => {
    await renderLoaded();
    const toggle = $('#enabled');
    toggle.checked = false;
    fire(toggle, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: Glossa is off; nothing is marked.'));
    expect(await stored()).toMatchObject({ version: 1, enabled: false });
    expect($('[data-testid="saved"]').textContent).toMatch(/^Saved/);
  });

  it('saves mark mode, kinds and a clamped hover delay', async () => {
    await renderLoaded();
    const first = $('#mark-first');
    first.checked = true;
    fire(first, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: only the first mention of each entity is marked.'));

    const orgs = $('#kind-organization');
    orgs.checked = false;
    fire(orgs, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: Organizations are not marked.'));

    const delay = $('#delay-number');
    delay.value = '5000';
    fire(delay, 'input');
    fire(delay, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: cards appear after 2000 ms.'));
    expect($('#delay-range').value).toBe('2000');

    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      markMode: 'first',
      hoverDelayMs: 2000,
      kinds: { ...DEFAULT_SETTINGS.kinds, organization: false },
    });
  });

  it('ignores a delay that is not a number (restores the stored value, saves nothing)', async () => {
    await renderLoaded();
    const delay = $('#delay-number');
    delay.value = '';
    fire(delay, 'change');
    await vi.waitFor(() => expect($('#delay-number').value).toBe(String(DEFAULT_SETTINGS.hoverDelayMs)));
    expect(await stored()).toBeUndefined();
  });

  it('validates a new site, then adds it normalized; removes a rule', async () => {
    await renderLoaded();
    expect($('[data-testid="no-sites"]').textContent).toBe('No site rules yet.');
    const input = $('#new-site');
    const form = $<HTMLFormElement>('form.add-site');

    input.value = 'not a site';
    fire(input, 'input');
    fire(form, 'submit');
    await vi.waitFor(() =>
      expect(container.querySelector('[data-testid="site-error"]')?.textContent).toBe(INVALID_SITE_TEXT),
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('new-site-error');
    expect(await stored()).toBeUndefined();

    input.value = 'https://www.Example.com/world/article';
    fire(input, 'input');
    const rule = $<HTMLSelectElement>('#new-rule');
    rule.value = 'never';
    fire(rule, 'change');
    fire(form, 'submit');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: example.com: never annotate.'));
    expect(container.querySelector('[data-testid="site-error"]')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect($('#new-site').value).toBe('');
    expect((await loadSettings()).siteOverrides).toEqual({ 'example.com': 'never' });
    expect($('.site-row .site-host').textContent).toBe('example.com');

    const rowRule = $<HTMLSelectElement>('.site-row select');
    rowRule.value = 'always';
    fire(rowRule, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: example.com: always annotate.'));
    expect((await loadSettings()).siteOverrides).toEqual({ 'example.com': 'always' });

    const remove = $<HTMLButtonElement>('.site-row button');
    expect(remove.textContent).toBe('Remove rule for example.com');
    fire(remove, 'click');
    await vi.waitFor(() => expect(statusText()).toBe('Saved: rule for example.com removed.'));
    expect((await loadSettings()).siteOverrides).toEqual({});
    expect(container.querySelector('.site-row')).toBeNull();
  });

  it('shows a storage error clearly and reverts the control to what is stored', async () => {
    await renderLoaded();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const toggle = $('#enabled');
    toggle.checked = false;
    fire(toggle, 'change');
    await vi.waitFor(() => expect(statusText()).toBe('Could not save settings: QUOTA_BYTES quota exceeded'));
    expect($('[data-testid="save-error"]').className).toBe('kb-error');
    await vi.waitFor(() => expect($('#enabled').checked).toBe(true));
  });

  it('shows a read error instead of the form', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('disk on fire'));
    render(<App />, container);
    await vi.waitFor(() => expect(statusText()).toBe('Could not read settings: disk on fire'));
    expect(container.querySelector('#enabled')).toBeNull();
  });

  it('follows changes made elsewhere (popup, another tab)', async () => {
    await renderLoaded();
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false, hoverDelayMs: 1200 },
    });
    await vi.waitFor(() => expect($('#enabled').checked).toBe(false));
    expect($('#delay-number').value).toBe('1200');
  });

  it('is accessible: one h1, a polite status region, a label for every control', async () => {
    await saveSettings({ siteOverrides: { 'example.com': 'never' } });
    await renderLoaded();
    expect([...container.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Glossa settings']);
    const live = $('[aria-live="polite"]');
    expect(live.getAttribute('role')).toBe('status');

    const controls = [...container.querySelectorAll('input, select')];
    expect(controls.length).toBeGreaterThan(10);
    for (const control of controls) {
      const id = control.getAttribute('id');
      const labelledBy = control.getAttribute('aria-labelledby');
      const label = id ? container.querySelector(`label[for="${id}"]`) : null;
      const name = labelledBy
        ? labelledBy
            .split(' ')
            .map((ref) => container.querySelector(`#${ref}`)?.textContent)
            .join(' ')
        : label?.textContent;
      expect(name, `control ${id} has an accessible name`).toBeTruthy();
    }
    expect($('label[for="kind-person"]').textContent).toBe('People');
    expect($('label[for="kind-organization"]').textContent).toBe('Organizations');
    expect($('label[for="kind-state"]').textContent).toBe('States');
    expect($('label[for="kind-place"]').textContent).toBe('Places');
    expect($('label[for="kind-other"]').textContent).toBe('Other');
    expect($('#delay-number').getAttribute('aria-labelledby')).toBe('delay-label delay-unit');
    expect($('#delay-unit').textContent).toBe('ms');
    expect($('label[for="site-rule-example.com"]').textContent).toBe('Rule for example.com');
    expect($('#enabled').getAttribute('role')).toBe('switch');
    expect(container.querySelectorAll('fieldset legend').length).toBe(2);
  });
});
