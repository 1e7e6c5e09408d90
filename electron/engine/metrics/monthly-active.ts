// Monthly active merchants: per YYYY-MM of the timestamp as written, distinct merchants with a SUCCESS
// event; months ascending; events without a valid timestamp in no month.
import type { MetricTotals } from './totals.js';

export function monthlyActive(t: MetricTotals): Record<string, number> {
  const out: Record<string, number> = {};
  for (const month of [...t.monthly.keys()].sort()) {
    const n = t.monthly.get(month)!;
    if (n > 0) out[month] = n;
  }
  return out;
}

export const monthlyActiveCsv = {
  fields: ['month', 'active_merchants'],
  rows: (m: Record<string, number>) => Object.entries(m),
};
