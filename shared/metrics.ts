// Result shapes of the five metrics. The key names are the public contract of the CLI and the API:
// keys may be added, never renamed.

export const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'] as const;
export type Product = (typeof PRODUCTS)[number];

export const STATUSES = ['SUCCESS', 'FAILED', 'PENDING'] as const;
export type Status = (typeof STATUSES)[number];

export interface MerchantVolume {
  merchant_id: string;
  /** Naira, exact to the kobo (2 dp). */
  total_volume: number;
}

export interface KycFunnel {
  documents_submitted: number;
  verifications_completed: number;
  tier_upgrades: number;
}

export interface FailureRate {
  product: string;
  /** Percent, rounded half-up to 1 dp. */
  failure_rate: number;
}

export interface Metrics {
  /** null when no SUCCESS event with an amount exists. */
  top_merchant: MerchantVolume | null;
  /** First 10 in the same order as top_merchant. */
  top_merchants: MerchantVolume[];
  /** YYYY-MM -> distinct merchants with a SUCCESS event that month; months ascending. */
  monthly_active_merchants: Record<string, number>;
  /** product -> distinct merchants with any event; count descending, ties by product. */
  product_adoption: Record<string, number>;
  kyc_funnel: KycFunnel;
  /** Sorted by exact rate descending, ties by product. */
  failure_rates: FailureRate[];
}

/** What the data behind the metrics covers, for the coverage line and the window title. */
export interface Coverage {
  /** First and last valid event date (YYYY-MM-DD), null when there are no dated events. */
  first_date: string | null;
  last_date: string | null;
  files: number;
  events: number;
  /** Rows rejected across the imports whose files are still in the database. */
  rejected_rows: number;
}

export interface MetricsResponse {
  metrics: Metrics;
  coverage: Coverage;
}
