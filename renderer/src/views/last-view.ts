// The app reopens where the analyst left it: every view change is remembered in the database
// (setLastView, one call at a time so the last change is the one kept, once its answers are in), and a window opened without a
// view in its address shows the last one and says so (the notice's Reset goes back to all data).
import { openState } from '../../../shared/views';
import { viewQuery } from '../../../shared/url-state';
import { invoke } from '../api/invoke';
import { lastDate, useApp, whenIdle, type AppState } from '../store/app-store';
import { isModified, useViews } from './views-store';

/** The last date with data, once the first facet counts have answered (or failed). */
function lastDateSettled(): Promise<string | null> {
  return new Promise((resolve) => {
    const settled = (s: AppState) => {
      const d = s.dimensions;
      if (d.status !== 'ready' && d.status !== 'error') return false;
      resolve(lastDate(d));
      return true;
    };
    if (settled(useApp.getState())) return;
    const stop = useApp.subscribe((s) => {
      if (settled(s)) stop();
    });
  });
}

/** Shows the stored last view when there is one; resolves with what was stored. */
async function restore(): Promise<string | null> {
  const start = viewQuery(useApp.getState().explore);
  const { state } = await invoke('getLastView', {});
  if (!state || state === start) return state;
  // A relative view's dates are counted from the last day with data, so wait for it.
  const last = await lastDateSettled();
  if (viewQuery(useApp.getState().explore) !== start) return state; // the analyst has moved on meanwhile
  const { view, error } = openState(state, last);
  if (error) return state;
  useViews.setState({ restored: true });
  await useApp.getState().setExplore(view);
  // The saved view it shows, if it is one, so a change to it is marked as such again (the list the
  // Views control has read, when it has).
  await useViews.getState().loadOnce();
  const { views } = useViews.getState();
  const shown = views.find((v) => !isModified(v, useApp.getState().explore, last));
  if (shown && !useViews.getState().opened) useViews.setState({ opened: shown });
  return state;
}

/** The dashboard still waits for an answer about the view on screen. */
const answering = (s: AppState) => s.metrics.status === 'loading' || s.dimensions.status === 'loading';

/**
 * Keeps the view on screen as the last view; `stored` is what the database holds already (not written
 * again). The write waits until the view's answers are in and the window is idle: sent with them, it
 * queued in the one engine worker among the requests a filter change is waiting for.
 */
function remember(stored: string | null): void {
  let latest = viewQuery(useApp.getState().explore);
  let queue: Promise<unknown> = Promise.resolve();
  let due = latest !== stored;
  let scheduled = false;
  const write = () => {
    scheduled = false;
    if (!due || answering(useApp.getState())) return; // the subscription schedules it again
    due = false;
    const state = latest;
    // A read-only database cannot keep it; that is no reason to interrupt the analyst on every change.
    queue = queue.then(() => invoke('setLastView', { state })).catch(() => undefined);
  };
  const schedule = (s: AppState) => {
    if (due && !scheduled && !answering(s)) {
      scheduled = true;
      whenIdle(write);
    }
  };
  schedule(useApp.getState());
  useApp.subscribe((s, prev) => {
    if (s.explore !== prev.explore) {
      const state = viewQuery(s.explore);
      if (state !== latest) {
        latest = state;
        due = true;
      }
    }
    schedule(s);
  });
}

/** After url-sync: restores the last view when the address named none (the dashboard, unfiltered). */
export async function startLastView(): Promise<void> {
  const opensDefault = window.location.hash === '#/' || window.location.hash === '';
  let stored: string | null = null;
  try {
    if (opensDefault) stored = await restore();
  } catch {
    // No last view to show (an engine that cannot answer says so on the dashboard itself).
  }
  remember(stored);
}
