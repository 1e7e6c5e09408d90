import { useEffect, useRef } from 'react';

/** Opens a <dialog> as modal on mount (focus moves inside, Escape fires cancel) and closes it on unmount. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // The dialog's own focusing runs at showModal, after React's autoFocus would have; so mark the
    // button that Enter should press with data-autofocus and focus it here.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return ref;
}
