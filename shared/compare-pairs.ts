// How each row of a metric finds its value in the comparison period: the window's tables and charts
// and the exported CSV and XLSX pair rows by these rules, so "previous" means the same everywhere.
// null: the row has no value there (a merchant outside that period's top 10, a month past its end).
import type { Metrics } from './metrics.js';
import { KYC_STEP_NAMES } from './metrics.js';

/** The other period is known for its own top 10 only. */
export const previousTopVolumes = (m: Metrics, prev: Metrics): (number | null)[] =>
  m.top_merchants.map((r) => prev.top_merchants.find((p) => p.merchant_id === r.merchant_id)?.total_volume ?? null);

/** Months of two periods are different months: the n-th month is compared with the n-th month before. */
export const previousMonths = (m: Metrics, prev: Metrics): ([month: string, merchants: number] | null)[] => {
  const before = Object.entries(prev.monthly_active_merchants);
  return Object.keys(m.monthly_active_merchants).map((_, i) => before[i] ?? null);
};

/** A product nobody used before had 0 merchants then. */
export const previousAdoption = (m: Metrics, prev: Metrics): number[] => Object.keys(m.product_adoption).map((p) => prev.product_adoption[p] ?? 0);

export const previousKycSteps = (prev: Metrics): number[] => KYC_STEP_NAMES.map((s) => prev.kyc_funnel[s]);

export const previousFailureRates = (m: Metrics, prev: Metrics): (number | null)[] =>
  m.failure_rates.map((r) => prev.failure_rates.find((p) => p.product === r.product)?.failure_rate ?? null);
