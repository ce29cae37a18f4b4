/**
 * The card component rendered with Preact into a linkedom document (no DOM test
 * environment is installed).
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CARD_CSS, EntityCardView, type EntityCardViewProps } from '../../../src/components/card';
import { buildEntityCard } from '../../../src/lib/cards/build';
import type { EntityCard } from '../../../src/lib/cards/types';
import { makeCardsKb, X } from './fixtures';

let window: ReturnType<typeof parseHTML>['window'];
let container: HTMLElement;

beforeEach(() => {
  ({ window } = parseHTML('<!doctype html><html lang="ar" dir="rtl"><body><div id="host"></div></body></html>'));
  container = window.document.getElementById('host') as unknown as HTMLElement;
});

afterEach(() => {
  render(null, container);
});

const kb = makeCardsKb();
const xCard = buildEntityCard(kb, X)!;

function show(card: EntityCard, props: Partial<EntityCardViewProps> = {}) {
  const handlers = {
    onSelectEntity: vi.fn<(id: string) => void>(),
    onOpenClaim: vi.fn<(id: string | null) => void>(),
    onClose: vi.fn<() => void>(),
  };
  render(<EntityCardView card={card} pageCount={3} idPrefix="gc1" {...handlers} {...props} />, container);
  return handlers;
}

const $ = (selector: string) => container.querySelector(selector);
const $$ = (selector: string) => [...container.querySelectorAll(selector)];
const text = (selector: string) => $(selector)?.textContent ?? null;

function click(element: Element | null): void {
  if (!element) throw new Error('nothing to click');
  element.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
}

describe('EntityCardView', () => {
  it('is a dialog labelled by the name heading, with the kind, role and its sources', () => {
    show(xCard);
    const root = $('.glossa-card')!;
    expect(root.getAttribute('role')).toBe('dialog');
    expect(root.getAttribute('aria-labelledby')).toBe('gc1-name');
    expect(root.getAttribute('aria-describedby')).toBe('gc1-role');
    expect(root.getAttribute('lang')).toBe('en');
    expect(root.getAttribute('dir')).toBe('ltr');
    const heading = $('#gc1-name')!;
    expect(heading.tagName).toBe('H2');
    expect(heading.textContent).toBe('Xavier Example');
    expect(text('[data-testid="gc-kind"]')).toBe('Person');
    expect(text('#gc1-role')).toBe(xCard.role);
    // Outlet, else title, else the source id; with the date when known; each source once.
    expect(text('[data-testid="gc-role-sources"]')).toBe(
      'Sources: s3, Oct 2025; Wire One, 15 Oct 2025; Fourth Outlet, 2025',
    );
    expect(text('[data-testid="gc-spellings"]')).toBe('Also written: X. Example, Xavier');
    expect(text('[data-testid="gc-page-count"]')).toBe('3 mentions on this page');
  });

  it('shows key claims with speaker, outlet and date, and "reported by N sources" when corroborated', () => {
    const kb1 = makeCardsKb();
    kb1.claims = kb1.claims.filter((c) => c.sourceId === 's1');
    show(buildEntityCard(kb1, X)!);
    const claims = $$('[data-testid="gc-claims"] > li');
    expect(claims.map((li) => li.querySelector('.gc-text')?.textContent)).toEqual([
      'Xavier Example met Yolanda Example in Zeta City on 15 October 2025.',
      '“The talks went well,” Xavier Example said.',
      'Yolanda Example praised Xavier Example in 2025 and again on 1 November 2025.',
    ]);
    expect(claims[0]!.querySelector('.gc-meta')!.textContent).toBe('Wire One, 15 Oct 2025 · Reported by 3 sources');
    expect(claims[1]!.querySelector('.gc-meta')!.textContent).toBe('Speaker: Xavier Example · Wire One, 15 Oct 2025');
    expect(claims[2]!.querySelector('[data-testid="gc-corroborated"]')).toBeNull();
  });

  it('shows dated events in order, dates formatted by precision', () => {
    show(xCard);
    const events = $$('[data-testid="gc-events"] > li');
    // The key claims are not repeated here: three dated claims remain.
    expect(events.map((li) => li.querySelector('time')!.textContent)).toEqual([
      '15 Oct 2025',
      '15 Oct 2025',
      '1 Nov 2025',
    ]);
    expect(events[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2025-10-15');
    expect(events[0]!.querySelector('.gc-text')!.textContent).toBe(xCard.events[0]!.text);
    expect(events[0]!.querySelector('.gc-meta')!.textContent).toBe('Second Report');
  });

  it('shows where sources differ: both accounts side by side, each with its source and a link', () => {
    const withDiff = buildEntityCard(
      {
        ...kb,
        differences: [
          {
            id: 'd-1',
            facet: 'direction',
            label: 'direction: to a / to b',
            claimIds: ['s1#0', 's2#0'],
            sides: [
              { claimIds: ['s1#0'], sourceIds: ['s1'], says: 'to a' },
              { claimIds: ['s2#0'], sourceIds: ['s2'], says: 'to b' },
            ],
          },
        ],
      },
      X,
    )!;
    const { onOpenClaim } = show(withDiff, { linkClaims: true });
    const section = $('[data-testid="gc-differences"]')!;
    expect(section.closest('section')!.querySelector('h3')!.textContent).toBe('Sources differ');
    const sides = [...section.querySelectorAll('.gc-side')];
    expect(sides).toHaveLength(2);
    expect(sides[0]!.getAttribute('aria-label')).toBe('One account');
    expect(sides[0]!.querySelector('.gc-text')!.textContent).toBe(kb.claims.find((c) => c.id === 's1#0')!.text);
    expect(sides[1]!.querySelector('.gc-meta')!.textContent).toBe('Second Report');
    click(sides[1]!.querySelector('[data-testid="gc-read"]'));
    expect(onOpenClaim).toHaveBeenCalledWith('s2#0');
    // No differences, no section.
    show(xCard);
    expect($('[data-testid="gc-differences"]')).toBeNull();
  });

  it('clicking a related entity asks for its card; "See all" asks for all claims; close closes', () => {
    const { onSelectEntity, onOpenClaim, onClose } = show(xCard);
    const related = $$('[data-testid="gc-related"] button');
    expect(related.map((b) => b.textContent)).toEqual([
      'Yolanda Example',
      'Zeta City',
      'Victor Front',
      'Sierra Town',
      'Tango Person',
      'Uniform Org',
    ]);
    click(related[1]!);
    expect(onSelectEntity).toHaveBeenCalledExactlyOnceWith('zeta-city');

    const all = $('[data-testid="gc-see-all"]')!;
    expect(all.tagName).toBe('BUTTON');
    expect(all.textContent).toBe('See all 9 claims');
    click(all);
    expect(onOpenClaim).toHaveBeenCalledExactlyOnceWith(null);

    const close = $('button[aria-label="Close card"]')!;
    click(close);
    expect(onClose).toHaveBeenCalledTimes(1);
    const escape = Object.assign(new window.Event('keydown', { bubbles: true }), { key: 'Escape' });
    $('.glossa-card')!.dispatchEvent(escape as unknown as Event);
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('reveals the cited text with a toggle button (aria-expanded)', async () => {
    show(xCard);
    const toggle = $('button[aria-controls="gc1-quotes"]')!;
    const quotes = $('#gc1-quotes')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(quotes.hasAttribute('hidden')).toBe(true);
    click(toggle);
    await vi.waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    expect(quotes.hasAttribute('hidden')).toBe(false);
    expect($$('#gc1-quotes q').map((q) => q.textContent)).toEqual(xCard.roleSources.map((r) => r.quote));
  });

  it('makes every control a button and uses no links, inputs or inline handlers', () => {
    show(xCard);
    expect($$('a, input, select, textarea, [contenteditable]')).toHaveLength(0);
    const buttons = $$('button');
    expect(buttons.length).toBe(1 + 1 + xCard.related.length + 1); // close, quotes, related, see all
    for (const b of buttons) expect(b.getAttribute('type')).toBe('button');
    const focusable = $$('[tabindex]');
    expect(focusable.map((e) => e.getAttribute('tabindex'))).toEqual(['-1']); // the dialog itself
    expect(container.innerHTML).not.toMatch(/\son[a-z]+=/i);
  });

  it('renders hostile KB text as text', () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const hostile: EntityCard = {
      ...xCard,
      name: `Name ${evil}`,
      role: `Role ${evil}`,
      otherSpellings: [evil],
      roleSources: [
        {
          quote: evil,
          claimId: null,
          source: { sourceId: 'x', title: evil, description: null, outlet: null, date: null },
        },
      ],
      keyClaims: [
        { ...xCard.keyClaims[0]!, text: evil, speaker: evil, source: { ...xCard.keyClaims[0]!.source, outlet: evil } },
      ],
      events: [{ ...xCard.events[0]!, text: evil }],
      related: [{ id: 'evil', name: evil, kind: 'person', weight: 1 }],
    };
    const { onSelectEntity } = show(hostile);
    expect($('img')).toBeNull();
    expect($('b')).toBeNull();
    expect(text('#gc1-name')).toBe(`Name ${evil}`);
    expect(text('#gc1-role')).toBe(`Role ${evil}`);
    expect(text('[data-testid="gc-claims"] .gc-text')).toBe(evil);
    expect(text('[data-testid="gc-events"] .gc-text')).toBe(evil);
    expect(text('[data-testid="gc-related"] button')).toBe(evil);
    click($('[data-testid="gc-related"] button'));
    expect(onSelectEntity).toHaveBeenCalledWith('evil');
  });

  it('says little about an entity the KB knows little about', () => {
    show(buildEntityCard(kb, 'lonely-thing')!, { pageCount: 1 });
    expect(text('#gc1-name')).toBe('Lonely Thing');
    expect(text('[data-testid="gc-kind"]')).toBe('Other');
    expect(text('[data-testid="gc-page-count"]')).toBe('1 mention on this page');
    expect($('#gc1-role')).toBeNull();
    expect($('.glossa-card')!.hasAttribute('aria-describedby')).toBe(false);
    expect($('section')).toBeNull();
    expect($('[data-testid="gc-see-all"]')).toBeNull();
    expect($$('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Close card']);
  });

  it('hides the page count when it is not given, and words 0 and 1', () => {
    show(xCard, { pageCount: undefined });
    expect($('[data-testid="gc-page-count"]')).toBeNull();
    show(xCard, { pageCount: 0 });
    expect(text('[data-testid="gc-page-count"]')).toBe('Not named on this page');
  });

  it('exports its stylesheet as a string (empty here: Vitest does not process CSS)', () => {
    expect(typeof CARD_CSS).toBe('string');
  });
});
