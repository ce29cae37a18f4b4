/**
 * A button for what cannot be undone (deleting highlights for good): the first press asks,
 * in place — "cannot be undone", the action again, Cancel (which gets the focus) — and
 * only the second does it. A reader's stray click or key on "Delete for good" lost
 * highlights and their notes at once (review).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useFocusBack } from '../useFocusBack';

export interface ConfirmButtonProps {
  /** The button's label, and the confirming button's. */
  label: string;
  /** What the question says will be lost. */
  question: string;
  onConfirm(): void;
  class?: string;
}

export function ConfirmButton({ label, question, onConfirm, class: className }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  // Cancelled: the focus back on the first button.
  const first = useFocusBack<HTMLButtonElement>(asking);
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" class={className} ref={first} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span class="confirm" role="group" aria-label={question} data-testid="confirm">
      <span class="confirm-question">{question}</span>{' '}
      <button type="button" class="danger" data-testid="confirm-yes" onClick={onConfirm}>
        {label}
      </button>{' '}
      <button type="button" ref={cancel} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
