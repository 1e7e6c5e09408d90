// The desktop window may import or watch only what the analyst chose this session: folders and files
// picked in a native dialog, or dropped onto the window (the preload reports each dropped file's path as
// it reads it). A compromised page could otherwise have the app read, and keep reading, any folder on
// the machine; its own File objects have no path, so it cannot fake a drop.
import path from 'node:path';
import type { ApiError, ApiRequest, EngineApiName } from '../../shared/api.js';

export interface ChosenPaths {
  /** A file or folder the analyst just chose in a dialog or dropped. */
  remember(chosen: string): void;
  /** Null when the engine request may go ahead. */
  check<K extends EngineApiName>(name: K, request: ApiRequest<K>): ApiError | null;
}

/** The preload's channel for a dropped file's path (repeated as a literal there). */
export const DROPPED_PATH_CHANNEL = 'shell:dropped-path';

export function createChosenPaths(): ChosenPaths {
  const chosen = new Set<string>();
  const isChosen = (p: string) => {
    if (!path.isAbsolute(p)) return false;
    // The path itself or anything inside a chosen folder.
    for (let at = path.resolve(p); ; at = path.dirname(at)) {
      if (chosen.has(at)) return true;
      if (path.dirname(at) === at) return false;
    }
  };
  return {
    remember: (p) => void chosen.add(path.resolve(p)),
    check(name, request) {
      if (name === 'addWatchedFolder') {
        const folder = (request as ApiRequest<'addWatchedFolder'>).path;
        if (isChosen(folder)) return null;
        return { code: 'bad_request', message: 'Choose the folder to watch with "Watch this folder…" (the app watches only folders chosen there or dropped on the window).' };
      }
      if (name === 'importPaths') {
        const refused = (request as ApiRequest<'importPaths'>).paths.filter((p) => !isChosen(p));
        if (refused.length === 0) return null;
        return { code: 'bad_request', message: `The app imports only files and folders you chose or dropped on the window; choose ${refused.length === 1 ? `"${refused[0]}"` : `these ${refused.length} paths`} with "Choose folder…" or drop them on the window.` };
      }
      return null;
    },
  };
}

export interface DroppedPathEvent {
  senderFrame?: { url: string } | null;
}

export interface IpcOnLike {
  on(channel: string, listener: (event: DroppedPathEvent, ...args: unknown[]) => void): void;
}

/** Remembers the paths the preload reports from a drop on one of the app's own pages. */
export function listenForDroppedPaths(ipcMain: IpcOnLike, paths: ChosenPaths, isTrusted: (event: DroppedPathEvent) => boolean): void {
  ipcMain.on(DROPPED_PATH_CHANNEL, (event, p) => {
    if (isTrusted(event) && typeof p === 'string' && p !== '') paths.remember(p);
  });
}
