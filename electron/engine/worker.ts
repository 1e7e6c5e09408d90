// The engine worker thread: owns the only write connection, runs imports, and answers every request
// with exactly one response (errors as data). Reads go through a second, read-only connection so they
// see committed state only, even while an import is writing.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError, fail, ok, toApiError, type ApiResult, type ApiError } from '../../shared/api.js';
import { validateRequest } from '../../shared/validate-request.js';
import { isEmptyFilter } from '../../shared/filter.js';
import { DEFAULT_TUNING, type WorkerInit, type WorkerReply, type WorkerRequest } from './protocol.js';
import fs from 'node:fs';
import { cannotCreate, damagedError, enableWal, isDamage, openDatabase, releaseWriterLock, takeWriterLock, type LockResult } from './db/open.js';
import { migrate } from './db/migrate.js';
import { recover } from './import/recovery.js';
import { ImportRunner } from './import/run-import.js';
import { EventIndex } from './explore/event-index.js';
import { filteredMetrics } from './explore/filtered-metrics.js';
import { dimensions } from './explore/dimensions.js';
import { trend } from './explore/trend.js';
import { merchantProfile } from './explore/merchant.js';
import { events } from './explore/events.js';
import { searchMerchants } from './explore/search.js';
import { readHistory } from './query/history.js';
import { readRejectedRows } from './query/rejected-rows.js';
import { forgetSource } from './query/forget.js';
import { metricsCsv } from './query/csv.js';
import { checkDatabase } from './query/check.js';
import * as views from './query/views.js';
import { dataQuality } from './query/data-quality.js';
import type { ImportFailure, ImportProgress, ImportSummary } from '../../shared/importing.js';
import type { EngineStatus } from '../../shared/status.js';
import { summariesCurrent } from './import/summaries.js';
import { classifySqliteError } from './db/errors.js';
import { Checkpointer } from './db/checkpointer.js';
import { ImportTurns } from './import/import-turns.js';
import { WatchService, listWithoutWatching } from './watch/watch-service.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const tuning = { ...DEFAULT_TUNING, ...init.tuning };
const send = (m: WorkerReply) => port.postMessage(m);

let writer: Database.Database | null = null;
let reader: Database.Database;
let runner: ImportRunner | null = null;
let checkpointer: Checkpointer | null = null;
/** The running import's summary once it ends (undefined when it failed without one). */
let currentImport: Promise<ImportSummary | undefined> | null = null;
/** The running import's latest progress, for a window that opens while it runs. */
let latestProgress: ImportProgress | null = null;
/** Imports take turns: the analyst's wait behind a watched folder's and the other way round. */
const turns = new ImportTurns<ApiResult<unknown>>();
/** Who asked for an import from outside (the window, the CLI); watched folders own theirs. */
const ANALYST = {};
let watchService: WatchService | null = null;
/** Built on the first request that needs it, then kept in step with the stored files. */
let eventIndex: EventIndex | null = null;

/** The index as of the latest committed state (the reader sees committed data only). */
function index(): EventIndex {
  eventIndex ??= new EventIndex(tuning.eagerRollups);
  reader.transaction(() => eventIndex!.sync(reader))();
  return eventIndex;
}
let lock: LockResult = 'held';

function start(): void {
  lock = takeWriterLock(init.dbPath);
  const canWrite = lock === 'taken';
  if (!canWrite && !fs.existsSync(init.dbPath)) throw cannotCreate(init.dbPath, lock);
  try {
    if (canWrite) {
      writer = openDatabase(init.dbPath);
      migrate(writer);
      enableWal(writer);
      repairOnOpen(writer);
      checkpointer = new Checkpointer(init.dbPath, writer);
      runner = new ImportRunner(writer, tuning, checkpointer);
    }
    reader = openDatabase(init.dbPath, true);
    // A read-only view checks the same way (migrate() only reads when the version is current).
    if (!canWrite) migrate(reader);
  } catch (err) {
    writer?.close();
    if (canWrite) releaseWriterLock(init.dbPath);
    // A truncated file can open and fail only when its later pages are read.
    throw isDamage(err) ? damagedError(init.dbPath) : err;
  }
}

function importFailed(code: 'disk_full' | 'read_only' | 'internal', message: string, summary: ImportSummary): ApiResult<unknown> {
  const error: ImportFailure = { code, message, summary };
  return { ok: false, error };
}

