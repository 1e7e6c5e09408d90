// Facet counts for the filter bar: for each dimension, every value with its events and distinct
// merchants under the filters on the other dimensions (and the dates and merchants), in one pass: an
// event that fails no dimension counts for all four, one that fails exactly one counts for that one.
// Whole months read their rollup rows (one per merchant, attribute set and product) instead of events.
import { FILTER_DIMENSIONS, dayString, type FilterDimension, type MetricFilter } from '../../../shared/filter.js';
import { PRODUCTS } from '../../../shared/metrics.js';
import type { DimensionValue, DimensionsResponse } from '../../../shared/exploring.js';
import { CODE_COUNT, CODE_PRODUCT } from './codes.js';
import type { DaySlice, EventIndex } from './event-index.js';
import { compileSelection } from './selection.js';
import { walkMonths } from './month-walk.js';
import { codesByProductOnly } from './month-rollups.js';

/** A code's product, and 7 (counted for nothing) for numbers that are no code. */
const PRODUCT_SLOT = new Uint8Array(128).fill(7);
for (let c = 0; c < CODE_COUNT; c++) PRODUCT_SLOT[c] = CODE_PRODUCT[c];

export function dimensions(index: EventIndex, filter: MetricFilter): DimensionsResponse {
  const l = index.labels;
  // Value lists per dimension (upper-cased, as filters compare), and each attribute set's value index.
  const values: Record<FilterDimension, string[]> = { region: [], channel: [], tier: [], product: [...PRODUCTS] };
  const valueOf = (dim: FilterDimension, text: string) => {
    const v = text.toUpperCase();
    let i = values[dim].indexOf(v);
    if (i < 0) i = values[dim].push(v) - 1;
    return i;
  };
  const A = l.attrChannel.length;
  const regionOf = new Uint16Array(A);
  const channelOf = new Uint16Array(A);
  const tierOf = new Uint16Array(A);
  for (let a = 0; a < A; a++) {
    regionOf[a] = valueOf('region', l.attrRegion[a]);
    channelOf[a] = valueOf('channel', l.attrChannel[a]);
    tierOf[a] = valueOf('tier', l.attrTier[a]);
  }
  // What each dimension alone keeps: the selection with only that dimension's own lists.
  const only = (dim: FilterDimension) => {
    const f: MetricFilter = { [dim]: filter[dim] };
    if (filter.exclude?.[dim]) f.exclude = { [dim]: filter.exclude[dim] };
    return compileSelection(index.labels, f);
  };
  const okR = only('region').attrOk;
  const okC = only('channel').attrOk;
  const okT = only('tier').attrOk;
  const okP = codesByProductOnly(only('product').codeOk)!;
  const base = compileSelection(index.labels, { from: filter.from, to: filter.to, merchant: filter.merchant });
  const M = index.merchantCount;
  const offsets = { region: 0, channel: values.region.length, tier: values.region.length + values.channel.length, product: 0 };
  offsets.product = offsets.tier + values.tier.length;
  const V = offsets.product + PRODUCTS.length;
  // What an event counts for depends only on its attribute set and product: count (attrs * 8 + product)
  // pairs, as month rollups key their rows, and expand them afterwards. Distinct merchants: per
  // merchant, one bit per value it counts for (words of 32 values), ORed in per event or rollup row.
  const pairs = new Float64Array(A * 8);
  const words = Math.ceil(V / 32);
  const pairMask = new Uint32Array(A * 8 * words);
  const slotsOf = (a: number, product: number): number[] => {
    const r = okR[a], ch = okC[a], t = okT[a], pr = okP[product];
    const fails = 4 - r - ch - t - pr;
    if (fails > 1) return [];
    const out: number[] = [];
    if (fails === 0 || r === 0) out.push(offsets.region + regionOf[a]);
    if (fails === 0 || ch === 0) out.push(offsets.channel + channelOf[a]);
    if (fails === 0 || t === 0) out.push(offsets.tier + tierOf[a]);
    if (fails === 0 || pr === 0) out.push(offsets.product + product);
    return out;
  };
  const pairSlots: number[][] = new Array(A * 8);
  for (let a = 0; a < A; a++) {
    for (let product = 0; product < 8; product++) {
      const k = a * 8 + product;
      pairSlots[k] = product < PRODUCTS.length ? slotsOf(a, product) : [];
      for (const v of pairSlots[k]) pairMask[k * words + (v >>> 5)] |= 1 << (v & 31);
    }
  }
  const bits = new Uint32Array(M * words);
  const mOk = base.merchantOk;
  const addMerchant = (m: number, k: number) => {
    if (words === 1) bits[m] |= pairMask[k];
    else for (let w = 0; w < words; w++) bits[m * words + w] |= pairMask[k * words + w];
  };
  const slice = ({ seg, lo, hi }: DaySlice) => {
    const packed = seg.packed;
    const merchant = seg.merchant;
    for (let i = lo; i < hi; i++) {
      const m = merchant[i];
      if (mOk !== null && mOk[m] === 0) continue;
      const p = packed[i];
      const k = (p >>> 7) * 8 + PRODUCT_SLOT[p & 127];
      pairs[k]++;
      addMerchant(m, k);
    }
  };
  // Without a merchant filter, a month the range covers in part reads its rollup too: events from its
  // per-day totals, merchants from the rows with an event on a day in the range.
  walkMonths(index, base, mOk === null ? 'any month' : 'whole months', {
    slice,
    rollup(r, inRange, whole) {
      if (!whole) {
        const dt = r.days;
        for (let k = 0; k < dt.rows; k++) if ((inRange >>> dt.day[k]) & 1) pairs[dt.attrProduct[k]] += dt.events[k];
      }
      for (let k = 0; k < r.rows; k++) {
        const m = r.merchant[k];
        if (mOk !== null && mOk[m] === 0) continue;
        if (whole) pairs[r.attrProduct[k]] += r.succeeded[k] + r.failed[k] + r.pending[k];
        else if ((r.dayMask[k] & inRange) === 0) continue;
        addMerchant(m, r.attrProduct[k]);
      }
    },
  });
  if (base.undated) for (const s of index.undated) slice(s);
  const events = new Float64Array(V);
  for (let k = 0; k < pairs.length; k++) if (pairs[k] > 0) for (const v of pairSlots[k]) events[v] += pairs[k];
  const merchants = new Float64Array(V);
  for (let m = 0; m < M; m++) {
    for (let w = 0; w < words; w++) {
      let b = bits[m * words + w];
      while (b !== 0) {
        const low = b & -b;
        merchants[w * 32 + 31 - Math.clz32(low)]++;
        b ^= low;
      }
    }
  }
  const out = {} as Record<FilterDimension, DimensionValue[]>;
  for (const dim of FILTER_DIMENSIONS) {
    const list = values[dim].map((value, i) => ({ value, events: events[offsets[dim] + i], merchants: merchants[offsets[dim] + i] }));
    list.sort((a, b) => b.events - a.events || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out[dim] = list.filter((v) => v.value !== '');
  }
  const d = index.days;
  return { dimensions: out, first_date: d.length ? dayString(d[0]) : null, last_date: d.length ? dayString(d[d.length - 1]) : null };
}
