// The ledger as the window and the CLI read it.
import type Database from 'better-sqlite3';
import type { Ignored } from '../import/discover.js';
import type {
  CountsByReason,
  HistoryResponse,
  ImportFileRecord,
  ImportRecord,
  ImportStatus,
  ImportSummary,
  RejectReason,
  SourceFile,
  WarningReason,
} from '../../../shared/importing.js';

type FileRow = Omit<ImportFileRecord, 'rejected_by_reason' | 'warnings_by_reason'> & { rejected_by_reason: string; warnings_by_reason: string };

const FILE_COLUMNS = `id, import_id, path, size, hash, status, rows_read, accepted, duplicates, rejected, rejected_by_reason,
  warnings_by_reason, error_code, error_message, file_date, started_at, finished_at, source_id`;

function toFileRecord(r: FileRow): ImportFileRecord {
  return { ...r, rejected_by_reason: JSON.parse(r.rejected_by_reason), warnings_by_reason: JSON.parse(r.warnings_by_reason) };
}

function addCounts<R extends string>(into: CountsByReason<R>, from: CountsByReason<R>): void {
  for (const [k, v] of Object.entries(from) as [R, number][]) into[k] = (into[k] ?? 0) + v;
}

export function readImportSummary(db: Database.Database, importId: number, ignored: Ignored, status: ImportStatus, seconds: number): ImportSummary {
  const files = (db.prepare(`SELECT ${FILE_COLUMNS} FROM import_files WHERE import_id = ? ORDER BY id`).all(importId) as FileRow[]).map(toFileRecord);
  const rejected_by_reason: CountsByReason<RejectReason> = {};
  const warnings_by_reason: CountsByReason<WarningReason> = {};
  const counts = { imported: 0, unchanged: 0, failed: 0, cancelled: 0, ignored: ignored.count };
  let rows_read = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  for (const f of files) {
    counts[f.status]++;
    rows_read += f.rows_read;
    accepted += f.accepted;
    duplicates += f.duplicates;
    rejected += f.rejected;
    addCounts(rejected_by_reason, f.rejected_by_reason);
    addCounts(warnings_by_reason, f.warnings_by_reason);
  }
  return {
    import_id: importId, status, rows_read, accepted, duplicates, rejected, rejected_by_reason, warnings_by_reason,
    files: counts, ignored_paths: ignored.sample, file_records: files, seconds,
  };
}

/** imports.ignored holds { count, sample } (every name, as an array, in databases from before). */
function ignoredCount(json: string): number {
  const v = JSON.parse(json) as string[] | Ignored;
  return Array.isArray(v) ? v.length : v.count;
}

function missingDays(dates: string[]): string[] {
  if (dates.length < 2) return [];
  const have = new Set(dates);
  const out: string[] = [];
  const first = Date.parse(dates[0] + 'T00:00:00Z');
  const last = Date.parse(dates[dates.length - 1] + 'T00:00:00Z');
  for (let t = first; t <= last; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (!have.has(d)) out.push(d);
  }
  return out;
}

export function readHistory(db: Database.Database): HistoryResponse {
  const imports = (
    db
      .prepare(
        `SELECT i.id, i.started_at, i.finished_at, i.status, i.inputs, i.ignored,
                coalesce(sum(f.rows_read), 0) AS rows_read, coalesce(sum(f.accepted), 0) AS accepted,
                coalesce(sum(f.duplicates), 0) AS duplicates, coalesce(sum(f.rejected), 0) AS rejected,
                count(CASE WHEN f.status = 'imported' THEN 1 END) AS files_imported,
                count(CASE WHEN f.status = 'unchanged' THEN 1 END) AS files_unchanged,
                count(CASE WHEN f.status = 'failed' THEN 1 END) AS files_failed
         FROM imports i LEFT JOIN import_files f ON f.import_id = i.id GROUP BY i.id ORDER BY i.id DESC LIMIT 200`,
      )
      .all() as (Omit<ImportRecord, 'inputs' | 'files_ignored'> & { inputs: string; ignored: string })[]
  ).map(({ inputs, ignored, ...r }) => ({ ...r, inputs: JSON.parse(inputs) as string[], files_ignored: ignoredCount(ignored) }));
  const files = (db.prepare(`SELECT ${FILE_COLUMNS} FROM import_files ORDER BY id DESC LIMIT 5000`).all() as FileRow[]).map(toFileRecord);
  const sources = db
    .prepare(`SELECT id, path, size, hash, file_date, events, imported_at, import_id FROM sources WHERE status = 'imported' ORDER BY file_date, path`)
    .all() as SourceFile[];
  const dates = [...new Set(sources.map((s) => s.file_date).filter((d): d is string => d !== null))].sort();
  return { imports, files, sources, missing_days: missingDays(dates) };
}

export function latestImportId(db: Database.Database): number | null {
  return (db.prepare('SELECT max(id) FROM imports').pluck().get() as number | null) ?? null;
}
