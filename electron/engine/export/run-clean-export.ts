// Runs exportCleanEvents in its own worker thread (export-worker.ts) and resolves with its summary, or
// rejects with an AppError worded for an analyst.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api.js';
import type { ApiResult } from '../../../shared/api.js';
import { workerScript } from '../client.js';
import type { CleanExportOptions, CleanExportSummary } from './clean-events.js';
import type { ExportWorkerData } from './export-worker.js';

// The export's garbage is short-lived (a row group's columns, the writer's page buffers): a small young
// generation keeps it from being promoted, as the CLI's --max-semi-space-size=4 does. Peak RSS of the whole
// process over a generated month (811,041 events, 2026-12-03): CSV 135 MB in 4.7 s at 4 MB against 155 MB
// in 4.1 s at 16 and 175 MB at 32; Parquet 167-194 MB in 1.5 s at 4 against 190-194 MB at 16 and 32.
export const EXPORT_YOUNG_MB = 4;

export function runCleanExport(dbPath: string, options: CleanExportOptions, youngMb = EXPORT_YOUNG_MB): Promise<CleanExportSummary> {
  const data: ExportWorkerData = { dbPath, options };
  const worker = new Worker(workerScript('export/export-worker'), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
  return new Promise((resolve, reject) => {
    let settled = false;
    const stopped = (message: string) => {
      if (settled) return;
      settled = true;
      // A worker that died mid-way never reached its own clean-up.
      fs.rmSync(`${options.out}.partial`, { recursive: true, force: true });
      reject(new AppError({ code: 'internal', message: `The export stopped unexpectedly (${message}); nothing was left behind. Try again.` }));
    };
    worker.once('message', (result: ApiResult<CleanExportSummary>) => {
      settled = true;
      if (result.ok) resolve(result.value);
      else reject(new AppError(result.error));
    });
    worker.once('error', (err) => stopped(err.message));
    worker.once('exit', (code) => stopped(`exit code ${code}`));
  });
}