/** For a read-only view: whether the writing process is importing (its summaries are written back at the end). */
const otherProcessImports = () => reader.prepare("SELECT 1 FROM imports WHERE status = 'running' LIMIT 1").get() !== undefined;

/**
 * Null when the metrics' summaries count every stored file. They do not after a write failed and its
 * repair failed too (a full disk): the writer tries the repair again first; if it still cannot, the
 * metrics say they are out of date rather than answer without those files. While an import runs, the
 * summaries are behind by design (they are written back at its end) and the metrics answer as of
 * before it.
 */
function summariesOutOfDate(): ApiError | null {
  if (runner?.running) return null;
  if (summariesCurrent(reader)) return null;
  if (writer) {
    try {
      recover(writer);
    } catch {
      // Still no room (or no permission): said below.
    }
    if (summariesCurrent(reader)) return null;
  } else if (otherProcessImports()) {
    return null; // the writing process is importing
  }
  return {
    code: 'summaries_stale',
    message: writer
      ? 'The metrics are out of date: some imported files are not counted in them yet, and they could not be brought up to date (usually because the disk is full). Free some space on the disk holding the database and look again; nothing is lost.'
      : 'The metrics are out of date: some imported files are not counted in them yet. Open the database in the app (or run an import) with enough free disk space to bring them up to date; nothing is lost.',
  };
}

/**
 * The repair after an interrupted import needs space to write; on a full disk it waits. The database
 * opens all the same, for reading: the metrics say they are out of date until the repair has run
 * (each metrics request tries again, and the next import counts the summaries again by itself).
 */
function repairOnOpen(db: Database.Database): void {
  try {
    recover(db);
  } catch (err) {
    const storage = classifySqliteError(err);
    if (storage.code !== 'disk_full' && storage.code !== 'read_only') throw err;
  }
}

/** Why this engine only reads: another process writes, or the database's folder is read-only. */
function notWriterError(what: string): ApiError {
  if (lock === 'unavailable') {
    return { code: 'read_only', message: `The database's folder is read-only, so the database is open for reading only: the metrics and history work, but you cannot ${what}. Make the folder writable (or copy the database to a folder you can write to) and open it again.` };
  }
  return { code: 'busy', message: `This database is open for writing in another window or command. Close that first to ${what} here.` };
}

function notWriter(what: string): ApiResult<never> {
  return { ok: false, error: notWriterError(what) };
}

function status(): EngineStatus {
  const running = runner?.running ? { elsewhere: false, progress: latestProgress } : !writer && otherProcessImports() ? { elsewhere: true, progress: null } : null;
  return { writable: writer !== null, read_only_reason: writer ? null : notWriterError('import or forget files').message, import: running };
}

const OTHER_IMPORT_POLL_MS = 1000;

/** Another process's import sends this engine nothing: its end shows as its ledger row leaving 'running'. */
async function otherImportEnded(): Promise<void> {
  while (otherProcessImports()) await new Promise((resolve) => setTimeout(resolve, OTHER_IMPORT_POLL_MS));
}

/** A small write of the window's own (saved views, the last view) on the writer, its storage errors in words. */
function viewWrite<T>(what: string, write: (db: Database.Database) => T): ApiResult<T> {
  if (!writer) return notWriter(what);
  try {
    return ok(write(writer));
  } catch (err) {
    if (err instanceof AppError) throw err;
    const storage = classifySqliteError(err);
    if (storage.code === 'disk_full') return fail('disk_full', `The disk holding the database is full, so the app could not ${what}. Free some space and try again; nothing was changed.`);
    if (storage.code === 'read_only') return fail('read_only', `The database cannot be written (the file or its folder is read-only), so the app could not ${what}. Nothing was changed.`);
    throw err;
  }
}

/** exceljs is loaded only when a workbook is asked for: every engine (each CLI command, each import) loaded it at start. */
const xlsx = () => import('./export/xlsx.js');

const busy = (): ApiError => ({ code: 'busy', message: 'Another import is running on this database. Wait for it to finish or cancel it first.' });

const cancelledWaiting = (): ApiResult<unknown> => fail('cancelled', 'The import was cancelled before it started; nothing was imported.');

