// What an export says about the data behind it: the stored files it was counted from, and the rows
// rejected or kept with a warning in them, by reason. Under a date filter, the files whose name dates
// them inside the period (files without a date in their name always count: they may hold any day).
import type Database from 'better-sqlite3';
import path from 'node:path';
import type { MetricFilter } from '../../../shared/filter.js';
import type { DataQuality } from '../../../shared/importing.js';

function addCounts(into: Record<string, number>, json: string): void {
  try {
    for (const [reason, n] of Object.entries(JSON.parse(json) as Record<string, number>)) into[reason] = (into[reason] ?? 0) + n;
  } catch {
    // An unreadable count leaves the total from the coverage line standing on its own.
  }
}

export function dataQuality(db: Database.Database, filter: MetricFilter | undefined): DataQuality {
  const from = filter?.from ?? '0000-00-00';
  const to = filter?.to ?? '9999-99-99';
  const rows = db
    .prepare(
      `SELECT s.path, s.events, f.rejected_by_reason AS rejected, f.warnings_by_reason AS warnings
       FROM sources s LEFT JOIN import_files f ON f.source_id = s.id AND f.status = 'imported'
       WHERE s.status = 'imported' AND (s.file_date IS NULL OR s.file_date BETWEEN ? AND ?)
       ORDER BY s.path`,
    )
    .all(from, to) as { path: string; events: number; rejected: string | null; warnings: string | null }[];
  const out: DataQuality = { folders: [], files: [], rejected_by_reason: {}, warnings_by_reason: {} };
  const folders = new Set<string>();
  for (const r of rows) {
    out.files.push({ path: r.path, events: r.events });
    folders.add(path.dirname(r.path));
    if (r.rejected) addCounts(out.rejected_by_reason, r.rejected);
    if (r.warnings) addCounts(out.warnings_by_reason, r.warnings);
  }
  out.folders = [...folders].sort();
  return out;
}
