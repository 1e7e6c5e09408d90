// The app's clean-events export, in a worker thread of its own (started by run-clean-export.ts), so the
// engine worker keeps answering the window while it runs. Posts one ApiResult and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { ok, toApiError } from '../../../shared/api.js';
import { exportCleanEvents, type CleanExportOptions } from './clean-events.js';

export interface ExportWorkerData {
  dbPath: string;
  options: CleanExportOptions;
}

const { dbPath, options } = workerData as ExportWorkerData;
exportCleanEvents(dbPath, options).then(
  (summary) => parentPort!.postMessage(ok(summary)),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: toApiError(err) }),
);
