// The watched folders as the window shows them, and what it does with a watch notice: a quiet toast,
// and the data reloaded in place (the dashboard keeps the analyst's filters: refresh() reads them).
import { create } from 'zustand';
import type { WatchNotice, WatchedFoldersResponse } from '../../../shared/api';
import { host } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { loadInto, type Loadable } from './loadable';
import { useApp } from './app-store';

export interface WatchState {
  folders: Loadable<WatchedFoldersResponse>;
  /** Watched folders importing now (or waiting for their turn), with what they import. */
  importing: Record<string, string>;
  load(): Promise<void>;
  /** Desktop: the native folder dialog, then watch what was chosen. */
  chooseAndWatch(): Promise<void>;
  /** Browser mode: a path the analyst typed or pasted. True when it is now watched. */
  watch(path: string): Promise<boolean>;
  setPaused(id: number, paused: boolean): Promise<void>;
  remove(id: number): Promise<void>;
  /** Handles one notice pushed by the engine. */
  onNotice(notice: WatchNotice): void;
}

export const useWatch = create<WatchState>()((set, get) => {
  /** Runs a change and shows the list it answers; an error is a toast, the list stays as it was. */
  async function change(run: () => Promise<WatchedFoldersResponse>): Promise<boolean> {
    try {
      set({ folders: { status: 'ready', data: await run() } });
      return true;
    } catch (err) {
      useApp.getState().toast('error', errorMessage(err));
      return false;
    }
  }

  return {
    folders: { status: 'idle' },
    importing: {},

    load: () => loadInto(get().folders, () => invoke('listWatchedFolders', {}), (folders) => set({ folders }), errorMessage),

    async chooseAndWatch() {
      if (host().mode === 'browser') {
        // Browser mode has no folder dialog that gives a path: the section's path field does it.
        useApp.getState().setView('history');
        return;
      }
      try {
        const { path } = await invoke('chooseWatchFolder', {});
        if (path) await get().watch(path);
      } catch (err) {
        useApp.getState().toast('error', errorMessage(err));
      }
    },

    async watch(path) {
      const added = await change(() => invoke('addWatchedFolder', { path }));
      if (added) useApp.getState().toast('info', `Watching ${path}: CSV files that land there are imported by themselves.`);
      return added;
    },

    async setPaused(id, paused) {
      await change(() => invoke('pauseWatchedFolder', { id, paused }));
    },

    async remove(id) {
      await change(() => invoke('removeWatchedFolder', { id }));
    },

    onNotice(notice) {
      const { [notice.folder]: _ended, ...importing } = get().importing;
      if (notice.kind === 'importing') {
        set({ importing: { ...importing, [notice.folder]: notice.text } });
        return;
      }
      set({ importing });
      const app = useApp.getState();
      if (notice.kind !== 'unchanged') app.toast(notice.kind === 'failed' ? 'error' : 'info', notice.text);
      if (notice.kind === 'imported' || notice.kind === 'failed') void app.refresh();
      void get().load();
    },
  };
});

/** Subscribes the window to watch notices for as long as it is open. */
export function listenForWatchNotices(): () => void {
  return host().api.onWatchNotice((n) => useWatch.getState().onNotice(n));
}
