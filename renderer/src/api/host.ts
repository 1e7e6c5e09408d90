// Where the window's API comes from. In the desktop app the preload exposes window.analytics; in browser
// mode (npm run web) there is no preload and the same typed API is served over HTTP by the bridge.
// Both satisfy AnalyticsApi, so nothing above this folder knows which one it talks to.
import type { AnalyticsApi } from '../../../shared/api';
import { createDesktopHost } from './desktop-host';
import { createHttpHost } from './http-host';

export interface UploadProgress {
  files_done: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  current_file: string | null;
}

export interface DropResolution {
  /** Paths the engine can import; empty when nothing usable was dropped. */
  paths: string[];
  /** True when we can tell, before importing, that no CSV file was in the drop. */
  noCsv: boolean;
  /** Files left out before import because they do not end in .csv (browser mode only). */
  skipped: number;
}

export interface Host {
  mode: 'desktop' | 'browser';
  api: AnalyticsApi;
  /** Turns what was dropped on the window into importable paths (uploading first in browser mode).
   *  Must be called synchronously from the drop handler: a DataTransfer empties once the event ends. */
  resolveDrop(dataTransfer: DataTransfer): Promise<DropResolution>;
  /** Upload progress, browser mode only. */
  onUploadProgress(listener: (p: UploadProgress | null) => void): () => void;
  /** Stops the upload under way (browser mode only); its resolveDrop or chooseFolders fails as cancelled. */
  cancelUpload?(): void;
  /** How "Choose folders…" reads in this mode. */
  chooseLabel: string;
}

declare global {
  interface Window {
    analytics?: AnalyticsApi;
  }
}

let current: Host | null = null;

export function host(): Host {
  if (!current) current = window.analytics ? createDesktopHost(window.analytics) : createHttpHost();
  return current;
}

/** Test hook: the component harness installs a fake host. */
export function setHost(h: Host | null): void {
  current = h;
}
