// Failure rate per product: FAILED / (SUCCESS + FAILED) × 100, PENDING left out, rounded half-up to one
// decimal in integer arithmetic; products with neither left out; exact rate descending, ties by product.
import { PRODUCTS, STATUSES, type FailureRate } from '../../../shared/metrics.js';
import { ratioPercent } from '../../../shared/format.js';
import type { MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';
import { previousFailureRates } from '../../../shared/compare-pairs.js';

const S = STATUSES.length;
const SUCCESS = STATUSES.indexOf('SUCCESS');
const FAILED = STATUSES.indexOf('FAILED');

export interface FailureCounts {
  product: string;
  failed: number;
  succeeded: number;
}

export function failureCounts(t: MetricTotals): FailureCounts[] {
  const rows = PRODUCTS.map((p, i) => ({ product: p as string, failed: t.status[i * S + FAILED] ?? 0, succeeded: t.status[i * S + SUCCESS] ?? 0 }));
  const kept = rows.filter((r) => r.failed + r.succeeded > 0);
  // Exact order: compare failed/total by cross-multiplying whole counts.
  kept.sort((a, b) => b.failed * (a.failed + a.succeeded) - a.failed * (b.failed + b.succeeded) || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  return kept;
}

export function failureRates(t: MetricTotals): FailureRate[] {
  return failureCounts(t).map((r) => ({ product: r.product, failure_rate: ratioPercent(r.failed, r.failed + r.succeeded)! }));
}

export const failureRatesColumns: MetricColumns = {
  fields: ['product', 'failure_rate_percent'],
  kinds: ['text', 'rate'],
  rows: (m) => m.failure_rates.map((r) => [r.product, r.failure_rate]),
  compare: { column: 1, previous: previousFailureRates },
};
