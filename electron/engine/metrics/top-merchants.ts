// Top merchant(s) by successful volume: SUCCESS events with a valid amount, summed exactly in kobo;
// highest first, ties to the smaller merchant_id; the first TOP_N.
import type { MerchantVolume } from '../../../shared/metrics.js';
import { TOP_N, type MetricTotals } from './totals.js';

export function byVolume(a: { merchant_id: string; kobo: number }, b: { merchant_id: string; kobo: number }): number {
  if (a.kobo !== b.kobo) return b.kobo - a.kobo;
  return a.merchant_id < b.merchant_id ? -1 : a.merchant_id > b.merchant_id ? 1 : 0;
}

export function topMerchants(t: MetricTotals): MerchantVolume[] {
  return [...t.volumes].sort(byVolume).slice(0, TOP_N).map((v) => ({ merchant_id: v.merchant_id, total_volume: v.kobo / 100 }));
}

export const topMerchantsCsv = {
  fields: ['rank', 'merchant_id', 'total_volume'],
  rows: (top: MerchantVolume[]) => top.map((r, i) => [i + 1, r.merchant_id, r.total_volume.toFixed(2)]),
};
