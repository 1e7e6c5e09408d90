// KYC funnel: distinct merchants with a SUCCESS event of product KYC of each step's event type.
import { KYC_STEP_NAMES, type KycFunnel } from '../../../shared/metrics.js';
import { ratioPercent } from '../../../shared/format.js';
import type { MetricTotals } from './totals.js';
import type { MetricColumns } from './columns.js';
import { previousKycSteps } from '../../../shared/compare-pairs.js';

export function kycFunnel(t: MetricTotals): KycFunnel {
  const out = { documents_submitted: 0, verifications_completed: 0, tier_upgrades: 0 };
  KYC_STEP_NAMES.forEach((s, i) => (out[s] = t.kyc[i] ?? 0));
  return out;
}

export const kycFunnelColumns: MetricColumns = {
  fields: ['step', 'merchants', 'conversion_percent'],
  kinds: ['text', 'count', 'rate'],
  rows: ({ kyc_funnel: k }) => [
    ['documents_submitted', k.documents_submitted, null],
    ['verifications_completed', k.verifications_completed, ratioPercent(k.verifications_completed, k.documents_submitted)],
    ['tier_upgrades', k.tier_upgrades, ratioPercent(k.tier_upgrades, k.verifications_completed)],
  ],
  compare: { column: 1, previous: (_m, prev) => previousKycSteps(prev) },
};
