/**
 * "Sources differ" in the claim list (popup, side panel, reader): the item's account and
 * the other side by side, foldable by keyboard, each sentence with its source and a link.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimGroupView, differenceViews } from '../../../src/components/claim-view';
import { ClaimList, SOURCES_DIFFER } from '../../../src/components/ClaimList';
import type { KbData } from '../../../src/components/kb-data';
import type { Difference } from '../../../src/lib/kb/types';
import { act } from 'preact/test-utils';
import { makeCardsKb } from './fixtures';

let window: ReturnType<typeof parseHTML>['window'];
let container: HTMLElement;

beforeEach(() => {
  ({ window } = parseHTML('<!doctype html><html><body><div id="host"></div></body></html>'));
  container = window.document.getElementById('host') as unknown as HTMLElement;
});

afterEach(() => {
  render(null, container);
});

const kb = makeCardsKb();
const difference: Difference = {
  id: 'd-1',
  facet: 'stance',
  label: 'stance: not object / condemning',
  claimIds: ['s1#0', 's2#0'],
  sides: [
    { claimIds: ['s1#0'], sourceIds: ['s1'], says: 'not object' },
    { claimIds: ['s2#0'], sourceIds: ['s2'], says: 'condemning' },
  ],
};
const data: Pick<KbData, 'entities' | 'sources' | 'claims' | 'differences'> = {
  entities: new Map(kb.entities.map((e) => [e.id, e])),
  sources: new Map(kb.sources.map((s) => [s.id, s])),
  claims: kb.claims,
  differences: [difference],
};
const claim = (id: string) => kb.claims.find((c) => c.id === id)!;

describe('differenceViews', () => {
  it('gives the difference seen from the side the claims are on', () => {
    const [d] = differenceViews(['s2#0'], data);
    expect(d!.ours.map((c) => c.id)).toEqual(['s2#0']);
    expect(d!.theirs.map((c) => c.id)).toEqual(['s1#0']);
    expect(differenceViews(['s3#0'], data)).toEqual([]);
  });

  it('is attached to an item only when one of its claims is on a side', () => {
    const item = (id: string) => ({
      key: id,
      groupId: null,
      lead: claim(id),
      claims: [claim(id)],
      sourceIds: [claim(id).sourceId],
      pageEntityIds: [],
      relevance: 1,
      score: 1,
    });
    expect(claimGroupView(item('s2#0'), data, new Set()).differences?.[0]?.theirs.map((c) => c.id)).toEqual(['s1#0']);
    expect(claimGroupView(item('s3#0'), data, new Set()).differences).toBeUndefined();
  });
});

describe('ClaimList: sources differ', () => {
  it('shows both accounts, folds them with a button, and opens either in the reader', () => {
    const onOpenClaim = vi.fn<(id: string) => void>();
    const item = {
      key: 's1#0',
      lead: claimGroupView(
        {
          key: 's1#0',
          groupId: null,
          lead: claim('s1#0'),
          claims: [claim('s1#0')],
          sourceIds: ['s1'],
          pageEntityIds: [],
          relevance: 1,
          score: 1,
        },
        data,
        new Set(),
      ).lead,
      others: [],
      sourceCount: 1,
      differences: differenceViews(['s1#0'], data),
    };
    render(<ClaimList items={[item]} totalSources={5} onOpenClaim={onOpenClaim} idPrefix="t" />, container);
    const block = container.querySelector('[data-testid="claim-differs"]')!;
    expect(block.querySelector('.differs-badge')!.textContent).toBe(SOURCES_DIFFER);
    const sides = [...block.querySelectorAll('.claim-side')];
    expect(sides.map((s) => s.getAttribute('aria-label'))).toEqual(['This account', 'The other account']);
    expect(sides[1]!.querySelector('.claim-text')!.textContent).toBe(claim('s2#0').text);
    const toggle = block.querySelector('[data-testid="claim-differs-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = container.querySelector(`#${toggle.getAttribute('aria-controls')}`)!;
    expect(panel.hasAttribute('hidden')).toBe(false);
    act(() => {
      toggle.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hasAttribute('hidden')).toBe(true);
    act(() => {
      toggle.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
    });
    (sides[1]!.querySelector('button') as unknown as HTMLElement).dispatchEvent(
      new window.Event('click', { bubbles: true }) as unknown as Event,
    );
    expect(onOpenClaim).toHaveBeenCalledWith('s2#0');
  });
});
