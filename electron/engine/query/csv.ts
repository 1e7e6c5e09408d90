// Each metric table, and the rejected rows, as CSV text (shared/csv-safe.ts quotes and defuses formulas).
import type Database from 'better-sqlite3';
import type { CsvExportTarget, CsvFile } from '../../../shared/api.js';
import { readMetrics } from './metrics.js';
import { latestImportId } from './history.js';
import { ratioPercent } from '../../../shared/format.js';
import { toCsv as csv } from '../../../shared/csv-safe.js';

const money = (v: number) => v.toFixed(2);

export function metricsCsv(db: Database.Database, target: CsvExportTarget, importId?: number): CsvFile {
  if (target === 'rejected_rows') {
    const id = importId ?? latestImportId(db) ?? 0;
    const rows = db
      .prepare(
        `SELECT f.path, r.line, r.kind, r.reason, r.raw FROM rejected_rows r JOIN import_files f ON f.id = r.import_file_id
         WHERE r.import_id = ? ORDER BY r.id`,
      )
      .raw()
      .all(id) as unknown[][];
    return { filename: `rejected_rows_import_${id}.csv`, content: csv(['file', 'line', 'kind', 'reason', 'raw'], rows) };
  }
  const m = readMetrics(db);
  const tables: Record<Exclude<CsvExportTarget, 'rejected_rows'>, () => string> = {
    top_merchants: () => csv(['rank', 'merchant_id', 'total_volume'], m.top_merchants.map((r, i) => [i + 1, r.merchant_id, money(r.total_volume)])),
    monthly_active_merchants: () => csv(['month', 'active_merchants'], Object.entries(m.monthly_active_merchants)),
    product_adoption: () => csv(['product', 'merchants'], Object.entries(m.product_adoption)),
    kyc_funnel: () => {
      const k = m.kyc_funnel;
      const pct = (part: number, whole: number) => ratioPercent(part, whole)?.toFixed(1) ?? '';
      return csv(
        ['step', 'merchants', 'conversion_percent'],
        [
          ['documents_submitted', k.documents_submitted, ''],
          ['verifications_completed', k.verifications_completed, pct(k.verifications_completed, k.documents_submitted)],
          ['tier_upgrades', k.tier_upgrades, pct(k.tier_upgrades, k.verifications_completed)],
        ],
      );
    },
    failure_rates: () => csv(['product', 'failure_rate_percent'], m.failure_rates.map((r) => [r.product, r.failure_rate.toFixed(1)])),
  };
  return { filename: `${target}.csv`, content: tables[target]() };
}
