// Result shapes of the exploration requests: facet counts, trends, merchant search and profile, and the
// events behind a number. Like the metrics, key names are a public contract: add keys, never rename.
import type { CompareSpec, FilterDimension, MetricFilter } from './filter.js';
import type { KycStepName } from './metrics.js';

export interface DimensionValue {
  value: string;
  /** Events with this value under the other filters. */
  events: number;
  /** Distinct merchants with such an event. */
  merchants: number;
}

export interface DimensionsResponse {
  /** Per dimension, every stored value with its counts under the filters on the other dimensions; count descending, ties by value. */
  dimensions: Record<FilterDimension, DimensionValue[]>;
  /** First and last date with data in the whole database. */
  first_date: string | null;
  last_date: string | null;
}

export type TrendGrain = 'day' | 'week' | 'month';

export interface TrendBucket {
  /** YYYY-MM-DD for day and week (the Monday the ISO week starts on), YYYY-MM for month. */
  bucket: string;
  /** First and last date of the bucket inside the range asked for. */
  from: string;
  to: string;
  /** Sum of amounts over SUCCESS events, naira to the kobo. */
  volume: number;
  events: number;
  /** Distinct merchants with a SUCCESS event in the bucket. */
  active_merchants: number;
  /** FAILED / (SUCCESS + FAILED) × 100, 1 dp half-up; null when neither occurred. */
  failure_rate: number | null;
  failed: number;
  succeeded: number;
}

export interface TrendRequest {
  filter?: MetricFilter;
  grain: TrendGrain;
  compare?: CompareSpec;
}

export interface TrendResponse {
  grain: TrendGrain;
  /** The dates covered: the filter's, or the first and last date with data. */
  from: string | null;
  to: string | null;
  buckets: TrendBucket[];
  compare?: { from: string; to: string; buckets: TrendBucket[] };
}

export interface MerchantMatch {
  merchant_id: string;
  /** Successful volume over all data. */
  volume: number;
}

export interface SearchMerchantsResponse {
  merchants: MerchantMatch[];
}

export interface AttributeSpan {
  value: string;
  events: number;
  first_date: string | null;
  last_date: string | null;
}

export interface MerchantProduct {
  product: string;
  events: number;
  volume: number;
  failure_rate: number | null;
  first_date: string | null;
  last_date: string | null;
}

export interface MerchantResponse {
  merchant_id: string;
  /** False when no stored event has this merchant id. */
  known: boolean;
  /** Successful volume under the filter. */
  volume: number;
  /** Position among merchants with successful volume under the filter (same order as top_merchants); null without volume. */
  rank: number | null;
  /** How many merchants are ranked under the filter. */
  ranked_merchants: number;
  events: number;
  events_by_status: { SUCCESS: number; FAILED: number; PENDING: number };
  first_date: string | null;
  last_date: string | null;
  /** Regions, tiers and channels seen for this merchant, with when; more than one region or tier means it changed. */
  regions: AttributeSpan[];
  tiers: AttributeSpan[];
  channels: AttributeSpan[];
  products: MerchantProduct[];
  /** The KYC funnel steps this merchant reached (a SUCCESS KYC event of the step's type), with the first and last date. */
  kyc_steps: { step: KycStepName; first_date: string | null; last_date: string | null; events: number }[];
  /** Per month (YYYY-MM), successful volume and events; months ascending. */
  months: { month: string; volume: number; events: number }[];
  /** Events without a valid timestamp (counted above, in no month). */
  undated_events: number;
}

export type EventSort = 'time' | '-time' | 'amount' | '-amount' | 'merchant' | '-merchant';

export interface EventsRequest {
  filter?: MetricFilter;
  /** One merchant (added to the filter's merchant list). */
  merchant?: string;
  /** Keep these statuses only. */
  status?: ('SUCCESS' | 'FAILED' | 'PENDING')[];
  /** The events a KYC funnel step counts: SUCCESS events of product KYC with the step's event type. */
  kyc_step?: KycStepName;
  /** With kyc_step: only merchants who reached that step and not the next one. */
  kyc_not_next?: boolean;
  /** Only events with a valid amount (what top merchant and volume count). */
  with_amount?: boolean;
  /** time (default): by the stored time, ties in file order (file, then line), undated events last; amount; merchant (ties by date, then file order). A leading - reverses. */
  sort?: EventSort;
  offset?: number;
  limit?: number;
}

export interface EventRow {
  event_id: string;
  merchant_id: string;
  /** The timestamp as stored (ISO 8601, naive, to the millisecond); null when it was invalid. */
  event_timestamp: string | null;
  product: string;
  event_type: string;
  /** Naira to the kobo; null when the amount was invalid. */
  amount: number | null;
  status: string;
  channel: string;
  region: string;
  merchant_tier: string;
  source_file: string;
  /** Line in the source file (1 = header); null for events imported before lines were recorded. */
  source_line: number | null;
}

/** The columns of an exported event, in order (the drill's CSV and XLSX). */
export const EVENT_COLUMNS: (keyof EventRow)[] = [
  'event_id', 'merchant_id', 'event_timestamp', 'product', 'event_type', 'amount', 'status', 'channel', 'region', 'merchant_tier', 'source_file', 'source_line',
];

export interface EventsResponse {
  total: number;
  /** Distinct merchants among all matching events. */
  merchants: number;
  /** Sum of valid amounts over all matching events, naira. */
  amount: number;
  offset: number;
  limit: number;
  rows: EventRow[];
}
