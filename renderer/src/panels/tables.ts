// Each metric as the table the analyst sees: the panels, the report and the tests all read these, so
// a number is formatted one way everywhere.
import type { MetricName } from '../../../shared/api';
import type { Metrics } from '../../../shared/metrics';
import { formatCount, formatMonth, formatNaira, formatPercent, formatRatio } from '../../../shared/format';

export interface Column {
  label: string;
  numeric: boolean;
}

export interface TableModel {
  columns: Column[];
  /** Cells as displayed. */
  rows: string[][];
}

export interface ChartModel {
  labels: string[];
  values: number[];
}

const col = (label: string, numeric = false): Column => ({ label, numeric });

export function topMerchantsTable(m: Metrics): TableModel {
  return {
    columns: [col('Rank', true), col('Merchant'), col('Successful volume', true)],
    rows: m.top_merchants.map((r, i) => [String(i + 1), r.merchant_id, formatNaira(r.total_volume)]),
  };
}

export function monthlyActiveTable(m: Metrics): TableModel {
  return {
    columns: [col('Month'), col('Active merchants', true)],
    rows: Object.entries(m.monthly_active_merchants).map(([month, n]) => [formatMonth(month), formatCount(n)]),
  };
}

export function productAdoptionTable(m: Metrics): TableModel {
  return {
    columns: [col('Product'), col('Merchants', true)],
    rows: Object.entries(m.product_adoption).map(([p, n]) => [p, formatCount(n)]),
  };
}

export interface FunnelStep {
  label: string;
  value: number;
  /** Conversion from the step before, formatted; null for the first step. */
  conversion: string | null;
}

export function kycSteps(m: Metrics): FunnelStep[] {
  const k = m.kyc_funnel;
  return [
    { label: 'Documents submitted', value: k.documents_submitted, conversion: null },
    { label: 'Verifications completed', value: k.verifications_completed, conversion: formatRatio(k.verifications_completed, k.documents_submitted) },
    { label: 'Tier upgrades', value: k.tier_upgrades, conversion: formatRatio(k.tier_upgrades, k.verifications_completed) },
  ];
}

export function kycTable(m: Metrics): TableModel {
  return {
    columns: [col('Step'), col('Merchants', true), col('Conversion', true)],
    rows: kycSteps(m).map((s) => [s.label, formatCount(s.value), s.conversion ?? '—']),
  };
}

export function failureRatesTable(m: Metrics): TableModel {
  return {
    columns: [col('Product'), col('Failure rate', true)],
    rows: m.failure_rates.map((r) => [r.product, formatPercent(r.failure_rate)]),
  };
}

export function tableFor(name: MetricName, m: Metrics): TableModel {
  switch (name) {
    case 'top_merchants':
      return topMerchantsTable(m);
    case 'monthly_active_merchants':
      return monthlyActiveTable(m);
    case 'product_adoption':
      return productAdoptionTable(m);
    case 'kyc_funnel':
      return kycTable(m);
    case 'failure_rates':
      return failureRatesTable(m);
  }
}

/** Whether a metric has anything to show. */
export function hasData(name: MetricName, m: Metrics): boolean {
  switch (name) {
    case 'top_merchants':
      return m.top_merchants.length > 0;
    case 'monthly_active_merchants':
      return Object.keys(m.monthly_active_merchants).length > 0;
    case 'product_adoption':
      return Object.keys(m.product_adoption).length > 0;
    case 'kyc_funnel':
      return m.kyc_funnel.documents_submitted + m.kyc_funnel.verifications_completed + m.kyc_funnel.tier_upgrades > 0;
    case 'failure_rates':
      return m.failure_rates.length > 0;
  }
}

export const EMPTY_TEXT: Record<MetricName, string> = {
  top_merchants: 'No successful events with an amount yet.',
  monthly_active_merchants: 'No successful events with a valid date yet.',
  product_adoption: 'No events yet.',
  kyc_funnel: 'No successful KYC events yet.',
  failure_rates: 'No successful or failed events yet.',
};
