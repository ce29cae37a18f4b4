/** The card's claim links (`linkClaims`), which the content script turns into `reader/open`. */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityCardView, READ_IN_SOURCE_TEXT } from '../../../../src/components/card';
import { buildEntityCard } from '../../../../src/lib/cards/build';
import { makeCardsKb, X } from '../../support/card-fixtures';

let window: ReturnType<typeof parseHTML>['window'];
let container: HTMLElement;

beforeEach(() => {
  ({ window } = parseHTML('<!doctype html><html lang="en"><body><div id="host"></div></body></html>'));
  container = window.document.getElementById('host') as unknown as HTMLElement;
});
afterEach(() => render(null, container));

const card = buildEntityCard(makeCardsKb(), X)!;

function show(linkClaims: boolean) {
  const onOpenClaim = vi.fn<(id: string | null) => void>();
  render(
    <EntityCardView
      card={card}
      idPrefix="c"
      onSelectEntity={() => {}}
      onOpenClaim={onOpenClaim}
      onClose={() => {}}
      linkClaims={linkClaims}
    />,
    container,
  );
  return onOpenClaim;
}

describe('card claim links', () => {
  it('off by default: no "Read in source" buttons', () => {
    show(false);
    expect(container.querySelectorAll('[data-testid="gc-read"]')).toHaveLength(0);
  });

  it('on: each key claim and event opens its claim; "See all" opens the entity (null)', () => {
    const onOpenClaim = show(true);
    const reads = [...container.querySelectorAll('[data-testid="gc-read"]')];
    expect(reads).toHaveLength(card.keyClaims.length + card.events.length);
    for (const b of reads) {
      expect(b.textContent).toBe(READ_IN_SOURCE_TEXT);
      expect(b.getAttribute('type')).toBe('button');
    }
    const first = container.querySelector('[data-testid="gc-claims"] [data-testid="gc-read"]')!;
    first.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
    expect(onOpenClaim).toHaveBeenLastCalledWith(card.keyClaims[0]!.claimId);
    container
      .querySelector('[data-testid="gc-see-all"]')!
      .dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
    expect(onOpenClaim).toHaveBeenLastCalledWith(null);
  });
});
