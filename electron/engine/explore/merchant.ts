// One merchant's story under a filter, and its rank among all merchants the filter selects, in one pass:
// every selected event adds to its merchant's volume (for the rank), and this merchant's events also
// fill the profile.
import { dayString, type MetricFilter } from '../../../shared/filter.js';
import { KYC_STEP_NAMES, PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import type { AttributeSpan, MerchantResponse } from '../../../shared/exploring.js';
import { ratioPercent } from '../../../shared/format.js';
import { CODE_FAILED, CODE_KYC, CODE_PRODUCT, CODE_STATUS, CODE_SUCCESS } from './codes.js';
import { AMOUNT_BIG, type EventIndex } from './event-index.js';
import { compileSelection, forEachSlice } from './selection.js';
import { byVolume } from '../metrics/top-merchants.js';

interface Span {
  events: number;
  first: number | null;
  last: number | null;
}

const span = (): Span => ({ events: 0, first: null, last: null });

function see(s: Span, day: number | null): void {
  s.events++;
  if (day === null) return;
  if (s.first === null || day < s.first) s.first = day;
  if (s.last === null || day > s.last) s.last = day;
}

const date = (d: number | null) => (d === null ? null : dayString(d));

function spans(map: Map<string, Span>): AttributeSpan[] {
  return [...map.entries()]
    .map(([value, s]) => ({ value, events: s.events, first_date: date(s.first), last_date: date(s.last) }))
    .sort((a, b) => (a.first_date ?? '9') < (b.first_date ?? '9') ? -1 : (a.first_date ?? '9') > (b.first_date ?? '9') ? 1 : b.events - a.events);
}

export function merchantProfile(index: EventIndex, merchantId: string, filter: MetricFilter): MerchantResponse {
  const l = index.labels;
  const me = l.merchants.indexOf(merchantId);
  const sel = compileSelection(index.labels, filter);
  const M = index.merchantCount;
  const vol = new Float64Array(M);
  const has = new Uint8Array(M);
  const all = span();
  const byStatus = [0, 0, 0];
  const regions = new Map<string, Span>();
  const tiers = new Map<string, Span>();
  const channels = new Map<string, Span>();
  const products = PRODUCTS.map(() => ({ ...span(), kobo: 0, failed: 0, succeeded: 0 }));
  const kyc = KYC_STEP_NAMES.map(() => span());
  const months = new Map<string, { kobo: number; events: number }>();
  let undated = 0;
  const { codeOk, attrOk, merchantOk } = sel;
  const bump = (map: Map<string, Span>, key: string, day: number | null) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = span()));
    see(s, day);
  };
  forEachSlice(index, sel, ({ seg, lo, hi }, day) => {
    for (let i = lo; i < hi; i++) {
      const p = seg.packed[i];
      const c = p & 127;
      if (codeOk[c] === 0 || attrOk[p >>> 7] === 0) continue;
      const m = seg.merchant[i];
      if (merchantOk !== null && merchantOk[m] === 0) continue;
      const a = seg.amount[i];
      const kobo = a >= 0 ? a : a === AMOUNT_BIG ? seg.big!.get(i)! : NaN;
      const success = CODE_SUCCESS[c] === 1;
      if (success && kobo === kobo) {
        vol[m] += kobo;
        has[m] = 1;
      }
      if (m !== me) continue;
      see(all, day);
      byStatus[CODE_STATUS[c]]++;
      const at = p >>> 7;
      // Upper-cased, as filters compare and the facets list them: DELTA and Delta are one region, not a change.
      bump(regions, l.attrRegion[at].toUpperCase(), day);
      bump(tiers, l.attrTier[at].toUpperCase(), day);
      bump(channels, l.attrChannel[at].toUpperCase(), day);
      const prod = products[CODE_PRODUCT[c]];
      see(prod, day);
      if (CODE_FAILED[c]) prod.failed++;
      if (success) {
        prod.succeeded++;
        if (kobo === kobo) prod.kobo += kobo;
        if (CODE_KYC[c] >= 0) see(kyc[CODE_KYC[c]], day);
      }
      if (day === null) undated++;
      else {
        const month = dayString(day).slice(0, 7);
        let mo = months.get(month);
        if (!mo) months.set(month, (mo = { kobo: 0, events: 0 }));
        mo.events++;
        if (success && kobo === kobo) mo.kobo += kobo;
      }
    }
  });
  let rank: number | null = null;
  let ranked = 0;
  for (let m = 0; m < M; m++) if (has[m]) ranked++;
  if (me >= 0 && has[me]) {
    const mine = { merchant_id: merchantId, kobo: vol[me] };
    rank = 1;
    for (let m = 0; m < M; m++) if (has[m] && m !== me && byVolume({ merchant_id: l.merchants[m], kobo: vol[m] }, mine) < 0) rank++;
  }
  return {
    merchant_id: merchantId,
    known: me >= 0,
    volume: me >= 0 ? vol[me] / 100 : 0,
    rank,
    ranked_merchants: ranked,
    events: all.events,
    events_by_status: { SUCCESS: byStatus[STATUSES.indexOf('SUCCESS')], FAILED: byStatus[STATUSES.indexOf('FAILED')], PENDING: byStatus[STATUSES.indexOf('PENDING')] },
    first_date: date(all.first),
    last_date: date(all.last),
    regions: spans(regions),
    tiers: spans(tiers),
    channels: spans(channels),
    products: products
      .map((p, i) => ({ product: PRODUCTS[i] as string, events: p.events, volume: p.kobo / 100, failure_rate: ratioPercent(p.failed, p.failed + p.succeeded), first_date: date(p.first), last_date: date(p.last) }))
      .filter((p) => p.events > 0)
      .sort((a, b) => b.volume - a.volume || b.events - a.events || (a.product < b.product ? -1 : 1)),
    kyc_steps: KYC_STEP_NAMES.map((step, i) => ({ step, first_date: date(kyc[i].first), last_date: date(kyc[i].last), events: kyc[i].events })).filter((k) => k.events > 0),
    months: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, volume: v.kobo / 100, events: v.events })),
    undated_events: undated,
  };
}
