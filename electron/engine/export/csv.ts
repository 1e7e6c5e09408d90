// The clean events as one CSV file: UTF-8, a header row, CRLF (what spreadsheets expect). Cells go
// through the project's one CSV writer (shared/csv-safe.ts: formula-looking text neutralised, RFC 4180
// quoting) a chunk of CHUNK_ROWS rows at a time, written with synchronous writes, so memory stays flat
// at any size and no backpressure is needed.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { toCsv } from '../../../shared/csv-safe.js';
import { COLUMN_NAMES } from './columns.js';
import { forEachExportRow, koboText, type StreamSummary } from './stream.js';

const CHUNK_ROWS = 5_000;

export function writeCsvExport(db: Database.Database, filter: MetricFilter, file: string): StreamSummary {
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w');
  const fields = [...COLUMN_NAMES];
  // toCsv writes a whole file; every chunk after the first is written without its header line.
  const header = toCsv(fields, []);
  let rows: unknown[][] = [];
  const writeChunk = () => {
    if (rows.length === 0) return;
    fs.writeSync(fd, toCsv(fields, rows).slice(header.length));
    rows = [];
  };
  try {
    fs.writeSync(fd, header);
    const summary = forEachExportRow(db, filter, (r) => {
      // Amounts as exact text ("-5.00" stays a number to a spreadsheet; safeCell leaves plain numbers alone).
      rows.push([
        r.event_id, r.merchant_id, r.event_timestamp ?? '', r.event_date ?? '', r.product, r.event_type, koboText(r.kobo),
        r.status, r.channel, r.region, r.merchant_tier, r.source_file, r.source_line ?? '',
      ]);
      if (rows.length >= CHUNK_ROWS) writeChunk();
    });
    writeChunk();
    fs.closeSync(fd);
    // Renamed only when whole, so a failed export never leaves a file that looks complete.
    fs.renameSync(tmp, file);
    return summary;
  } catch (err) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
