// What every path (the stored summaries for all data, a scan of the index for a filter) hands to the
// metric modules: plain counts, before any order, tie-break or rounding. Each metric module turns its
// part into the answer, so the unfiltered and filtered answers cannot disagree.
export interface MetricTotals {
  /** Merchants with at least one SUCCESS event with a valid amount, and that volume in kobo (at least the first 10 by volume; ties at the 10th all included). */
  volumes: { merchant_id: string; kobo: number }[];
  /** YYYY-MM -> distinct merchants with a SUCCESS event; any order. */
  monthly: Map<string, number>;
  /** products.id -> distinct merchants with any event. */
  adoption: number[];
  /** Funnel step -> distinct merchants with a SUCCESS KYC event of that step's type. */
  kyc: number[];
  /** products.id * 3 + statuses.id -> events. */
  status: number[];
}

export const TOP_N = 10;
