// The app's watched folders: one FolderWatcher per stored, unpaused folder, importing through the
// engine's one import queue, and a notice for whatever came in. Runs inside the engine worker, next
// to the only write connection, so the desktop app and browser mode share it; the CLI's own engines
// (import, metrics, watch) never start it.
//
// Each folder has its own watcher, so pausing or removing one never disturbs the others; when the
// engine opens, every unpaused folder is scanned and what changed while the app was closed comes in
// (the import recognises files it already has by their content).
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { fail, ok, type ApiResult, type WatchNotice, type WatchedFolder, type WatchedFoldersResponse } from '../../../shared/api.js';
import type { ImportSummary } from '../../../shared/importing.js';
import { FolderWatcher, type WatchEvent } from './folder-watcher.js';
import { importNotice, importingNotice } from './watch-notice.js';
import { deleteFolder, insertFolder, listStoredFolders, markScanned, setPaused, storedFolder, type StoredFolder } from './watched-folders-store.js';

export interface WatchServiceDeps {
  db: Database.Database;
  /** Imports through the engine's queue; `owner` tells this folder's imports from the others'. */
  importPaths(owner: object, paths: string[]): Promise<ApiResult<ImportSummary>>;
  /** Ends owner's import: dropped if still waiting, stopped (and awaited) if running. */
  cancelImport(owner: object): Promise<void>;
  notify(notice: WatchNotice): void;
  settleMs: number;
  rescanMs: number;
  /** Test hook: rescans only, no change events. */
  events?: boolean;
}

interface Live {
  watcher: FolderWatcher;
  available: boolean;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The list as an engine that does not watch (a read-only view) sees it: stored state and the disk. */
export function listWithoutWatching(db: Database.Database): WatchedFoldersResponse {
  return {
    folders: listStoredFolders(db).map((f) => ({ ...f, status: f.paused ? 'paused' : isFolder(f.path) ? 'watching' : 'unavailable' })),
  };
}

const gone = () => fail('not_found', 'That folder is no longer in the list of watched folders.');

export class WatchService {
  private readonly live = new Map<number, Live>();
  private stopped = false;

  constructor(private readonly deps: WatchServiceDeps) {}

  /** Starts watching every unpaused folder; each first scan imports what changed while the app was closed. */
  async start(): Promise<void> {
    await Promise.all(listStoredFolders(this.deps.db).filter((f) => !f.paused).map((f) => this.watch(f)));
  }

  list(): WatchedFoldersResponse {
    const folders: WatchedFolder[] = listStoredFolders(this.deps.db).map((f) => {
      const live = this.live.get(f.id);
      return { ...f, status: f.paused ? 'paused' : live && !live.available ? 'unavailable' : 'watching' };
    });
    return { folders };
  }

  async add(given: string): Promise<ApiResult<WatchedFoldersResponse>> {
    if (!path.isAbsolute(given)) {
      return fail('bad_request', `"${given}" is not a full folder path. Give the whole path, such as /home/you/exports or C:\\exports.`);
    }
    const folder = path.resolve(given);
    if (!isFolder(folder)) {
      return fail('not_found', fs.existsSync(folder) ? `${folder} is a file; watch a folder instead.` : `There is no folder at ${folder}. Check the path and try again.`);
    }
    const stored = insertFolder(this.deps.db, folder);
    if (!stored.paused) await this.watch(stored);
    return ok(this.list());
  }

  async pause(id: number, paused: boolean): Promise<ApiResult<WatchedFoldersResponse>> {
    const stored = storedFolder(this.deps.db, id);
    if (!stored) return gone();
    setPaused(this.deps.db, id, paused);
    if (paused) await this.unwatch(id);
    else await this.watch({ ...stored, paused });
    return ok(this.list());
  }

  async remove(id: number): Promise<ApiResult<WatchedFoldersResponse>> {
    if (!storedFolder(this.deps.db, id)) return gone();
    deleteFolder(this.deps.db, id);
    // Its events stay: removing a watch is not a request to forget what it imported.
    await this.unwatch(id);
    return ok(this.list());
  }

  /** Stops every watcher; imports they started are dropped or cancelled (the current file rolled back). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.live.keys()].map((id) => this.unwatch(id)));
  }

  private async watch(folder: StoredFolder): Promise<void> {
    if (this.stopped || this.live.has(folder.id)) return;
    const owner = {};
    const watcher = new FolderWatcher(
      [folder.path],
      { importPaths: (paths) => this.deps.importPaths(owner, paths), cancelImport: () => this.deps.cancelImport(owner) },
      (e) => {
        // A watcher being stopped may still finish an import; its folder is no longer the analyst's news.
        const live = this.live.get(folder.id);
        if (live?.watcher === watcher) this.onEvent(folder, live, e);
      },
      { settleMs: this.deps.settleMs, rescanMs: this.deps.rescanMs, events: this.deps.events },
    );
    this.live.set(folder.id, { watcher, available: true });
    await watcher.start();
  }

  private async unwatch(id: number): Promise<void> {
    const live = this.live.get(id);
    if (!live) return;
    this.live.delete(id);
    await live.watcher.stop();
  }

  private onEvent(folder: StoredFolder, live: Live, e: WatchEvent): void {
    const notify = this.deps.notify;
    switch (e.type) {
      case 'imported': {
        markScanned(this.deps.db, folder.id, new Date());
        return notify(importNotice(folder.path, e.result));
      }
      case 'importing':
        return notify(importingNotice(folder.path, e.files));
      case 'unavailable':
        live.available = false;
        return notify({ kind: 'unavailable', folder: folder.path, text: e.message });
      case 'available':
        live.available = true;
        return notify({ kind: 'available', folder: folder.path, text: `The watched folder ${folder.path} is back; importing what changed there.` });
      case 'problem':
        return notify({ kind: 'failed', folder: folder.path, text: e.message });
      case 'queued':
        return;
    }
  }
}
