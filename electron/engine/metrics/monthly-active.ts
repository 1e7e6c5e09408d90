// Monthly active merchants: per YYYY-MM of the timestamp as written, distinct merchants with a SUCCESS
// event; months ascending; events without a valid timestamp in no month.
import type { MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';
import { previousMonths } from '../../../shared/compare-pairs.js';

export function monthlyActive(t: MetricTotals): Record<string, number> {
  const out: Record<string, number> = {};
  for (const month of [...t.monthly.keys()].sort()) {
    const n = t.monthly.get(month)!;
    if (n > 0) out[month] = n;
  }
  return out;
}

export const monthlyActiveColumns: MetricColumns = {
  fields: ['month', 'active_merchants'],
  kinds: ['month', 'count'],
  rows: (m) => Object.entries(m.monthly_active_merchants),
  compare: {
    column: 1,
    previous: (m, prev) => previousMonths(m, prev).map((p) => p?.[1] ?? null),
    period: { field: 'previous_month', kind: 'month', values: (m, prev) => previousMonths(m, prev).map((p) => p?.[0] ?? null) },
  },
};
