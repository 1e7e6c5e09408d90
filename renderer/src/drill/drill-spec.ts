// What a drill asks for: the getEvents requests behind one number, exactly as README's drill table
// gives them, and which count of the answer must equal the number clicked. Pure, so the dashboard,
// the tests and the e2e suite build the same request from the same click.
import type { EventsRequest } from '../../../shared/exploring';
import type { MetricFilter } from '../../../shared/filter';
import type { KycStepName } from '../../../shared/metrics';
import { formatCount, formatMonth, formatNaira, formatPercent } from '../../../shared/format';

/** The request without its page and order, which the drawer sets. */
export type DrillRequest = Omit<EventsRequest, 'sort' | 'offset' | 'limit'>;

/** Which of getEvents' totals is the clicked number. */
export type DrillMeasure = 'amount' | 'merchants' | 'total';

export interface DrillVariant {
  /** Short name of this list, e.g. "Failed events". */
  label: string;
  request: DrillRequest;
  /** The number this list's answer must equal (null where the dashboard shows no such number). */
  expected: number | null;
  measure: DrillMeasure;
}

export interface DrillSpec {
  /** The panel the number is from, e.g. "Top merchants". */
  metric: string;
  /** The value clicked and its number, e.g. "MRC-1: ₦1,234.00". */
  clicked: string;
  /** One list, or (failure rate, funnel step) alternatives the drawer switches between; the first is shown first. */
  variants: DrillVariant[];
  /** A name for export files, e.g. "top_merchant_MRC-1". */
  slug: string;
  /** A failure rate's clicked value, which the first two lists' totals give. */
  rate?: number;
}

const only = (filter: MetricFilter): { filter?: MetricFilter } => (Object.keys(filter).length ? { filter } : {});
const safeSlug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_');

/** The filter with one product only (F + product [P]); the product's exclusions cannot hold P, so they stay. */
export function withProduct(filter: MetricFilter, product: string): MetricFilter {
  return { ...filter, product: [product] };
}

/** F ∩ [first, last day of the month]: the later start and the earlier end. */
export function withinMonth(filter: MetricFilter, month: string, monthEnd: string): MetricFilter {
  const first = `${month}-01`;
  const from = filter.from && filter.from > first ? filter.from : first;
  const to = filter.to && filter.to < monthEnd ? filter.to : monthEnd;
  return { ...filter, from, to };
}

export function topMerchantDrill(filter: MetricFilter, merchant: string, volume: number): DrillSpec {
  return {
    metric: 'Top merchants',
    clicked: `${merchant}: ${formatNaira(volume)} successful volume`,
    slug: `top_merchant_${safeSlug(merchant)}`,
    variants: [{ label: 'Successful events with an amount', request: { ...only(filter), merchant, status: ['SUCCESS'], with_amount: true }, expected: volume, measure: 'amount' }],
  };
}

export function monthDrill(filter: MetricFilter, month: string, monthEnd: string, merchants: number): DrillSpec {
  return {
    metric: 'Monthly active merchants',
    clicked: `${formatMonth(month)}: ${formatCount(merchants)} active merchants`,
    slug: `active_merchants_${month}`,
    variants: [{ label: 'Successful events that month', request: { filter: withinMonth(filter, month, monthEnd), status: ['SUCCESS'] }, expected: merchants, measure: 'merchants' }],
  };
}

export function adoptionDrill(filter: MetricFilter, product: string, merchants: number): DrillSpec {
  return {
    metric: 'Product adoption',
    clicked: `${product}: ${formatCount(merchants)} merchants`,
    slug: `product_adoption_${safeSlug(product)}`,
    variants: [{ label: `Every ${product} event`, request: { filter: withProduct(filter, product) }, expected: merchants, measure: 'merchants' }],
  };
}

export const KYC_STEP_LABELS: Record<KycStepName, string> = {
  documents_submitted: 'Documents submitted',
  verifications_completed: 'Verifications completed',
  tier_upgrades: 'Tier upgrades',
};

/**
 * A funnel step: the events that count it (their merchants are the step's number) and, for every step
 * but the last, the merchants who reached it and not the next one (the drop-off). The drop-off is not
 * the difference of two steps (a merchant can reach the next step without this one in the range), so
 * the dashboard has no number for it to equal.
 */
export function kycDrill(filter: MetricFilter, step: KycStepName, merchants: number, last: boolean): DrillSpec {
  const variants: DrillVariant[] = [{ label: 'Reached this step', request: { ...only(filter), kyc_step: step }, expected: merchants, measure: 'merchants' }];
  if (!last) variants.push({ label: 'Reached it, not the next step', request: { ...only(filter), kyc_step: step, kyc_not_next: true }, expected: null, measure: 'merchants' });
  return { metric: 'KYC funnel', clicked: `${KYC_STEP_LABELS[step]}: ${formatCount(merchants)} merchants`, slug: `kyc_${step}`, variants };
}

/**
 * A failure rate is failed ÷ (failed + succeeded), so it has two lists behind it. The rate's counts are
 * not in getMetrics' answer, so neither list has an expected count; the drawer shows both totals and
 * the rate they give, which is the clicked rate.
 */
export function failureDrill(filter: MetricFilter, product: string, rate: number): DrillSpec {
  const f = withProduct(filter, product);
  return {
    metric: 'Failure rates',
    clicked: `${product}: ${formatPercent(rate)} failure rate`,
    slug: `failures_${safeSlug(product)}`,
    rate,
    variants: [
      { label: 'Failed events', request: { filter: f, status: ['FAILED'] }, expected: null, measure: 'total' },
      { label: 'Successful events', request: { filter: f, status: ['SUCCESS'] }, expected: null, measure: 'total' },
    ],
  };
}

/** The request's own conditions beyond the filter, in words, for the drawer's header. */
export function requestConditions(r: DrillRequest): string[] {
  const out: string[] = [];
  if (r.merchant) out.push(`Merchant: ${r.merchant}`);
  if (r.status?.length) out.push(`Status: ${r.status.join(', ')}`);
  if (r.kyc_step) out.push(`KYC step: ${KYC_STEP_LABELS[r.kyc_step]} (successful KYC events of that type)`);
  if (r.kyc_not_next) out.push('Merchants who did not reach the next step');
  if (r.with_amount) out.push('With a valid amount');
  return out;
}
