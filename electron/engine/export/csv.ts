// The clean events as one CSV file: UTF-8, a header row, CRLF (what spreadsheets expect), written in
// chunks of about a megabyte with synchronous writes, so memory stays flat and no backpressure is needed.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { COLUMN_NAMES } from './columns.js';
import { forEachExportRow, koboText, type StreamSummary } from './stream.js';

const CHUNK_CHARS = 1 << 20;

// TODO(lead): replace with the shared helper in shared/csv-safe.ts once it lands.
/** A spreadsheet runs a cell starting with = + - @ tab or CR as a formula; a leading ' keeps it text. */
function safeText(v: string): string {
  const c = v.charCodeAt(0);
  const risky = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
  const s = risky ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsvExport(db: Database.Database, filter: MetricFilter, file: string): StreamSummary {
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w');
  try {
    let buf = COLUMN_NAMES.join(',') + '\r\n';
    const summary = forEachExportRow(db, filter, (r) => {
      buf +=
        r.event_id + ',' + safeText(r.merchant_id) + ',' + (r.event_timestamp ?? '') + ',' + (r.event_date ?? '') + ',' +
        r.product + ',' + safeText(r.event_type) + ',' + koboText(r.kobo) + ',' + r.status + ',' + safeText(r.channel) + ',' +
        safeText(r.region) + ',' + safeText(r.merchant_tier) + ',' + safeText(r.source_file) + ',' + (r.source_line ?? '') + '\r\n';
      if (buf.length >= CHUNK_CHARS) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    });
    fs.writeSync(fd, buf);
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
