// Pending answers dim what they will replace (it stays scrollable and clickable), after 150 ms so a
// quick answer does not flicker, and back at once when it arrives. The wait is a timer rather than a
// CSS transition delay: a transition, even while it only waits, lifts every panel into a compositor
// layer of its own on every filter change, and committing those layers cost 10-20 ms a change.
import { useEffect, useState } from 'react';

const DIM_AFTER_MS = 150;

/** True once `pending` has stayed true for a moment; false again as soon as it is not. */
export function useDimmed(pending: boolean): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => setLate(true), DIM_AFTER_MS);
    return () => {
      clearTimeout(t);
      setLate(false);
    };
  }, [pending]);
  return pending && late;
}
