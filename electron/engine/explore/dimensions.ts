// Facet counts for the filter bar: for each dimension, every value with its events and distinct
// merchants under the filters on the other dimensions (and the dates and merchants), in one pass: an
// event that fails no dimension counts for all four, one that fails exactly one counts for that one.
import { FILTER_DIMENSIONS, dayString, type FilterDimension, type MetricFilter } from '../../../shared/filter.js';
import { PRODUCTS } from '../../../shared/metrics.js';
import type { DimensionValue, DimensionsResponse } from '../../../shared/exploring.js';
import { CODE_COUNT, CODE_PRODUCT } from './codes.js';
import type { EventIndex } from './event-index.js';
import { compileSelection, forEachSlice } from './selection.js';

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
  const okP = only('product').codeOk;
  const base = compileSelection(index.labels, { from: filter.from, to: filter.to, merchant: filter.merchant });
  const M = index.merchantCount;
  const offsets = { region: 0, channel: values.region.length, tier: values.region.length + values.channel.length, product: 0 };
  offsets.product = offsets.tier + values.tier.length;
  const V = offsets.product + PRODUCTS.length;
  const events = new Float64Array(V);
  const merchants = new Float64Array(V);
  const seen = new Uint8Array(V * M);
  const count = (v: number, m: number) => {
    events[v]++;
    const k = v * M + m;
    if (seen[k] === 0) {
      seen[k] = 1;
      merchants[v]++;
    }
  };
  const productSlot = new Uint16Array(CODE_COUNT);
  for (let c = 0; c < CODE_COUNT; c++) productSlot[c] = offsets.product + CODE_PRODUCT[c];
  const mOk = base.merchantOk;
  forEachSlice(index, base, ({ seg, lo, hi }) => {
    for (let i = lo; i < hi; i++) {
      const m = seg.merchant[i];
      if (mOk !== null && mOk[m] === 0) continue;
      const p = seg.packed[i];
      const c = p & 127;
      const a = p >>> 7;
      const r = okR[a];
      const ch = okC[a];
      const t = okT[a];
      const pr = okP[c];
      const fails = 4 - r - ch - t - pr;
      if (fails > 1) continue;
      if (fails === 0 || r === 0) count(offsets.region + regionOf[a], m);
      if (fails === 0 || ch === 0) count(offsets.channel + channelOf[a], m);
      if (fails === 0 || t === 0) count(offsets.tier + tierOf[a], m);
      if (fails === 0 || pr === 0) count(productSlot[c], m);
    }
  });
  const out = {} as Record<FilterDimension, DimensionValue[]>;
  for (const dim of FILTER_DIMENSIONS) {
    const list = values[dim].map((value, i) => ({ value, events: events[offsets[dim] + i], merchants: merchants[offsets[dim] + i] }));
    list.sort((a, b) => b.events - a.events || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out[dim] = list.filter((v) => v.value !== '');
  }
  const d = index.days;
  return { dimensions: out, first_date: d.length ? dayString(d[0]) : null, last_date: d.length ? dayString(d[d.length - 1]) : null };
}
