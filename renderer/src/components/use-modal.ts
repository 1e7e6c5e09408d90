import { useEffect, useRef } from 'react';

/** Opens a <dialog> as modal on mount (focus moves inside, Escape fires cancel) and closes it on unmount. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return ref;
}
