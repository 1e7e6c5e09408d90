// KYC funnel: distinct merchants with a SUCCESS event of product KYC of each step's event type.
import { KYC_STEP_NAMES, type KycFunnel } from '../../../shared/metrics.js';
import { ratioPercent } from '../../../shared/format.js';
import type { MetricTotals } from './totals.js';

export function kycFunnel(t: MetricTotals): KycFunnel {
  const out = { documents_submitted: 0, verifications_completed: 0, tier_upgrades: 0 };
  KYC_STEP_NAMES.forEach((s, i) => (out[s] = t.kyc[i] ?? 0));
  return out;
}

export const kycFunnelCsv = {
  fields: ['step', 'merchants', 'conversion_percent'],
  rows: (k: KycFunnel) => {
    const pct = (part: number, whole: number) => ratioPercent(part, whole)?.toFixed(1) ?? '';
    return [
      ['documents_submitted', k.documents_submitted, ''],
      ['verifications_completed', k.verifications_completed, pct(k.verifications_completed, k.documents_submitted)],
      ['tier_upgrades', k.tier_upgrades, pct(k.tier_upgrades, k.verifications_completed)],
    ];
  },
};
