// The engine worker thread: owns the only write connection, runs imports, and answers every request
// with exactly one response (errors as data). Reads go through a second, read-only connection so they
// see committed state only, even while an import is writing.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { fail, ok, toApiError, type ApiResult, type ApiError } from '../../shared/api.js';
import { validateRequest } from '../../shared/validate-request.js';
import { DEFAULT_TUNING, type WorkerInit, type WorkerReply, type WorkerRequest } from './protocol.js';
import { enableWal, openDatabase, releaseWriterLock, takeWriterLock } from './db/open.js';
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
import { readHistory, readRejectedRows } from './query/history.js';
import { forgetSource } from './query/forget.js';
import { metricsCsv } from './query/csv.js';
import type { ImportSummary } from '../../shared/importing.js';
import { classifySqliteError } from './db/errors.js';
import { Checkpointer } from './db/checkpointer.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const tuning = { ...DEFAULT_TUNING, ...init.tuning };
const send = (m: WorkerReply) => port.postMessage(m);

let writer: Database.Database | null = null;
let reader: Database.Database;
let runner: ImportRunner | null = null;
let checkpointer: Checkpointer | null = null;
let currentImport: Promise<unknown> | null = null;
/** Built on the first request that needs it, then kept in step with the stored files. */
let eventIndex: EventIndex | null = null;

/** The index as of the latest committed state (the reader sees committed data only). */
function index(): EventIndex {
  eventIndex ??= new EventIndex();
  reader.transaction(() => eventIndex!.sync(reader))();
  return eventIndex;
}

function start(): void {
  const canWrite = takeWriterLock(init.dbPath);
  try {
    if (canWrite) {
      writer = openDatabase(init.dbPath);
      migrate(writer);
      enableWal(writer);
      recover(writer);
      checkpointer = new Checkpointer(init.dbPath, writer);
      runner = new ImportRunner(writer, tuning, checkpointer);
    }
    reader = openDatabase(init.dbPath, true);
    // A read-only view checks the same way (migrate() only reads when the version is current).
    if (!canWrite) migrate(reader);
  } catch (err) {
    writer?.close();
    if (canWrite) releaseWriterLock(init.dbPath);
    throw err;
  }
}

const busy = (): ApiError => ({ code: 'busy', message: 'Another import is running on this database. Wait for it to finish or cancel it first.' });

async function handle(raw: Extract<WorkerRequest, { type: 'request' }>): Promise<ApiResult<unknown>> {
  // Every caller (IPC, browser mode, the CLI, tests) gets the same checks and normalised filters.
  const checked = validateRequest(raw.name, raw.request);
  if (!checked.ok) return checked;
  const msg = { ...raw, request: checked.value } as typeof raw;
  switch (msg.name) {
    case 'importPaths': {
      if (!runner || !writer) return fail('busy', 'This database is open for writing in another window or command. Close that first to import here.');
      if (runner.running) return { ok: false, error: busy() };
      const run = runner.run(msg.request.paths, (progress) => send({ type: 'progress', seq: msg.seq, progress }));
      currentImport = run.catch(() => undefined);
      try {
        return ok(await run);
      } catch (err) {
        const e = err as { code?: string; message: string; summary?: ImportSummary };
        if (e.code === 'disk_full' || e.code === 'read_only' || e.code === 'busy') return fail(e.code, e.message);
        const storage = classifySqliteError(err);
        return fail(storage.code === 'disk_full' || storage.code === 'read_only' ? storage.code : 'internal', storage.message);
      } finally {
        currentImport = null;
      }
    }
    case 'cancelImport': {
      const pending = currentImport;
      const cancelled = runner?.cancel() ?? false;
      if (pending) await pending;
      return ok({ cancelled });
    }
    case 'getMetrics':
      return ok(reader.transaction(() => filteredMetrics(reader, index, msg.request.filter, msg.request.compare))());
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
      return ok(readRejectedRows(reader, msg.request));
    case 'forgetFile': {
      if (!runner || !writer) return fail('busy', 'This database is open for writing in another window or command. Close that first.');
      if (runner.running) return { ok: false, error: busy() };
      const { result, generation } = forgetSource(writer, msg.request.source_id);
      runner.dedupWritten(generation);
      return ok(result);
    }
    case 'getCsv':
      return ok(metricsCsv(reader, index, msg.request));
  }
}

try {
  start();
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'fatal', error: toApiError(err) });
  process.exit(0);
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'close') {
    runner?.cancel();
    void Promise.resolve(currentImport).then(async () => {
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
    .catch((err) => ({ ok: false as const, error: toApiError(err) }))
    .then((result) => send({ type: 'response', seq: msg.seq, result }));
});
