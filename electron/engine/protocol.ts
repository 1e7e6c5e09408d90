// Messages between the engine client and the engine worker thread. Every request carries a sequence
// id; the worker answers each with exactly one response, and an import also streams progress events.
import type { ApiError, ApiResult, EngineApiName, ApiRequest, WatchNotice } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import { DEFAULT_RESCAN_MS, DEFAULT_SETTLE_MS } from './watch/folder-watcher.js';

export type WorkerRequest =
  | { [K in EngineApiName]: { type: 'request'; seq: number; name: K; request: ApiRequest<K> } }[EngineApiName]
  | { type: 'close'; seq: number };

export type WorkerReply =
  /** writable: this engine holds the writer lock (else it is a read-only view). */
  | { type: 'ready'; writable: boolean }
  | { type: 'fatal'; error: ApiError }
  | { type: 'response'; seq: number; result: ApiResult<unknown> }
  | { type: 'progress'; seq: number; progress: ImportProgress }
  | { type: 'watchNotice'; notice: WatchNotice };

export interface WorkerInit {
  dbPath: string;
  /** Watch the stored watched folders (the app and browser mode; never the CLI's one-shot commands). */
  watch?: boolean;
  /** Test hook: parse batch size and commit size can be made small to exercise batching. */
  tuning?: Partial<EngineTuning>;
}

export interface EngineTuning {
  /** Rows per batch from the parse thread. */
  batchRows: number;
  /** Rejected and warned rows kept in the ledger per import. */
  maxLoggedRows: number;
  /** Milliseconds between progress events. */
  progressMs: number;
  /** Files above this many bytes are checkpointed by the checkpoint thread after their commit. */
  largeFileBytes: number;
  /**
   * Build every month's rollup when the filter index loads (a long-running engine: the app, browser
   * mode), or each on first use (a one-shot CLI command, which may need only one month).
   */
  eagerRollups: boolean;
  /** Watched folders: how long a file must stay unchanged before it is read, and how often to rescan. */
  watchSettleMs: number;
  watchRescanMs: number;
  /** Rows an XLSX sheet of events holds at most: Excel's limit (a test makes it small to reach it). */
  xlsxMaxRows: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  batchRows: 8192,
  maxLoggedRows: 100_000,
  progressMs: 250,
  largeFileBytes: 64 * 1024 * 1024,
  eagerRollups: true,
  watchSettleMs: DEFAULT_SETTLE_MS,
  watchRescanMs: DEFAULT_RESCAN_MS,
  xlsxMaxRows: 1_048_575,
};
