// Types of an import: its progress, its summary and its ledger.
import type { MetricFilter } from './filter.js';

export const REJECT_REASONS = [
  'malformed_row',
  'invalid_event_id',
  'missing_merchant_id',
  'invalid_product',
  'invalid_status',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const WARNING_REASONS = ['invalid_timestamp', 'invalid_amount'] as const;
export type WarningReason = (typeof WARNING_REASONS)[number];

/** Why a whole file was not imported. */
export const FILE_ERROR_CODES = [
  'missing_columns',
  'not_csv',
  'unreadable',
  'disk_full',
  'read_only',
  'interrupted',
  'internal',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

export type FileStatus = 'imported' | 'unchanged' | 'failed' | 'cancelled';

export type ImportStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface ImportProgress {
  import_id: number;
  files_done: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  rows_read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rows_per_second: number;
  /** null until there is enough to estimate from. */
  seconds_left: number | null;
  current_file: string | null;
}

export type CountsByReason<R extends string> = Partial<Record<R, number>>;

/** One line of the ledger: what happened to one file in one import. */
export interface ImportFileRecord {
  id: number;
  import_id: number;
  path: string;
  size: number;
  /** sha256 of the content, hex; null when the file could not be read. */
  hash: string | null;
  status: FileStatus;
  rows_read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejected_by_reason: CountsByReason<RejectReason>;
  warnings_by_reason: CountsByReason<WarningReason>;
  error_code: FileErrorCode | null;
  error_message: string | null;
  /** The date in the file name (activities_YYYYMMDD.csv) as YYYY-MM-DD, when there is one. */
  file_date: string | null;
  started_at: string;
  finished_at: string | null;
  /** The stored copy of this file's events, while it is in the database. */
  source_id: number | null;
}

export interface ImportSummary {
  import_id: number;
  status: ImportStatus;
  rows_read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejected_by_reason: CountsByReason<RejectReason>;
  warnings_by_reason: CountsByReason<WarningReason>;
  files: { imported: number; unchanged: number; failed: number; cancelled: number; ignored: number };
  /** Paths found while searching folders that do not end in .csv: the first 100, sorted (files.ignored counts them all). */
  ignored_paths: string[];
  file_records: ImportFileRecord[];
  seconds: number;
}

/**
 * The error of an import that failed part-way (a full disk): still plain error data, with the summary
 * of what it did, so a caller can tell which files made it.
 */
export interface ImportFailure {
  code: 'disk_full' | 'read_only' | 'internal';
  message: string;
  summary: ImportSummary;
}

export interface ImportRecord {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: ImportStatus;
  inputs: string[];
  rows_read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  files_imported: number;
  files_unchanged: number;
  files_failed: number;
  files_ignored: number;
}

/** A file whose events are in the database now (one per path and content). */
export interface SourceFile {
  id: number;
  path: string;
  size: number;
  hash: string;
  file_date: string | null;
  events: number;
  imported_at: string;
  import_id: number;
}

export interface HistoryResponse {
  imports: ImportRecord[];
  files: ImportFileRecord[];
  sources: SourceFile[];
  /** Days without a file between the first and last file date of the sources, YYYY-MM-DD. */
  missing_days: string[];
}

export interface RejectedRow {
  id: number;
  import_id: number;
  import_file_id: number;
  path: string;
  line: number;
  kind: 'rejected' | 'warning';
  reason: RejectReason | WarningReason;
  /** The raw line as read, up to 1 KB. */
  raw: string;
}

/** Which rows: of one import (the latest by default), or of the files a selection's metrics count. */
export interface RejectedRowsScope {
  import_id?: number;
  /**
   * Instead of an import: the rows of the files whose events are in this selection, the files whose
   * rejected rows getMetrics' coverage.rejected_rows adds up ({} for every stored file).
   */
  filter?: MetricFilter;
  /** Only this file's rows (an import_files id, as in the history's ledger). */
  import_file_id?: number;
  reason?: RejectReason | WarningReason;
  kind?: 'rejected' | 'warning' | 'all';
}

export interface RejectedRowsQuery extends RejectedRowsScope {
  offset?: number;
  limit?: number;
}

export interface RejectedRowsPage {
  rows: RejectedRow[];
  total: number;
  offset: number;
  limit: number;
  /** The files and reasons of the rows in scope before narrowing by file and reason, to narrow by. */
  files: { import_file_id: number; path: string; rows: number }[];
  reasons: { reason: RejectReason | WarningReason; rows: number }[];
}

export interface ForgetResult {
  source_ids: number[];
  events_removed: number;
  /** Files whose rows were counted as duplicates of the forgotten ones; importing them again restores those rows. */
  files_to_reimport: string[];
}

/** The data behind a view: its stored files and their rows rejected or kept with a warning, by reason. */
export interface DataQuality {
  /** The folders the files came from, sorted. */
  folders: string[];
  files: { path: string; events: number }[];
  rejected_by_reason: Record<string, number>;
  warnings_by_reason: Record<string, number>;
}
