// Keeps the store's view and the URL hash in step: each filter change is a history entry, so browser
// back and forward (and Ctrl+Z / Ctrl+Shift+Z, which call them) step through filter changes. Opening
// or leaving a merchant profile (#/merchant/<id>?<view>) is an entry too, so Back leaves the profile.
import { useApp } from '../store/app-store';
import { isViewHash, parseRouteHash, serializeRoute } from '../../../shared/url-state';

interface Entry {
  /** Position in this window's own history, so undo never steps back out of the app. */
  idx: number;
}

function currentIdx(): number {
  const s = window.history.state as Entry | null;
  return s && typeof s.idx === 'number' ? s.idx : 0;
}

export function startUrlSync(): void {
  const { view, error, merchant } = parseRouteHash(window.location.hash);
  window.history.replaceState({ idx: currentIdx() } satisfies Entry, '', serializeRoute(view, merchant));
  useApp.setState({
    explore: view,
    urlError: error,
    merchant,
    onViewChange(v) {
      // The profile's hash carries the view too: a filter changed on the profile stays on it.
      const hash = serializeRoute(v, useApp.getState().merchant);
      if (hash !== window.location.hash && !(hash === '#/' && window.location.hash === '')) window.history.pushState({ idx: currentIdx() + 1 } satisfies Entry, '', hash);
    },
  });
  window.addEventListener('popstate', () => {
    if (!isViewHash(window.location.hash)) return;
    const parsed = parseRouteHash(window.location.hash);
    useApp.setState({ urlError: parsed.error, merchant: parsed.merchant });
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
