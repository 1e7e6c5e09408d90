// Product adoption: per product, distinct merchants with any event (any status); count descending, ties
// by product name; products nobody used are left out.
import { PRODUCTS } from '../../../shared/metrics.js';
import type { MetricTotals } from './totals.js';

export function productAdoption(t: MetricTotals): Record<string, number> {
  const rows = PRODUCTS.map((p, i) => ({ p: p as string, n: t.adoption[i] ?? 0 })).filter((r) => r.n > 0);
  rows.sort((a, b) => b.n - a.n || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0));
  const out: Record<string, number> = {};
  for (const r of rows) out[r.p] = r.n;
  return out;
}

export const productAdoptionCsv = {
  fields: ['product', 'merchants'],
  rows: (m: Record<string, number>) => Object.entries(m),
};
