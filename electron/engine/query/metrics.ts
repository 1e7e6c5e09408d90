// The five metrics, each one SQL query over the summary tables (a handful of rows each, so they answer
// in well under a millisecond whatever the number of events).
import type Database from 'better-sqlite3';
import type { Coverage, Metrics, MetricsResponse } from '../../../shared/metrics.js';

const TOP_N = 10;

export function readMetrics(db: Database.Database): Metrics {
  // The 10th-largest volume bounds the scan through the kobo index; ties at the bound are all kept
  // so that ordering by merchant id among them is exact.
  const bound = db.prepare('SELECT kobo FROM s_volume ORDER BY kobo DESC LIMIT 1 OFFSET ?').pluck().get(TOP_N - 1) as number | undefined;
  const top = db
    .prepare(
      `SELECT m.code AS merchant_id, v.kobo AS kobo FROM s_volume v JOIN merchants m ON m.id = v.merchant
       WHERE v.kobo >= ? ORDER BY v.kobo DESC, m.code ASC LIMIT ?`,
    )
    .all(bound ?? -1, TOP_N) as { merchant_id: string; kobo: number }[];
  const top_merchants = top.map((r) => ({ merchant_id: r.merchant_id, total_volume: r.kobo / 100 }));

  const monthly_active_merchants: Record<string, number> = {};
  for (const r of db
    .prepare(`SELECT printf('%04d-%02d', month / 100, month % 100) AS month, merchants FROM m_month ORDER BY month`)
    .all() as { month: string; merchants: number }[]) {
    monthly_active_merchants[r.month] = r.merchants;
  }

  const product_adoption: Record<string, number> = {};
  for (const r of db
    .prepare('SELECT p.name AS product, a.merchants FROM m_adoption a JOIN products p ON p.id = a.product WHERE a.merchants > 0 ORDER BY a.merchants DESC, p.name ASC')
    .all() as { product: string; merchants: number }[]) {
    product_adoption[r.product] = r.merchants;
  }

  const kyc = db
    .prepare('SELECT k.name AS step, coalesce(m.merchants, 0) AS merchants FROM kyc_steps k LEFT JOIN m_kyc m ON m.step = k.id ORDER BY k.id')
    .all() as { step: 'documents_submitted' | 'verifications_completed' | 'tier_upgrades'; merchants: number }[];
  const kyc_funnel = { documents_submitted: 0, verifications_completed: 0, tier_upgrades: 0 };
  for (const r of kyc) kyc_funnel[r.step] = r.merchants;

  // Exact integer rounding half-up to one decimal: round(1000 * failed / total) / 10.
  const failure_rates = db
    .prepare(
      `SELECT p.name AS product, ((2000 * f.failed + f.total) / (2 * f.total)) / 10.0 AS failure_rate
       FROM (SELECT product,
                    sum(CASE WHEN status = 1 THEN n ELSE 0 END) AS failed,
                    sum(CASE WHEN status IN (0, 1) THEN n ELSE 0 END) AS total
             FROM s_status GROUP BY product) f
       JOIN products p ON p.id = f.product
       WHERE f.total > 0
       ORDER BY CAST(f.failed AS REAL) / f.total DESC, p.name ASC`,
    )
    .all() as { product: string; failure_rate: number }[];

  return {
    top_merchant: top_merchants[0] ?? null,
    top_merchants,
    monthly_active_merchants,
    product_adoption,
    kyc_funnel,
    failure_rates,
  };
}

export function readCoverage(db: Database.Database): Coverage {
  const days = db.prepare('SELECT min(day) AS first, max(day) AS last FROM s_day').get() as { first: number | null; last: number | null };
  const fmt = (d: number | null) => (d === null ? null : `${String(Math.floor(d / 10000)).padStart(4, '0')}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`);
  const files = db.prepare("SELECT count(*) AS files, coalesce(sum(events), 0) AS events FROM sources WHERE status = 'imported'").get() as { files: number; events: number };
  const rejected = db
    .prepare("SELECT coalesce(sum(f.rejected), 0) AS n FROM import_files f JOIN sources s ON s.id = f.source_id WHERE f.status = 'imported'")
    .pluck()
    .get() as number;
  return { first_date: fmt(days.first), last_date: fmt(days.last), files: files.files, events: files.events, rejected_rows: rejected };
}

export function readMetricsResponse(db: Database.Database): MetricsResponse {
  return db.transaction(() => ({ metrics: readMetrics(db), coverage: readCoverage(db) }))();
}
