// The five metrics from their totals, in the order of the result shape.
import type { Metrics } from '../../../shared/metrics.js';
import type { MetricTotals } from './totals.js';
import { topMerchants } from './top-merchants.js';
import { monthlyActive } from './monthly-active.js';
import { productAdoption } from './product-adoption.js';
import { kycFunnel } from './kyc-funnel.js';
import { failureRates } from './failure-rates.js';

export function finalizeMetrics(t: MetricTotals): Metrics {
  const top_merchants = topMerchants(t);
  return {
    top_merchant: top_merchants[0] ?? null,
    top_merchants,
    monthly_active_merchants: monthlyActive(t),
    product_adoption: productAdoption(t),
    kyc_funnel: kycFunnel(t),
    failure_rates: failureRates(t),
  };
}
