// The window's only door to the app: window.analytics, one named function per API entry, plus the
// progress subscription and the path of a dropped file. Never raw ipcRenderer. Menu commands arrive as
// 'api:event:menu' and are handed to the window as the DOM event it already listens to.
// Runs sandboxed: compiled to CommonJS and may require nothing but 'electron', so everything from
// shared/ is imported as types only and the channel names are written out here.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { AnalyticsApi, ApiName, ApiRequest, ApiResponse, ApiResult, WatchNotice } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import type { MenuEvent, ShellEventName } from '../main/events.js';

function invoke<K extends ApiName>(name: K) {
  return (request: ApiRequest<K>): Promise<ApiResult<ApiResponse<K>>> => ipcRenderer.invoke(`api:${name}`, request);
}

function subscribe<T>(event: ShellEventName, listener: (payload: T) => void): () => void {
  // The Electron event object is not handed on: it carries the sender and would leak ipcRenderer.
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(`api:event:${event}`, wrapped);
  return () => {
    ipcRenderer.removeListener(`api:event:${event}`, wrapped);
  };
}

// The preload's own global (the page's window seen from the isolated world); no DOM lib on this side.
declare const window: { dispatchEvent(event: Event): boolean };

/**
 * The renderer listens for window 'analytics-command' events whose detail is the command name
 * (renderer/src/components/App.tsx, AppCommand); menu actions use the same names. A string detail
 * crosses from this isolated world to the page's world intact.
 */
subscribe<MenuEvent>('menu', ({ action }) => {
  window.dispatchEvent(new CustomEvent('analytics-command', { detail: action }));
});

const api = {
  importPaths: invoke('importPaths'),
  cancelImport: invoke('cancelImport'),
  getStatus: invoke('getStatus'),
  waitForImport: invoke('waitForImport'),
  getMetrics: invoke('getMetrics'),
  getDimensions: invoke('getDimensions'),
  getTrend: invoke('getTrend'),
  searchMerchants: invoke('searchMerchants'),
  getMerchant: invoke('getMerchant'),
  getEvents: invoke('getEvents'),
  getHistory: invoke('getHistory'),
  getRejectedRows: invoke('getRejectedRows'),
  forgetFile: invoke('forgetFile'),
  getCsv: invoke('getCsv'),
  checkDatabase: invoke('checkDatabase'),
  saveFile: invoke('saveFile'),
  exportAllCsv: invoke('exportAllCsv'),
  exportReport: invoke('exportReport'),
  chooseFolders: invoke('chooseFolders'),
  listViews: invoke('listViews'),
  saveView: invoke('saveView'),
  renameView: invoke('renameView'),
  duplicateView: invoke('duplicateView'),
  deleteView: invoke('deleteView'),
  moveView: invoke('moveView'),
  getLastView: invoke('getLastView'),
  setLastView: invoke('setLastView'),
  listWatchedFolders: invoke('listWatchedFolders'),
  addWatchedFolder: invoke('addWatchedFolder'),
  pauseWatchedFolder: invoke('pauseWatchedFolder'),
  removeWatchedFolder: invoke('removeWatchedFolder'),
  chooseWatchFolder: invoke('chooseWatchFolder'),
  startOver: invoke('startOver'),
  getXlsx: invoke('getXlsx'),
  getEventsXlsx: invoke('getEventsXlsx'),
  saveBinaryFile: invoke('saveBinaryFile'),
  getDataQuality: invoke('getDataQuality'),
  exportCleanEvents: invoke('exportCleanEvents'),
  onImportProgress: (listener: (progress: ImportProgress) => void) => subscribe('importProgress', listener),
  onWatchNotice: (listener: (notice: WatchNotice) => void) => subscribe('watchNotice', listener),
  pathForFile: (file: File) => {
    let p = '';
    try {
      p = webUtils.getPathForFile(file);
    } catch {
      // not a File backed by the disk
    }
    // Main imports only what was chosen or dropped (electron/main/chosen-paths.ts): say this one was.
    if (p) ipcRenderer.send('shell:dropped-path', p);
    return p;
  },
} satisfies AnalyticsApi;

contextBridge.exposeInMainWorld('analytics', api);
