import { useEffect, useRef } from 'react';

/**
 * Opens a <dialog> as modal on mount (focus moves inside, Escape fires cancel) and closes it on unmount,
 * giving focus back to what had it before. The dialog's own focus return does not happen here: React
 * removes the element before this cleanup runs, and a detached dialog's close() restores nothing.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    // The dialog's own focusing runs at showModal, after React's autoFocus would have; so mark the
    // button that Enter should press with data-autofocus and focus it here.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      d?.close();
      // Only when focus went nowhere (the dialog took it with it): never away from what took it since.
      const lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);
  return ref;
}
