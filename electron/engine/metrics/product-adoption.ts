// Product adoption: per product, distinct merchants with any event (any status); count descending, ties
// by product name; products nobody used are left out.
import { PRODUCTS } from '../../../shared/metrics.js';
import type { MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';

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
  // A product nobody used before had 0 merchants then.
  compare: { column: 1, previous: (m, prev) => Object.keys(m.product_adoption).map((p) => prev.product_adoption[p] ?? 0) },
};
