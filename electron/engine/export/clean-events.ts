// Every accepted event of a selection as a CSV file or a Parquet data set, straight from the stored
// blocks through a read-only connection (not through the engine worker), so it runs beside the app or
// an import. The CLI (`cli export`) and the app's export worker (export-worker.ts) both call this.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api.js';
import type { ErrorCode } from '../../../shared/api.js';
import type { MetricFilter } from '../../../shared/filter.js';
import { openDatabase } from '../db/open.js';
import { writeCsvExport } from './csv.js';
import { metricsSql } from './metrics-sql.js';
import { writeParquetExport } from './parquet.js';
import { readmeText } from './readme-text.js';

export type CleanExportFormat = 'csv' | 'parquet';

export interface CleanExportOptions {
  format: CleanExportFormat;
  filter: MetricFilter;
  /** The CSV file, or the Parquet data set's folder (new or empty). Absolute. */
  out: string;
  /** False refuses an existing CSV file (browser mode, where no dialog asked before replacing it). */
  replaceCsv?: boolean;
}

export interface CleanExportSummary {
  format: CleanExportFormat;
  out: string;
  events: number;
  partitions?: number;
  files?: number;
  seconds: number;
}

/** The first database version with stored lines (migrations/004_event_lines.sql). */
const LINES_VERSION = 4;

/**
 * Why an export did not happen: 'out' (the output place is refused), 'db' (the database cannot be
 * exported) or 'write' (it failed part-way; nothing was left behind). `reason` is the bare cause.
 */
export class CleanExportError extends AppError {
  constructor(readonly stage: 'out' | 'db' | 'write', code: ErrorCode, readonly reason: string) {
    super({ code, message: stage === 'write' ? `The export failed and nothing was left behind: ${reason}` : reason.charAt(0).toUpperCase() + reason.slice(1) });
  }
}

/** Refuses what would overwrite an analyst's files; a Parquet folder must be new or empty. */
export function checkExportOut({ format, out, replaceCsv = true }: Pick<CleanExportOptions, 'format' | 'out' | 'replaceCsv'>): void {
  const refuse = (reason: string) => {
    throw new CleanExportError('out', 'bad_request', reason);
  };
  const exists = fs.existsSync(out);
  if (format === 'csv') {
    if (exists && fs.statSync(out).isDirectory()) refuse(`${out} is a folder; give a file name for the CSV`);
    if (exists && !replaceCsv) refuse(`${out} already exists; give a new file name so it is not overwritten`);
    if (!fs.existsSync(path.dirname(out))) refuse(`the folder ${path.dirname(out)} does not exist`);
  } else if (exists && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    refuse(`${out} already exists and is not an empty folder; choose a new folder for the data set`);
  }
}

function openForExport(dbPath: string) {
  let db;
  try {
    db = openDatabase(dbPath, true);
    const version = db.pragma('user_version', { simple: true }) as number;
    const ours = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('event_blocks', 'sources')").pluck().get() === 2;
    if (!ours) throw new CleanExportError('db', 'db_foreign', `${dbPath} is not a Merchant Analytics database; nothing was exported.`);
    if (version < LINES_VERSION) throw new CleanExportError('db', 'db_unavailable', `${dbPath} was written by an older version of the app; open it once with this version (for example with cli metrics) so it is upgraded, then export again.`);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof CleanExportError) throw err;
    const e = err as Error & { code?: unknown };
    throw new CleanExportError('db', err instanceof AppError ? err.code : 'db_unavailable', e.message);
  }
}

/** Checks the output and the database, then writes the export; rejects with a CleanExportError. */
export async function exportCleanEvents(dbPath: string, options: CleanExportOptions): Promise<CleanExportSummary> {
  const { format, filter, out } = options;
  checkExportOut(options);
  const db = openForExport(dbPath);
  const started = performance.now();
  const tmp = `${out}.partial`;
  try {
    let events: number;
    let extra: Pick<CleanExportSummary, 'partitions' | 'files'> = {};
    if (format === 'csv') {
      events = writeCsvExport(db, filter, out).events;
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      const s = await writeParquetExport(db, filter, tmp);
      fs.writeFileSync(path.join(tmp, 'README.txt'), readmeText(dbPath, filter, s, new Date()));
      fs.writeFileSync(path.join(tmp, 'metrics.sql'), metricsSql(filter));
      // Moved into place only when whole, so a failed export never looks like a complete data set.
      fs.rmSync(out, { recursive: true, force: true });
      fs.renameSync(tmp, out);
      events = s.events;
      extra = { partitions: s.partitions.length, files: s.files };
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    return { format, out, events, ...extra, seconds };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const errorCode: ErrorCode = code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read_only' : 'internal';
    throw new CleanExportError('write', errorCode, (err as Error).message);
  } finally {
    db.close();
  }
}
