// Which drill is open and what opened it, so closing the drawer can give focus back to that element.
import { create } from 'zustand';
import type { DrillSpec } from './drill-spec';

interface DrillState {
  spec: DrillSpec | null;
  opener: HTMLElement | null;
  open(spec: DrillSpec, opener?: HTMLElement | null): void;
  /** Closes the drawer; focus goes back to its opener unless the analyst is going elsewhere (a profile). */
  close(returnFocus?: boolean): void;
}

export const useDrill = create<DrillState>()((set, get) => ({
  spec: null,
  opener: null,
  open(spec, opener) {
    const el = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    set({ spec, opener: el });
  },
  close(returnFocus = true) {
    const { opener } = get();
    set({ spec: null, opener: null });
    if (!returnFocus) return;
    // After the dialog has gone from the DOM; the native dialog's own focus return can miss a row that
    // was double-clicked without being focused first.
    queueMicrotask(() => opener?.isConnected && opener.focus());
  },
}));
