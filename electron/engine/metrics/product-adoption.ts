// Product adoption: per product, distinct merchants with any event (any status); count descending, ties
// by product name; products nobody used are left out.
import { PRODUCTS } from '../../../shared/metrics.js';
import type { MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';
import { previousAdoption } from '../../../shared/compare-pairs.js';

export function productAdoption(t: MetricTotals): Record<string, number> {
  const rows = PRODUCTS.map((p, i) => ({ p: p as string, n: t.adoption[i] ?? 0 })).filter((r) => r.n > 0);
  rows.sort((a, b) => b.n - a.n || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0));
  const out: Record<string, number> = {};
  for (const r of rows) out[r.p] = r.n;
  return out;
}

export const productAdoptionColumns: MetricColumns = {
  fields: ['product', 'merchants'],
  kinds: ['text', 'count'],
  rows: (m) => Object.entries(m.product_adoption),
  compare: { column: 1, previous: previousAdoption },
};
