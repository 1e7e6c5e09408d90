// Result shapes of the five metrics. The key names are the public contract of the CLI and the API:
// keys may be added, never renamed.
import type { MetricFilter } from './filter.js';

export const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'] as const;
export type Product = (typeof PRODUCTS)[number];

export const STATUSES = ['SUCCESS', 'FAILED', 'PENDING'] as const;
export type Status = (typeof STATUSES)[number];

/** The KYC funnel's steps in funnel order, and the event type (of a SUCCESS event of product KYC) each counts. */
export const KYC_STEP_NAMES = ['documents_submitted', 'verifications_completed', 'tier_upgrades'] as const;
export type KycStepName = (typeof KYC_STEP_NAMES)[number];
export const KYC_EVENT_TYPES: Record<KycStepName, string> = {
  documents_submitted: 'DOCUMENT_SUBMITTED',
  verifications_completed: 'VERIFICATION_COMPLETED',
  tier_upgrades: 'TIER_UPGRADE',
};

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
  /** Rows rejected across the imports whose files are still in the database (under a filter: of the files in the selection). */
  rejected_rows: number;
  /** Events in the selection kept with a warning (invalid timestamp or amount). */
  warnings?: number;
  /** Events without a valid timestamp that pass the other filters (left out when a date range is set). */
  undated_events?: number;
  /** Days inside the range (the filter's dates, else first to last date) with no stored event at all, YYYY-MM-DD. */
  days_without_data?: string[];
}

export interface MetricsResponse {
  metrics: Metrics;
  coverage: Coverage;
  /** The filter as understood (normalised), when one was given. */
  filter?: MetricFilter;
  /** The comparison period, when one was asked for: the same filter over other dates. */
  compare?: { from: string; to: string; metrics: Metrics; coverage: Coverage };
}
