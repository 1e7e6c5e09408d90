// The five metrics over all stored events, read from the summary tables (a handful of rows each, so they
// answer in well under a millisecond whatever the number of events) and finished by the metric modules.
import type Database from 'better-sqlite3';
import { KYC_STEP_NAMES, PRODUCTS, STATUSES, type Coverage, type Metrics, type MetricsResponse } from '../../../shared/metrics.js';
import { TOP_N, type MetricTotals } from '../metrics/totals.js';
import { finalizeMetrics } from '../metrics/index.js';

/** The metric totals of all stored events, from the summary tables. */
export function readTotals(db: Database.Database): MetricTotals {
  // The 10th-largest volume bounds the scan through the kobo index; ties at the bound are all kept
  // so that ordering by merchant id among them is exact.
  const bound = db.prepare('SELECT kobo FROM s_volume ORDER BY kobo DESC LIMIT 1 OFFSET ?').pluck().get(TOP_N - 1) as number | undefined;
  const volumes = db
    .prepare('SELECT m.code AS merchant_id, v.kobo AS kobo FROM s_volume v JOIN merchants m ON m.id = v.merchant WHERE v.kobo >= ?')
    .all(bound ?? -1) as { merchant_id: string; kobo: number }[];
  const monthly = new Map<string, number>();
  for (const [month, n] of db.prepare("SELECT printf('%04d-%02d', month / 100, month % 100), merchants FROM m_month").raw().all() as [string, number][]) {
    monthly.set(month, n);
  }
  const adoption = new Array<number>(PRODUCTS.length).fill(0);
  for (const [p, n] of db.prepare('SELECT product, merchants FROM m_adoption').raw().all() as [number, number][]) adoption[p] = n;
  const kyc = new Array<number>(KYC_STEP_NAMES.length).fill(0);
  for (const [k, n] of db.prepare('SELECT step, merchants FROM m_kyc').raw().all() as [number, number][]) kyc[k] = n;
  const status = new Array<number>(PRODUCTS.length * STATUSES.length).fill(0);
  for (const [p, st, n] of db.prepare('SELECT product, status, n FROM s_status').raw().all() as [number, number, number][]) status[p * STATUSES.length + st] = n;
  return { volumes, monthly, adoption, kyc, status };
}

export function readMetrics(db: Database.Database): Metrics {
  return finalizeMetrics(readTotals(db));
}

/**
 * The stored files (sources s) the summaries count, and with at least one event, as under any filter
 * (an empty or wholly rejected file holds none). During an import its committed files are stored
 * before the summaries are written back at its end: counting them beside metrics without them read as
 * "No dated events · 68 files · 1,837,788 rows" over five empty panels.
 */
export const COUNTED_SOURCES = `s.status = 'imported' AND s.last_seq <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'summaries_seq'), s.last_seq) AND s.events > 0`;

export function readCoverage(db: Database.Database): Coverage {
  const days = db.prepare('SELECT min(day) AS first, max(day) AS last FROM s_day').get() as { first: number | null; last: number | null };
  const fmt = (d: number | null) => (d === null ? null : `${String(Math.floor(d / 10000)).padStart(4, '0')}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`);
  const files = db.prepare(`SELECT count(*) AS files, coalesce(sum(events), 0) AS events FROM sources s WHERE ${COUNTED_SOURCES}`).get() as { files: number; events: number };
  const rejected = db
    .prepare(`SELECT coalesce(sum(f.rejected), 0) AS n FROM import_files f JOIN sources s ON s.id = f.source_id WHERE f.status = 'imported' AND ${COUNTED_SOURCES}`)
    .pluck()
    .get() as number;
  return { first_date: fmt(days.first), last_date: fmt(days.last), files: files.files, events: files.events, rejected_rows: rejected };
}

export function readMetricsResponse(db: Database.Database): MetricsResponse {
  return db.transaction(() => ({ metrics: readMetrics(db), coverage: readCoverage(db) }))();
}
