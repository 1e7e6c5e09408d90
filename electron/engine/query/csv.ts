// Each metric table, and the rejected rows, as CSV text (shared/csv-safe.ts quotes and defuses formulas).
import type Database from 'better-sqlite3';
import type { CsvExportTarget, CsvFile } from '../../../shared/api.js';
import type { ApiRequest } from '../../../shared/api.js';
import { rejectedRowsForCsv } from './rejected-rows.js';
import { toCsv as csv } from '../../../shared/csv-safe.js';
import type { EventIndex } from '../explore/event-index.js';
import { filteredMetrics } from '../explore/filtered-metrics.js';
import { topMerchantsCsv } from '../metrics/top-merchants.js';
import { monthlyActiveCsv } from '../metrics/monthly-active.js';
import { productAdoptionCsv } from '../metrics/product-adoption.js';
import { kycFunnelCsv } from '../metrics/kyc-funnel.js';
import { failureRatesCsv } from '../metrics/failure-rates.js';

export function metricsCsv(db: Database.Database, index: () => EventIndex, request: ApiRequest<'getCsv'>): CsvFile {
  const { target, import_id: importId } = request;
  if (target === 'rejected_rows') {
    const { name, rows } = db.transaction(() => rejectedRowsForCsv(db, index, request.rejected ?? (importId === undefined ? {} : { import_id: importId })))();
    return { filename: name, content: csv(['file', 'line', 'kind', 'reason', 'raw'], rows) };
  }
  const m = db.transaction(() => filteredMetrics(db, index, request.filter))().metrics;
  const tables: Record<Exclude<CsvExportTarget, 'rejected_rows'>, () => string> = {
    top_merchants: () => csv(topMerchantsCsv.fields, topMerchantsCsv.rows(m.top_merchants)),
    monthly_active_merchants: () => csv(monthlyActiveCsv.fields, monthlyActiveCsv.rows(m.monthly_active_merchants)),
    product_adoption: () => csv(productAdoptionCsv.fields, productAdoptionCsv.rows(m.product_adoption)),
    kyc_funnel: () => csv(kycFunnelCsv.fields, kycFunnelCsv.rows(m.kyc_funnel)),
    failure_rates: () => csv(failureRatesCsv.fields, failureRatesCsv.rows(m.failure_rates)),
  };
  return { filename: `${target}.csv`, content: tables[target]() };
}
