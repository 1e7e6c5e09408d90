// The one declaration of the API between the window and the engine. Main registers its handlers from
// this map, the preload exposes exactly these names on window.analytics, the browser-mode bridge serves
// them over HTTP, and the renderer calls them through invoke<K>().
import type { MetricsResponse } from './metrics.js';
import type { CompareSpec, MetricFilter } from './filter.js';
import type {
  DimensionsResponse,
  EventsRequest,
  EventsResponse,
  MerchantResponse,
  SearchMerchantsResponse,
  TrendRequest,
  TrendResponse,
} from './exploring.js';
import type {
  DataQuality,
  ForgetResult,
  HistoryResponse,
  ImportProgress,
  ImportSummary,
  RejectedRowsPage,
  RejectedRowsQuery,
  RejectedRowsScope,
} from './importing.js';
import type { SavedView, ViewDates } from './views.js';
import type { CheckReport, StartOverReport } from './checking.js';
import type { EngineStatus } from './status.js';

export const METRIC_NAMES = [
  'top_merchants',
  'monthly_active_merchants',
  'product_adoption',
  'kyc_funnel',
  'failure_rates',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export type CsvExportTarget = MetricName | 'rejected_rows';

export interface CsvFile {
  /** A suggested file name, e.g. "product_adoption.csv". */
  filename: string;
  content: string;
}

/** A binary file to save (an XLSX workbook, a chart's PNG), base64 so it crosses IPC and HTTP as JSON. */
export interface BinaryFile {
  /** A suggested file name saying what the file holds. */
  filename: string;
  base64: string;
}

export interface ApiMap {
  /** Import any mix of files and folders; resolves when the import ends (done, cancelled or failed). */
  importPaths: { request: { paths: string[] }; response: ImportSummary };
  /** Stop the running import; resolves once it has stopped. */
  cancelImport: { request: Record<string, never>; response: { cancelled: boolean } };
  /** Whether this engine can write, and the import running on the database (for a window that did not start it). */
  getStatus: { request: Record<string, never>; response: EngineStatus };
  /** Resolves when the running import ends (at once when none runs), with its summary when this engine ran it. */
  waitForImport: { request: Record<string, never>; response: { summary: ImportSummary | null } };
  /** The five metrics and coverage over the filtered events, and optionally over a comparison period. */
  getMetrics: { request: { filter?: MetricFilter; compare?: CompareSpec }; response: MetricsResponse };
  /** Facet counts for the filter bar: each dimension's values under the other filters. */
  getDimensions: { request: { filter?: MetricFilter }; response: DimensionsResponse };
  /** Volume, events, active merchants and failure rate per day, week or month. */
  getTrend: { request: TrendRequest; response: TrendResponse };
  /** Merchant ids matching a prefix or substring, with their successful volume. */
  searchMerchants: { request: { query: string; limit?: number }; response: SearchMerchantsResponse };
  /** One merchant's story under the filter. */
  getMerchant: { request: { merchant_id: string; filter?: MetricFilter }; response: MerchantResponse };
  /** The events behind a number, a page at a time, with their total. */
  getEvents: { request: EventsRequest; response: EventsResponse };
  getHistory: { request: Record<string, never>; response: HistoryResponse };
  getRejectedRows: { request: RejectedRowsQuery; response: RejectedRowsPage };
  /** Remove one stored file's events; every metric follows. */
  forgetFile: { request: { source_id: number }; response: ForgetResult };
  /** A metric table or the rejected rows (of `rejected`, else of import_id) as CSV text. */
  getCsv: { request: { target: CsvExportTarget; import_id?: number; filter?: MetricFilter; compare?: CompareSpec; rejected?: RejectedRowsScope }; response: CsvFile };
  /** Check the file, the stored files and every metric's summaries against the events; repair rebuilds the summaries. */
  checkDatabase: { request: { repair?: boolean }; response: CheckReport };
  /** Save text through a native save dialog (a download in browser mode); null path when the analyst cancelled. */
  saveFile: { request: CsvFile; response: { path: string | null } };
  /** Write all five metric CSVs into a folder the analyst chooses; null when cancelled. */
  exportAllCsv: { request: { filter?: MetricFilter; compare?: CompareSpec }; response: { folder: string | null; files: string[] } };
  /** Print the report view to PDF through a native save dialog; null when cancelled. */
  exportReport: { request: { page_size: 'A4' | 'Letter'; filter?: MetricFilter; compare?: CompareSpec }; response: { path: string | null } };
  /** The five metric tables (with comparison columns) and an About sheet as one XLSX workbook. */
  getXlsx: { request: { filter?: MetricFilter; compare?: CompareSpec }; response: BinaryFile };
  /** Every event of a drill as XLSX, up to Excel's row limit (rows says how many of total). */
  getEventsXlsx: { request: Omit<EventsRequest, 'offset' | 'limit'>; response: BinaryFile & { rows: number; total: number } };
  /** The stored files behind a filter's period and their rows rejected or kept with a warning, by reason. */
  getDataQuality: { request: { filter?: MetricFilter }; response: DataQuality };
  /** Save a binary file through a native save dialog (a download in browser mode); null path when cancelled. */
  saveBinaryFile: { request: BinaryFile; response: { path: string | null } };
  /** Native open dialog for folders and files; empty when cancelled. */
  chooseFolders: { request: Record<string, never>; response: { paths: string[] } };
  /** Saved views (shared/views.ts), in their order; writes need the writer. */
  listViews: { request: Record<string, never>; response: { views: SavedView[] } };
  /** Create a view, or overwrite the one with `id`; a name another view has is refused. */
  saveView: { request: { name: string; state: string; dates: ViewDates; id?: number }; response: SavedView };
  renameView: { request: { id: number; name: string }; response: SavedView };
  /** A copy under a new name ("… (copy)" when none is given), placed after the original. */
  duplicateView: { request: { id: number; name?: string }; response: SavedView };
  deleteView: { request: { id: number }; response: { views: SavedView[] } };
  /** Moves a view to `position` (0 = first); the others close up. */
  moveView: { request: { id: number; position: number }; response: { views: SavedView[] } };
  /** The view the window showed last (a view state), so it reopens there; null before the first. */
  getLastView: { request: Record<string, never>; response: { state: string | null } };
  setLastView: { request: { state: string }; response: { state: string } };
  // Watched folders (issue 12): kept in the database, watched and imported by the engine.
  listWatchedFolders: { request: Record<string, never>; response: WatchedFoldersResponse };
  addWatchedFolder: { request: { path: string }; response: WatchedFoldersResponse };
  pauseWatchedFolder: { request: { id: number; paused: boolean }; response: WatchedFoldersResponse };
  removeWatchedFolder: { request: { id: number }; response: WatchedFoldersResponse };
  /** Native folder dialog for a folder to watch (desktop); null when cancelled. */
  chooseWatchFolder: { request: Record<string, never>; response: { path: string | null } };
  /** Every accepted event of the filter as a CSV file or a Parquet data set (issue 12). Desktop picks `out` in a dialog (null path when cancelled); browser mode takes it typed. */
  exportCleanEvents: { request: { format: 'csv' | 'parquet'; filter?: MetricFilter; out?: string }; response: { path: string | null; events: number } };
  /** The database was damaged at start-up: move it aside, make a new one, import the files its ledger lists again. */
  startOver: { request: Record<string, never>; response: StartOverReport };
}

export interface WatchedFolder {
  id: number;
  path: string;
  paused: boolean;
  status: 'watching' | 'paused' | 'unavailable';
  /** When its files were last compared with what is stored (ISO time); null before the first time. */
  last_scan_at: string | null;
}

export interface WatchedFoldersResponse {
  folders: WatchedFolder[];
}

/**
 * What a watched folder did by itself, worded for a quiet notice in the window. Every 'importing'
 * is followed by 'imported', 'failed' or 'unchanged' (nothing new: no toast) for the same folder.
 */
export interface WatchNotice {
  kind: 'importing' | 'imported' | 'unchanged' | 'failed' | 'unavailable' | 'available';
  folder: string;
  /** e.g. "activities_20250102.csv: 27,051 rows, 3 rejected". */
  text: string;
}

export type ApiName = keyof ApiMap;
export type ApiRequest<K extends ApiName> = ApiMap[K]['request'];
export type ApiResponse<K extends ApiName> = ApiMap[K]['response'];

export const API_NAMES = [
  'importPaths',
  'cancelImport',
  'getStatus',
  'waitForImport',
  'getMetrics',
  'getDimensions',
  'getTrend',
  'searchMerchants',
  'getMerchant',
  'getEvents',
  'getHistory',
  'getRejectedRows',
  'forgetFile',
  'getCsv',
  'checkDatabase',
  'saveFile',
  'exportAllCsv',
  'exportReport',
  'chooseFolders',
  'listViews', 'saveView', 'renameView', 'duplicateView', 'deleteView', 'moveView', 'getLastView', 'setLastView',
  'listWatchedFolders',
  'addWatchedFolder',
  'pauseWatchedFolder',
  'removeWatchedFolder',
  'chooseWatchFolder',
  'startOver',
  'getXlsx',
  'getEventsXlsx',
  'saveBinaryFile',
  'getDataQuality',
  'exportCleanEvents',
] as const satisfies readonly ApiName[];

/** The entries the engine worker answers; the rest (dialogs, files, PDF) belong to the shell. */
export const ENGINE_API_NAMES = [
  'importPaths',
  'cancelImport',
  'getStatus',
  'waitForImport',
  'getMetrics',
  'getDimensions',
  'getTrend',
  'searchMerchants',
  'getMerchant',
  'getEvents',
  'getHistory',
  'getRejectedRows',
  'forgetFile',
  'getCsv',
  'checkDatabase',
  'listViews', 'saveView', 'renameView', 'duplicateView', 'deleteView', 'moveView', 'getLastView', 'setLastView',
  'listWatchedFolders',
  'addWatchedFolder',
  'pauseWatchedFolder',
  'removeWatchedFolder',
  'getXlsx',
  'getEventsXlsx',
  'getDataQuality',
] as const satisfies readonly ApiName[];
export type EngineApiName = (typeof ENGINE_API_NAMES)[number];

export function isEngineApiName(name: string): name is EngineApiName {
  return (ENGINE_API_NAMES as readonly string[]).includes(name);
}

/** Events pushed from the engine to the window. */
export interface ApiEvents {
  importProgress: ImportProgress;
  watchNotice: WatchNotice;
}

export const ERROR_CODES = [
  'bad_request',
  'busy',
  'not_found',
  'db_newer',
  'db_foreign',
  /** The analyst's own database, damaged: start a new one and import the files again. */
  'db_damaged',
  'db_unavailable',
  'disk_full',
  'read_only',
  /** The metrics' summaries do not yet count every stored file (a write failed and its repair too). */
  'summaries_stale',
  'cancelled',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors cross every boundary as plain data and are thrown again only by the caller. */
export interface ApiError {
  code: ErrorCode;
  /** What happened and what to do, in an analyst's words. */
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The shape of window.analytics: one named function per API entry plus the progress subscription. */
export type AnalyticsApi = {
  [K in ApiName]: (request: ApiRequest<K>) => Promise<ApiResult<ApiResponse<K>>>;
} & {
  /** Subscribe to import progress; returns the unsubscribe function. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** Subscribe to what watched folders import by themselves; returns the unsubscribe function. */
  onWatchNotice(listener: (notice: WatchNotice) => void): () => void;
  /** Absolute paths of dropped files and folders (Electron's webUtils); empty where paths are not available. */
  pathForFile(file: File): string;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'AppError';
    this.code = error.code;
  }
  toData(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

/** Any thrown value as plain error data, for sending across a boundary. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return err.toData();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && typeof message === 'string') {
      return { code: code as ErrorCode, message };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong inside the app: ${message}` };
}

/** Unwraps a result on the caller's side, throwing the error again as an AppError. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error);
}
