// Saved views in the window: the list, the view last opened from it (for the "modified" mark and
// Revert) and the "Restored your last view" notice. Views are opened through the app store's
// setExplore, so opening one is an ordinary view change (URL, history, panels).
import { create } from 'zustand';
import { presetFor } from '../../../shared/presets';
import type { ViewState } from '../../../shared/url-state';
import { openState, parseViewJson, stateToSave, viewFileName, viewToJson, type SavedView, type ViewDates } from '../../../shared/views';
import { errorMessage, invoke } from '../api/invoke';
import { lastDate, useApp } from '../store/app-store';

export interface ViewsState {
  views: SavedView[];
  /** The list has been read from the database at least once (it is kept current after that). */
  loaded: boolean;
  /** The saved view last opened (or saved), to tell whether the screen still shows it. */
  opened: SavedView | null;
  /** The app reopened on the analyst's last view (shown until Reset or dismissed). */
  restored: boolean;

  load(): Promise<void>;
  /** The list read once: resolves at once when it has been, or with the read under way. */
  loadOnce(): Promise<void>;
  open(view: SavedView): Promise<void>;
  /** Saves the view on screen under `name`; with `id`, over that saved view. True when saved. */
  save(name: string, dates: ViewDates, id?: number): Promise<boolean>;
  rename(id: number, name: string): Promise<boolean>;
  duplicate(id: number): Promise<void>;
  move(id: number, position: number): Promise<void>;
  remove(id: number): Promise<void>;
  exportView(view: SavedView): Promise<void>;
  importText(text: string): Promise<void>;
  revert(): Promise<void>;
  /** Back to the default all-data view (the notice's Reset). */
  reset(): Promise<void>;
  dismissRestored(): void;
}

const currentLastDate = () => lastDate(useApp.getState().dimensions);

/** A view with its preset named as the bar shows it (dates that match "Last 30 days" are that). */
export const named = (view: ViewState, last: string | null): ViewState => (view.preset ? view : { ...view, preset: presetFor(view.filter, last) });

const screenView = () => named(useApp.getState().explore, currentLastDate());

/** True when `view` is no longer `saved` as it was saved. */
export function isModified(saved: SavedView, view: ViewState, last: string | null): boolean {
  return stateToSave(named(view, last), saved.dates) !== saved.state;
}

const fail = (err: unknown) => useApp.getState().toast('error', errorMessage(err));

/** The latest listViews read, for loadOnce. */
let reading: Promise<void> | null = null;

export const useViews = create<ViewsState>()((set, get) => ({
  views: [],
  loaded: false,
  opened: null,
  restored: false,

  async load() {
    const read = (async () => {
      try {
        const { views } = await invoke('listViews', {});
        const opened = get().opened;
        set({ views, loaded: true, opened: opened && (views.find((v) => v.id === opened.id) ?? null) });
      } catch (err) {
        fail(err);
      }
    })();
    reading = read;
    await read;
  },

  async loadOnce() {
    if (get().loaded) return;
    await (reading ?? get().load());
  },

  async open(view) {
    set({ opened: view, restored: false });
    await useApp.getState().setExplore(openState(view.state, currentLastDate()).view);
  },

  async save(name, dates, id) {
    const state = stateToSave(screenView(), dates);
    if (typeof state !== 'string') {
      useApp.getState().toast('error', `${state.error}.`);
      return false;
    }
    try {
      const saved = await invoke('saveView', { name, state, dates, ...(id === undefined ? {} : { id }) });
      set({ opened: saved });
      useApp.getState().toast('success', `Saved the view "${saved.name}".`);
      await get().load();
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  },

  async rename(id, name) {
    try {
      await invoke('renameView', { id, name });
      await get().load();
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  },

  async duplicate(id) {
    try {
      await invoke('duplicateView', { id });
    } catch (err) {
      fail(err);
    }
    await get().load();
  },

  async move(id, position) {
    try {
      set({ views: (await invoke('moveView', { id, position })).views });
    } catch (err) {
      fail(err);
    }
  },

  async remove(id) {
    try {
      const { views } = await invoke('deleteView', { id });
      set({ views, opened: get().opened?.id === id ? null : get().opened });
    } catch (err) {
      fail(err);
      await get().load();
    }
  },

  async exportView(view) {
    try {
      const { path } = await invoke('saveFile', { filename: viewFileName(view.name), content: viewToJson(view) });
      if (path) useApp.getState().toast('success', `Saved ${path}.`);
    } catch (err) {
      fail(err);
    }
  },

  async importText(text) {
    const parsed = parseViewJson(text);
    if ('error' in parsed) {
      useApp.getState().toast('error', parsed.error);
      return;
    }
    try {
      const saved = await invoke('saveView', parsed);
      useApp.getState().toast('success', `Imported the view "${saved.name}".`);
      await get().load();
      await get().open(saved);
    } catch (err) {
      fail(err);
    }
  },

  async revert() {
    const opened = get().opened;
    if (opened) await get().open(opened);
  },

  async reset() {
    set({ restored: false, opened: null });
    await useApp.getState().setExplore({ filter: {}, preset: 'all' });
  },

  dismissRestored() {
    set({ restored: false });
  },
}));
