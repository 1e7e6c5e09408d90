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
  ForgetResult,
  HistoryResponse,
  ImportProgress,
  ImportSummary,
  RejectedRowsPage,
  RejectedRowsQuery,
  RejectedRowsScope,
} from './importing.js';
import type { CheckReport } from './checking.js';
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
  /** Native open dialog for folders and files; empty when cancelled. */
  chooseFolders: { request: Record<string, never>; response: { paths: string[] } };
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
] as const satisfies readonly ApiName[];
export type EngineApiName = (typeof ENGINE_API_NAMES)[number];

export function isEngineApiName(name: string): name is EngineApiName {
  return (ENGINE_API_NAMES as readonly string[]).includes(name);
}

/** Events pushed from the engine to the window. */
export interface ApiEvents {
  importProgress: ImportProgress;
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