/** One import on the writer, its failure as data; called only in its turn. */
async function runImport(paths: string[], onProgress?: Parameters<ImportRunner['run']>[1]): Promise<ApiResult<unknown>> {
  latestProgress = null;
  const run = runner!.run(paths, (progress) => {
    latestProgress = progress;
    onProgress?.(progress);
  });
  currentImport = run.catch((err: { summary?: ImportSummary }) => err?.summary);
  try {
    return ok(await run);
  } catch (err) {
    // The runner classified its own failure already (classifying it again wrapped the message
    // twice); the summary goes along, so a caller can tell which files made it.
    const e = err as { code?: string; message: string; summary?: ImportSummary };
    if (e.summary && (e.code === 'disk_full' || e.code === 'read_only' || e.code === 'internal')) return importFailed(e.code, e.message, e.summary);
    if (e.code === 'busy') return fail(e.code, e.message);
    const storage = classifySqliteError(err);
    return fail(storage.code === 'disk_full' || storage.code === 'read_only' ? storage.code : 'internal', storage.message);
  } finally {
    currentImport = null;
    latestProgress = null;
  }
}

/** Drops owner's waiting import or stops its running one; true when there was one. */
async function cancelImportOf(owner: object): Promise<boolean> {
  if (turns.drop(owner)) return true;
  if (turns.running !== owner) return false;
  const pending = currentImport;
  const cancelled = runner?.cancel() ?? false;
  if (pending) await pending;
  return cancelled;
}

function notWatching(): ApiResult<never> {
  if (!writer) return notWriter('change the watched folders');
  return fail('unsupported', 'Watched folders are kept by the app and browser mode; this command does not watch them.');
}

/** The app and browser mode watch the stored folders; the first scans catch up on what changed while closed. */
function startWatching(): void {
  if (!init.watch || !writer) return;
  watchService = new WatchService({
    db: writer,
    importPaths: (owner, paths) => turns.take(owner, () => runImport(paths), cancelledWaiting) as Promise<ApiResult<ImportSummary>>,
    cancelImport: async (owner) => void (await cancelImportOf(owner)),
    notify: (notice) => send({ type: 'watchNotice', notice }),
    settleMs: tuning.watchSettleMs,
    rescanMs: tuning.watchRescanMs,
  });
  void watchService.start();
}

