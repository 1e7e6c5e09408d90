// Each metric table, and the rejected rows, as CSV text (shared/csv-safe.ts quotes and defuses formulas).
import type Database from 'better-sqlite3';
import type { CsvFile } from '../../../shared/api.js';
import type { ApiRequest } from '../../../shared/api.js';
import { rejectedRowsForCsv } from './rejected-rows.js';
import { toCsv as csv } from '../../../shared/csv-safe.js';
import type { EventIndex } from '../explore/event-index.js';
import { filteredMetrics } from '../explore/filtered-metrics.js';
import { metricTable, type ExportTable } from '../export/metric-table.js';
import { viewFileName } from '../../../shared/view-text.js';

/** Money to the kobo and rates to a tenth, as text a spreadsheet reads as numbers; no value is empty. */
function csvValue(value: unknown, kind: ExportTable['kinds'][number]): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return value;
  if (kind === 'money') return value.toFixed(2);
  if (kind === 'rate' || kind === 'points') return value.toFixed(1);
  return value;
}

export function metricsCsv(db: Database.Database, index: () => EventIndex, request: ApiRequest<'getCsv'>): CsvFile {
  const { target, import_id: importId } = request;
  if (target === 'rejected_rows') {
    const { name, rows } = db.transaction(() => rejectedRowsForCsv(db, index, request.rejected ?? (importId === undefined ? {} : { import_id: importId })))();
    return { filename: name, content: csv(['file', 'line', 'kind', 'reason', 'raw'], rows) };
  }
  const r = db.transaction(() => filteredMetrics(db, index, request.filter, request.compare))();
  const t = metricTable(target, r.metrics, r.compare?.metrics);
  return {
    filename: viewFileName(target, request.filter, request.compare, 'csv'),
    content: csv(t.fields, t.rows.map((row) => row.map((v, i) => csvValue(v, t.kinds[i])))),
  };
}
