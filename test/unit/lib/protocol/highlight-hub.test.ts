/**
 * The highlight port's messages as a page's UI hears them: the main chunk opens the port
 * and passes every message on unchecked (it carries no schemas); the UI chunk wraps the
 * listener with checkedHubMessages, so the highlights controller gets only valid ones.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkedHubMessages, type HubMessage } from '../../../../src/lib/protocol/highlight-hub';
import { highlight, UUID_A } from '../../support/highlight-fixtures';

describe('checkedHubMessages', () => {
  it('passes on a changed row and a removal, as they came', () => {
    const on = vi.fn<(m: HubMessage) => void>();
    const hear = checkedHubMessages(on);
    const row = highlight();
    hear({ type: 'highlight-changed', highlight: row });
    hear({ type: 'highlight-removed', id: UUID_A });
    expect(on.mock.calls).toEqual([
      [{ type: 'highlight-changed', highlight: row }],
      [{ type: 'highlight-removed', id: UUID_A }],
    ]);
  });

  it('drops anything else: another type, a row that is not one, extra fields, not an object', () => {
    const on = vi.fn<(m: HubMessage) => void>();
    const hear = checkedHubMessages(on);
    hear({ type: 'highlight-exploded', id: UUID_A });
    hear({ type: 'highlight-changed', highlight: { ...highlight(), url: 'javascript:alert(1)' } });
    hear({ type: 'highlight-changed', highlight: { ...highlight(), color: 'black' } });
    hear({ type: 'highlight-removed', id: UUID_A, html: '<img src=x>' });
    hear('highlight-removed');
    hear(null);
    expect(on).not.toHaveBeenCalled();
  });
});
