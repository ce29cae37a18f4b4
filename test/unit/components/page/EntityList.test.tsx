import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityList, type EntityListItem } from '../../../../src/components/page/EntityList';

let window: ReturnType<typeof parseHTML>['window'];
let container: HTMLElement;

beforeEach(() => {
  ({ window } = parseHTML('<!doctype html><html lang="en"><body><div id="app"></div></body></html>'));
  container = window.document.getElementById('app') as unknown as HTMLElement;
});
afterEach(() => render(null, container));

const items: EntityListItem[] = [
  { id: 'tartus', name: 'Tartus', kind: 'place', count: 5 },
  { id: 'russia', name: 'Russia', kind: 'state', count: 4 },
  { id: 'putin', name: 'Vladimir Putin', kind: 'person', count: 3 },
  { id: 'latakia', name: 'Latakia', kind: 'place', count: 2 },
  { id: 'nato', name: 'NATO', kind: 'organization', count: 1 },
  { id: 's-400', name: 'S-400', kind: 'other', count: 1 },
];

const names = () => [...container.querySelectorAll('.entity-item .entity-name')].map((e) => e.textContent);

describe('EntityList', () => {
  it('groups by kind in a fixed order, keeping the given order within a kind', () => {
    render(<EntityList entities={items} onChoose={() => {}} idPrefix="t" />, container);
    expect([...container.querySelectorAll('.entity-kind')].map((h) => h.textContent)).toEqual([
      'People (1)',
      'Organizations (1)',
      'States (1)',
      'Places (2)',
      'Other (1)',
    ]);
    expect(names()).toEqual(['Vladimir Putin', 'NATO', 'Russia', 'Tartus', 'Latakia', 'S-400']);
    // Each list is labelled by its kind heading; every entity is a button.
    const list = container.querySelector('[data-kind="place"] ul')!;
    expect(container.querySelector(`#${list.getAttribute('aria-labelledby')}`)?.tagName).toBe('H3');
    expect(container.querySelectorAll('button.entity-item')).toHaveLength(6);
  });

  it('with a limit: the first N (the most prominent), then all on request', async () => {
    render(<EntityList entities={items} onChoose={() => {}} limit={3} idPrefix="t" />, container);
    expect(names()).toEqual(['Vladimir Putin', 'Russia', 'Tartus']);
    // Kind headings count every entity of the kind, shown or not.
    expect(container.querySelector('[data-kind="place"] .entity-kind')?.textContent).toBe('Places (2)');
    const more = container.querySelector('[data-testid="entities-all"]')!;
    expect(more.textContent).toBe('Show all 6 names');
    more.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
    await vi.waitFor(() => expect(names()).toHaveLength(6));
    expect(container.querySelector('[data-testid="entities-all"]')).toBeNull();
  });

  it('links instead of buttons, with the count’s words', () => {
    render(
      <EntityList
        entities={items.slice(0, 1)}
        hrefFor={(id) => `/reader.html?entity=${id}`}
        countText={(n) => `${n} claims`}
        idPrefix="t"
      />,
      container,
    );
    const a = container.querySelector('a.entity-item')!;
    expect(a.getAttribute('href')).toBe('/reader.html?entity=tartus');
    expect(a.textContent).toBe('Tartus5, 5 claims');
  });
});
