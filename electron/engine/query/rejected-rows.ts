// The rejected and warned rows of the ledger, by import or by the files a selection's metrics count,
// narrowed by file and reason: the one query behind the Rejected rows view and its CSV export.
import type Database from 'better-sqlite3';
import { isEmptyFilter } from '../../../shared/filter.js';
import type { RejectedRowsPage, RejectedRowsQuery, RejectedRowsScope } from '../../../shared/importing.js';
import type { EventIndex } from '../explore/event-index.js';
import { scanMetrics } from '../explore/scan-metrics.js';
import { compileSelection } from '../explore/selection.js';
import { latestImportId } from './history.js';
import { COUNTED_SOURCES } from './metrics.js';

interface Where {
  sql: string;
  args: (number | string)[];
}

/** The files' rows of the ledger whose rejected counts the coverage of getMetrics under this filter adds up. */
function selectionFiles(index: () => EventIndex, filter: NonNullable<RejectedRowsScope['filter']>): Where {
  const files = `r.import_file_id IN (SELECT f.id FROM import_files f JOIN sources s ON s.id = f.source_id WHERE f.status = 'imported' AND `;
  // As getMetrics: no filter reads the summaries' files, a filter the files with events in the selection.
  if (isEmptyFilter(filter)) return { sql: `${files}${COUNTED_SOURCES})`, args: [] };
  const idx = index();
  const { sourceIds } = scanMetrics(idx, compileSelection(idx.labels, filter));
  return { sql: `${files}s.id IN (SELECT value FROM json_each(?)))`, args: [JSON.stringify(sourceIds)] };
}

/**
 * The scope's rows (`all`, which the file and reason lists count) and those narrowed by file and reason
 * (`narrowed`, the rows shown). Without a kind, the page lists rejected rows and the CSV every logged
 * row, as they always did. The selection's files are found once (a scan of the index).
 */
function scopeWhere(db: Database.Database, index: () => EventIndex, q: RejectedRowsScope, defaultKind: 'rejected' | 'all' = 'rejected'): { all: Where; narrowed: Where } {
  const base = q.filter ? selectionFiles(index, q.filter) : { sql: 'r.import_id = ?', args: [q.import_id ?? latestImportId(db) ?? 0] };
  const parts = [base.sql];
  const args = [...base.args];
  const kind = q.kind ?? defaultKind;
  if (kind !== 'all') {
    parts.push('r.kind = ?');
    args.push(kind);
  }
  const all = { sql: parts.join(' AND '), args: [...args] };
  if (q.import_file_id !== undefined) {
    parts.push('r.import_file_id = ?');
    args.push(q.import_file_id);
  }
  if (q.reason !== undefined) {
    parts.push('r.reason = ?');
    args.push(q.reason);
  }
  return { all, narrowed: { sql: parts.join(' AND '), args } };
}

export function readRejectedRows(db: Database.Database, index: () => EventIndex, q: RejectedRowsQuery): RejectedRowsPage {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  return db.transaction(() => {
    const { all, narrowed: where } = scopeWhere(db, index, q);
    const total = db.prepare(`SELECT count(*) FROM rejected_rows r WHERE ${where.sql}`).pluck().get(...where.args) as number;
    const rows = db
      .prepare(
        `SELECT r.id, r.import_id, r.import_file_id, f.path, r.line, r.kind, r.reason, r.raw
         FROM rejected_rows r JOIN import_files f ON f.id = r.import_file_id WHERE ${where.sql} ORDER BY r.id LIMIT ? OFFSET ?`,
      )
      .all(...where.args, limit, offset) as RejectedRowsPage['rows'];
    const files = db
      .prepare(
        `SELECT r.import_file_id, f.path, count(*) AS rows FROM rejected_rows r JOIN import_files f ON f.id = r.import_file_id
         WHERE ${all.sql} GROUP BY r.import_file_id ORDER BY f.path, r.import_file_id`,
      )
      .all(...all.args) as RejectedRowsPage['files'];
    const reasons = db
      .prepare(`SELECT r.reason, count(*) AS rows FROM rejected_rows r WHERE ${all.sql} GROUP BY r.reason ORDER BY rows DESC, r.reason`)
      .all(...all.args) as RejectedRowsPage['reasons'];
    return { rows, total, offset, limit, files, reasons };
  })();
}

/** Every row of the scope (no paging) as CSV cells, with a file name saying which rows they are. */
export function rejectedRowsForCsv(db: Database.Database, index: () => EventIndex, q: RejectedRowsScope): { name: string; rows: unknown[][] } {
  const where = scopeWhere(db, index, q, 'all').narrowed;
  const rows = db
    .prepare(
      `SELECT f.path, r.line, r.kind, r.reason, r.raw FROM rejected_rows r JOIN import_files f ON f.id = r.import_file_id
       WHERE ${where.sql} ORDER BY r.id`,
    )
    .raw()
    .all(...where.args) as unknown[][];
  const of = q.filter ? 'selection' : `import_${q.import_id ?? latestImportId(db) ?? 0}`;
  const file = q.import_file_id !== undefined ? `_file_${q.import_file_id}` : '';
  return { name: `rejected_rows_${of}${file}${q.reason ? `_${q.reason}` : ''}.csv`, rows };
}
