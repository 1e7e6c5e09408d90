// Top merchant(s) by successful volume: SUCCESS events with a valid amount, summed exactly in kobo;
// highest first, ties to the smaller merchant_id; the first TOP_N.
import type { MerchantVolume } from '../../../shared/metrics.js';
import { TOP_N, type MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';
import { previousTopVolumes } from '../../../shared/compare-pairs.js';

export function byVolume(a: { merchant_id: string; kobo: number }, b: { merchant_id: string; kobo: number }): number {
  if (a.kobo !== b.kobo) return b.kobo - a.kobo;
  return a.merchant_id < b.merchant_id ? -1 : a.merchant_id > b.merchant_id ? 1 : 0;
}

export function topMerchants(t: MetricTotals): MerchantVolume[] {
  return [...t.volumes].sort(byVolume).slice(0, TOP_N).map((v) => ({ merchant_id: v.merchant_id, total_volume: v.kobo / 100 }));
}

export const topMerchantsColumns: MetricColumns = {
  fields: ['rank', 'merchant_id', 'total_volume'],
  kinds: ['count', 'text', 'money'],
  rows: (m) => m.top_merchants.map((r, i) => [i + 1, r.merchant_id, r.total_volume]),
  compare: { column: 2, previous: previousTopVolumes },
};
