// The engine as seen from the main process, the CLI, the browser-mode bridge and the tests: a typed
// front to one long-lived worker thread that owns the only write connection to the database.
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, fail, unwrap } from '../../shared/api.js';
import type { ApiError, ApiRequest, ApiResponse, ApiResult, EngineApiName, WatchNotice } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import type { EngineTuning, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

export interface EngineOptions {
  tuning?: Partial<EngineTuning>;
  /** Watch the stored watched folders (the app, browser mode). */
  watch?: boolean;
}

type Pending = { resolve: (r: ApiResult<unknown>) => void };

/** The compiled worker lives beside this file; under vitest this file is TypeScript source, so use the build. */
export function workerScript(name: string): string {
  const here = path.join(__dirname, `${name}.js`);
  if (fs.existsSync(here)) return here;
  const rel = path.relative(path.resolve(__dirname, '..', '..'), __dirname);
  return path.resolve(__dirname, '..', '..', 'out', rel, `${name}.js`);
}

export class EngineClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly progressListeners = new Set<(p: ImportProgress) => void>();
  private readonly noticeListeners = new Set<(n: WatchNotice) => void>();
  private exited: ApiError | null = null;

  /** False when another process writes this database (or its folder is read-only): a read-only view. */
  readonly writable: boolean;

  private constructor(private readonly worker: Worker, writable: boolean) {
    this.writable = writable;
    worker.on('message', (msg: WorkerReply) => this.onMessage(msg));
    worker.on('error', (err) => this.onExit({ code: 'internal', message: `The import engine stopped unexpectedly: ${err.message}` }));
    worker.on('exit', () => this.onExit({ code: 'internal', message: 'The import engine has stopped. Restart the app.' }));
  }

  /** Starts the worker and opens (or creates and migrates) the database. Rejects with an AppError. */
  static open(dbPath: string, options: EngineOptions = {}): Promise<EngineClient> {
    const init: WorkerInit = { dbPath: path.resolve(dbPath), tuning: options.tuning, watch: options.watch };
    // The engine's garbage is short-lived (bound values, one batch at a time): an 8 MB young generation
    // is plenty and keeps the import's memory down.
    const worker = new Worker(workerScript('worker'), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    return new Promise((resolve, reject) => {
      const onFirst = (msg: WorkerReply) => {
        worker.off('error', onError);
        if (msg.type === 'ready') resolve(new EngineClient(worker, msg.writable));
        else {
          void worker.terminate();
          reject(new AppError(msg.type === 'fatal' ? msg.error : { code: 'internal', message: 'The engine did not start.' }));
        }
      };
      const onError = (err: Error) => reject(new AppError({ code: 'internal', message: `The import engine could not start: ${err.message}` }));
      worker.once('message', onFirst);
      worker.once('error', onError);
    });
  }

  /** Sends one request; never throws: errors come back as data. */
  call<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResult<ApiResponse<K>>> {
    if (this.exited) return Promise.resolve(fail(this.exited.code, this.exited.message));
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, { resolve: resolve as Pending['resolve'] });
      this.worker.postMessage({ type: 'request', seq, name, request } as WorkerRequest);
    });
  }

  /** Like call(), but throws the error again on this side. */
  async request<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResponse<K>> {
    return unwrap(await this.call(name, request));
  }

  onProgress(listener: (p: ImportProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** What watched folders import by themselves (an engine opened with watch: true). */
  onWatchNotice(listener: (n: WatchNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const seq = ++this.seq;
    const done = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close', seq } as WorkerRequest);
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await done;
    clearTimeout(timer);
  }

  private onMessage(msg: WorkerReply): void {
    if (msg.type === 'progress') {
      for (const l of this.progressListeners) l(msg.progress);
    } else if (msg.type === 'watchNotice') {
      for (const l of this.noticeListeners) l(msg.notice);
    } else if (msg.type === 'response') {
      const p = this.pending.get(msg.seq);
      this.pending.delete(msg.seq);
      p?.resolve(msg.result);
    }
  }

  private onExit(error: ApiError): void {
    if (this.exited) return;
    this.exited = error;
    for (const p of this.pending.values()) p.resolve(fail(error.code, error.message));
    this.pending.clear();
  }
}
