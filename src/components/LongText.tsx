/**
 * A reader's text that may be very long (a note of thousands of characters, a quote of a
 * whole section): its first `max` characters, and a button that shows the rest. Shown
 * whole, one such note made the popup 7,700 px tall and the library 13,000 (review).
 */
import { useState } from 'preact/hooks';

export interface LongTextProps {
  text: string;
  /** Characters shown before "Show all"; the cut is at the last space before it. */
  max: number;
  class?: string;
  /** The element: a paragraph (notes) or a quote. */
  as?: 'p' | 'blockquote';
  id?: string;
  testId?: string;
}

export function LongText({ text, max, class: className, as = 'p', id, testId }: LongTextProps) {
  const [whole, setWhole] = useState(false);
  const long = text.length > max + 40; // not for a few characters more
  const cut = long && !whole ? cutAt(text, max) : text;
  const Tag = as;
  return (
    <Tag class={className} id={id} data-testid={testId}>
      {cut}
      {long && !whole && '…'}
      {long && (
        <>
          {' '}
          <button type="button" class="long-text-toggle" onClick={() => setWhole(!whole)}>
            {whole ? 'Show less' : `Show all (${text.length.toLocaleString('en')} characters)`}
          </button>
        </>
      )}
    </Tag>
  );
}

/** `text` up to `max` characters, cut at the last white space before it (if not too far back). */
function cutAt(text: string, max: number): string {
  const head = text.slice(0, max);
  const space = head.search(/\s\S*$/);
  return (space > max * 0.7 ? head.slice(0, space) : head).trimEnd();
}
