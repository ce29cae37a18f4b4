/**
 * The entity card drawn with Preact (src/components/card/) in a panel of the page's UI host:
 * the CardPresenter the UI chunk gives the entity controller, and the reader page uses
 * directly.
 */
import { h } from 'preact';
import { CARD_CSS, EntityCardView } from '../../components/card';
import type { UiHost } from '../ui/host';
import { CardHost } from './card-host';
import type { CardContent, CardEvents, CardPresenter } from './card-presenter';

export function preactCards(ui: UiHost, events: CardEvents): CardPresenter {
  const host = new CardHost(ui, CARD_CSS, events);
  return {
    get isOpen() {
      return host.isOpen;
    },
    contains: (node) => host.contains(node as Node | null),
    show: (c: CardContent, anchor: DOMRect, focus: boolean) =>
      host.show(
        h(EntityCardView, {
          card: c.card,
          pageCount: c.pageCount,
          idPrefix: 'glossa-card',
          onSelectEntity: c.onSelectEntity,
          linkClaims: true,
          onOpenClaim: c.onOpenClaim,
          onClose: c.onClose,
        }),
        anchor,
        focus,
      ),
    hide: () => host.hide(),
    destroy: () => host.destroy(),
  };
}
