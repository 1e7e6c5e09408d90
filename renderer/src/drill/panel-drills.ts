// Which drill each panel's rows, headline and funnel steps open, by the row's position in the panel's
// table (tables.ts builds the rows in the same order as these read the metrics).
import type { MetricName } from '../../../shared/api';
import type { MetricFilter } from '../../../shared/filter';
import { KYC_STEP_NAMES, type Metrics } from '../../../shared/metrics';
import { monthEnd } from '../view/month-end';
import { adoptionDrill, failureDrill, kycDrill, monthDrill, topMerchantDrill, type DrillSpec } from './drill-spec';

export function kycStepDrill(filter: MetricFilter, m: Metrics, i: number): DrillSpec {
  const step = KYC_STEP_NAMES[i];
  return kycDrill(filter, step, m.kyc_funnel[step], i === KYC_STEP_NAMES.length - 1);
}

/** The drill behind row i of a metric's table; null where the row has no events behind it. */
export function rowDrill(name: MetricName, m: Metrics, i: number, filter: MetricFilter): DrillSpec | null {
  switch (name) {
    case 'top_merchants': {
      const r = m.top_merchants[i];
      return r ? topMerchantDrill(filter, r.merchant_id, r.total_volume) : null;
    }
    case 'monthly_active_merchants': {
      const e = Object.entries(m.monthly_active_merchants)[i];
      return e ? monthDrill(filter, e[0], monthEnd(e[0]), e[1]) : null;
    }
    case 'product_adoption': {
      const e = Object.entries(m.product_adoption)[i];
      return e ? adoptionDrill(filter, e[0], e[1]) : null;
    }
    case 'kyc_funnel':
      return i < KYC_STEP_NAMES.length ? kycStepDrill(filter, m, i) : null;
    case 'failure_rates': {
      const r = m.failure_rates[i];
      return r ? failureDrill(filter, r.product, r.failure_rate) : null;
    }
  }
}
