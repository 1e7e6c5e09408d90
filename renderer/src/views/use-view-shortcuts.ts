// Ctrl+1 … Ctrl+9 (Cmd on a Mac) open the first nine saved views, from anywhere in the window.
import { useEffect } from 'react';
import { useViews } from './views-store';

export function useViewShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || !/^[1-9]$/.test(e.key)) return;
      const view = useViews.getState().views[Number(e.key) - 1];
      if (!view) return;
      e.preventDefault();
      void useViews.getState().open(view);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
