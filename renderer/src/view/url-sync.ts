// Keeps the store's view and the URL hash in step: each filter change is a history entry, so browser
// back and forward (and Ctrl+Z / Ctrl+Shift+Z, which call them) step through filter changes.
import { useApp } from '../store/app-store';
import { isDashboardHash, parseViewHash, serializeView } from './url-state';

interface Entry {
  /** Position in this window's own history, so undo never steps back out of the app. */
  idx: number;
}

function currentIdx(): number {
  const s = window.history.state as Entry | null;
  return s && typeof s.idx === 'number' ? s.idx : 0;
}

export function startUrlSync(): void {
  const { view, error } = parseViewHash(window.location.hash);
  window.history.replaceState({ idx: currentIdx() } satisfies Entry, '', serializeView(view));
  useApp.setState({
    explore: view,
    urlError: error,
    onViewChange(v) {
      const hash = serializeView(v);
      if (hash !== window.location.hash && !(hash === '#/' && window.location.hash === '')) window.history.pushState({ idx: currentIdx() + 1 } satisfies Entry, '', hash);
    },
  });
  window.addEventListener('popstate', () => {
    if (!isDashboardHash(window.location.hash)) return;
    const parsed = parseViewHash(window.location.hash);
    useApp.setState({ urlError: parsed.error });
    void useApp.getState().setExplore(parsed.view, 'history');
  });
}

/** Ctrl+Z: the previous filter change, never further back than where the app started. */
export function undoView(): void {
  if (currentIdx() > 0) window.history.back();
}

export function redoView(): void {
  window.history.forward();
}
