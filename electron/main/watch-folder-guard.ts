// The window may ask to watch only a folder the analyst chose in the native dialog this session: a
// compromised page could otherwise have the app read any folder on the machine from now on.
import path from 'node:path';
import type { ApiError, ApiRequest, EngineApiName } from '../../shared/api.js';

export interface WatchFolderGuard {
  /** A folder the analyst just chose in the dialog. */
  remember(folder: string): void;
  /** Null when the engine request may go ahead. */
  check<K extends EngineApiName>(name: K, request: ApiRequest<K>): ApiError | null;
}

export function createWatchFolderGuard(): WatchFolderGuard {
  const chosen = new Set<string>();
  return {
    remember: (folder) => void chosen.add(path.resolve(folder)),
    check(name, request) {
      if (name !== 'addWatchedFolder') return null;
      const folder = (request as ApiRequest<'addWatchedFolder'>).path;
      if (path.isAbsolute(folder) && chosen.has(path.resolve(folder))) return null;
      return { code: 'bad_request', message: 'Choose the folder to watch with "Watch this folder…" (the app watches only folders chosen there).' };
    },
  };
}
