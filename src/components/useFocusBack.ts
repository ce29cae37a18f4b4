/**
 * Gives the keyboard focus back to a button when what it opened closes: the opened part
 * (a note editor), with the focus in it, is gone, and the focus would fall to <body>.
 * Returns the ref to put on the button; `open` says whether what it opens is shown.
 */
import { useEffect, useRef } from 'preact/hooks';

export function useFocusBack<T extends HTMLElement>(open: boolean) {
  const button = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return button;
}
