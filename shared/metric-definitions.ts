// The exact definition of each metric, in an analyst's words. The dashboard's info buttons, the PDF
// report and the README all show these texts, so they are written once, here.
import type { MetricName } from './api.js';

export interface MetricDefinition {
  /** Panel and report section title. */
  title: string;
  /** One sentence under the title. */
  summary: string;
  /** The exact definition, as the engine computes it. */
  definition: string;
}

export const METRIC_DEFINITIONS: Record<MetricName, MetricDefinition> = {
  top_merchants: {
    title: 'Top merchant',
    summary: 'Merchants with the highest successful volume.',
    definition:
      'The merchant with the highest total amount over SUCCESS events (rows without a valid amount are left out); ' +
      'ties go to the smaller merchant_id. Amounts are summed exactly to the kobo. The chart and table show the first 10 in the same order.',
  },
  monthly_active_merchants: {
    title: 'Monthly active merchants',
    summary: 'Distinct merchants with at least one successful event each month.',
    definition:
      'For each calendar month (YYYY-MM of the event timestamp as written, with no time-zone conversion), the number of distinct ' +
      'merchants with at least one SUCCESS event. Rows without a valid timestamp are left out. Months ascending.',
  },
  product_adoption: {
    title: 'Product adoption',
    summary: 'Distinct merchants that used each product.',
    definition:
      'For each product, the number of distinct merchants with any event for it, whatever its status (SUCCESS, FAILED or PENDING). ' +
      'Sorted by count descending, ties by product name.',
  },
  kyc_funnel: {
    title: 'KYC funnel',
    summary: 'Merchants reaching each step of know-your-customer checks.',
    definition:
      'The number of distinct merchants with a SUCCESS event of product KYC and event type DOCUMENT_SUBMITTED (documents submitted), ' +
      'VERIFICATION_COMPLETED (verifications completed) and TIER_UPGRADE (tier upgrades). Conversion is each step divided by the step before it.',
  },
  failure_rates: {
    title: 'Failure rates',
    summary: 'Share of finished events that failed, per product.',
    definition:
      'For each product, FAILED ÷ (SUCCESS + FAILED) × 100, rounded half-up to one decimal place. PENDING events are left out, and ' +
      'products with neither SUCCESS nor FAILED events are not shown. Sorted by the exact rate descending, ties by product.',
  },
};

/** The five metrics in the order the dashboard and the report show them. */
export const METRIC_ORDER: readonly MetricName[] = [
  'top_merchants',
  'monthly_active_merchants',
  'product_adoption',
  'kyc_funnel',
  'failure_rates',
];