async function handle(raw: Extract<WorkerRequest, { type: 'request' }>): Promise<ApiResult<unknown>> {
  // Every caller (IPC, browser mode, the CLI, tests) gets the same checks and normalised filters.
  const checked = validateRequest(raw.name, raw.request);
  if (!checked.ok) return checked;
  const msg = { ...raw, request: checked.value } as typeof raw;
  switch (msg.name) {
    case 'importPaths': {
      if (!runner || !writer) return notWriter('import files');
      if (turns.has(ANALYST)) return { ok: false, error: busy() };
      return turns.take(ANALYST, () => runImport(msg.request.paths, (progress) => send({ type: 'progress', seq: msg.seq, progress })), cancelledWaiting);
    }
    case 'getStatus':
      return ok(status());
    case 'waitForImport': {
      if (currentImport) return ok({ summary: (await currentImport) ?? null });
      if (!writer) await otherImportEnded();
      return ok({ summary: null });
    }
    case 'cancelImport':
      // The analyst's own import only: a watched folder's goes on (and theirs waits behind it).
      return ok({ cancelled: await cancelImportOf(ANALYST) });
    case 'listWatchedFolders':
      return ok(watchService ? watchService.list() : listWithoutWatching(reader));
    case 'addWatchedFolder':
      return watchService ? watchService.add(msg.request.path) : notWatching();
    case 'pauseWatchedFolder':
      return watchService ? watchService.pause(msg.request.id, msg.request.paused) : notWatching();
    case 'removeWatchedFolder':
      return watchService ? watchService.remove(msg.request.id) : notWatching();
    case 'getMetrics': {
      // The summary tables answer when nothing is filtered; a filtered answer is counted from the events.
      if (isEmptyFilter(msg.request.filter) && !msg.request.compare) {
        const stale = summariesOutOfDate();
        if (stale) return { ok: false, error: stale };
      }
      return ok(reader.transaction(() => filteredMetrics(reader, index, msg.request.filter, msg.request.compare))());
    }
    case 'getDimensions':
      return ok(dimensions(index(), msg.request.filter ?? {}));
    case 'getTrend':
      return ok(trend(index(), msg.request.filter ?? {}, msg.request.grain, msg.request.compare));
    case 'searchMerchants':
      return ok(searchMerchants(reader, index(), msg.request.query, msg.request.limit));
    case 'getMerchant':
      return ok(merchantProfile(index(), msg.request.merchant_id, msg.request.filter ?? {}));
    case 'getEvents':
      return ok(reader.transaction(() => events(reader, index(), msg.request))());
    case 'getHistory':
      return ok(readHistory(reader));
    case 'getRejectedRows':
      return ok(readRejectedRows(reader, index, msg.request));
    case 'forgetFile': {
      if (!runner || !writer) return notWriter('forget a file');
      if (runner.running) return { ok: false, error: busy() };
      try {
        const { result, generation } = forgetSource(writer, msg.request.source_id);
        runner.dedupWritten(generation);
        return ok(result);
      } catch (err) {
        if (err instanceof AppError) throw err;
        const storage = classifySqliteError(err);
        if (storage.code === 'disk_full') return fail('disk_full', 'The disk holding the database is full, so the file could not be forgotten. Free some space and try again; nothing was changed.');
        if (storage.code === 'read_only') return fail('read_only', 'The database cannot be written (the file or its folder is read-only), so the file could not be forgotten. Nothing was changed.');
        throw err;
      }
    }
    case 'getCsv':
      return ok(metricsCsv(reader, index, msg.request));
    case 'checkDatabase': {
      // During an import the summaries are behind by design (see summariesOutOfDate): a recount would differ.
      if (runner?.running || (!writer && otherProcessImports())) {
        return fail('busy', 'An import is running on this database. Check it once the import has finished.');
      }
      if (msg.request.repair && !writer) return notWriter('repair the database');
      try {
        return ok(checkDatabase(init.dbPath, reader, msg.request.repair ? writer : null));
      } catch (err) {
        const storage = classifySqliteError(err);
        if (storage.code === 'disk_full') return fail('disk_full', 'The disk holding the database is full, so the metrics could not be counted again. Free some space and repair again; nothing was changed.');
        if (storage.code === 'read_only') return fail('read_only', 'The database cannot be written (the file or its folder is read-only), so it could not be repaired. Nothing was changed.');
        throw err;
      }
    }
    case 'listViews':
      return ok({ views: views.listViews(reader) });
    case 'saveView':
      return viewWrite('save views', (db) => views.saveView(db, msg.request));
    case 'renameView':
      return viewWrite('rename views', (db) => views.renameView(db, msg.request.id, msg.request.name));
    case 'duplicateView':
      return viewWrite('duplicate views', (db) => views.duplicateView(db, msg.request.id, msg.request.name));
    case 'deleteView':
      return viewWrite('delete views', (db) => ({ views: views.deleteView(db, msg.request.id) }));
    case 'moveView':
      return viewWrite('reorder views', (db) => ({ views: views.moveView(db, msg.request.id, msg.request.position) }));
    case 'getLastView':
      return ok({ state: views.getLastView(reader) });
    case 'setLastView':
      return viewWrite('remember the last view', (db) => {
        views.setLastView(db, msg.request.state);
        return { state: msg.request.state };
      });
    case 'getXlsx':
      return ok(await (await xlsx()).dashboardXlsx(reader, index, msg.request));
    case 'getEventsXlsx':
      return ok(await (await xlsx()).eventsXlsx(reader, index(), msg.request, tuning.xlsxMaxRows));
    case 'getDataQuality':
      return ok(dataQuality(reader, msg.request.filter));
  }
}

try {
  start();
  send({ type: 'ready', writable: writer !== null });
  startWatching();
} catch (err) {
  send({ type: 'fatal', error: toApiError(err) });
  process.exit(0);
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'close') {
    // Watchers first, so none queues another import; then nothing waiting runs and the running one stops.
    const watching = watchService?.stop();
    turns.drop();
    runner?.cancel();
    void Promise.all([watching, currentImport]).then(async () => {
      await checkpointer?.close();
      try {
        writer?.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A checkpoint is an optimisation; the WAL is replayed on the next open.
      }
      writer?.close();
      reader?.close();
      if (writer) releaseWriterLock(init.dbPath);
      process.exit(0);
    });
    return;
  }
  handle(msg)
    .catch((err) => ({ ok: false as const, error: isDamage(err) ? damagedError(init.dbPath).toData() : toApiError(err) }))
    .then((result) => send({ type: 'response', seq: msg.seq, result }));
});
