// A metric's export table as plain values, with the comparison columns when a comparison is on:
// previous value, change and change in percent (a rate changes in points; a percent of a percent would
// mislead). Changes are taken in whole kobo, whole counts and tenths of a point, so they are exact.
import type { MetricName } from '../../../shared/api.js';
import type { Metrics } from '../../../shared/metrics.js';
import type { Cell, CellKind, MetricColumns } from '../metrics/columns.js';
import { topMerchantsColumns } from '../metrics/top-merchants.js';
import { monthlyActiveColumns } from '../metrics/monthly-active.js';
import { productAdoptionColumns } from '../metrics/product-adoption.js';
import { kycFunnelColumns } from '../metrics/kyc-funnel.js';
import { failureRatesColumns } from '../metrics/failure-rates.js';

export const METRIC_COLUMNS: Record<MetricName, MetricColumns> = {
  top_merchants: topMerchantsColumns,
  monthly_active_merchants: monthlyActiveColumns,
  product_adoption: productAdoptionColumns,
  kyc_funnel: kycFunnelColumns,
  failure_rates: failureRatesColumns,
};

export interface ExportTable {
  fields: string[];
  kinds: CellKind[];
  rows: Cell[][];
}

const SCALE: Partial<Record<CellKind, number>> = { money: 100, rate: 10, count: 1 };

export function metricTable(name: MetricName, m: Metrics, prev?: Metrics): ExportTable {
  const def = METRIC_COLUMNS[name];
  const rows = def.rows(m);
  if (!prev) return { fields: def.fields, kinds: def.kinds, rows };
  const { column, previous, period } = def.compare;
  const kind = def.kinds[column];
  const isRate = kind === 'rate';
  const s = SCALE[kind] ?? 1;
  const prevs = previous(m, prev);
  const periods = period?.values(m, prev);
  const fields = [...def.fields, `previous_${def.fields[column]}`, ...(period ? [period.field] : []), isRate ? 'change_points' : 'change', ...(isRate ? [] : ['change_percent'])];
  const kinds: CellKind[] = [...def.kinds, kind, ...(period ? [period.kind] : []), isRate ? 'points' : kind, ...(isRate ? [] : ['rate' as const])];
  const out = rows.map((r, i) => {
    const cur = r[column] as number;
    const before = prevs[i];
    const extra: Cell[] = [before, ...(periods ? [periods[i]] : [])];
    if (before === null) extra.push(null, ...(isRate ? [] : [null]));
    else {
      const delta = Math.round(cur * s) - Math.round(before * s);
      extra.push(delta / s);
      // No percent of nothing: a row new in this period has no change in percent.
      if (!isRate) extra.push(before === 0 ? null : (delta / Math.round(before * s)) * 100);
    }
    return [...r, ...extra];
  });
  return { fields, kinds, rows: out };
}
