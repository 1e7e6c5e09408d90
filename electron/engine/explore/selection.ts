// A filter compiled against the index into lookup tables (one byte per code, attribute set and
// merchant), and the day slices it covers. Every scan (metrics, facets, trends, a merchant, events) asks
// this file which events are selected, so they cannot disagree about a filter's meaning.
import { dayNumber, type FilterDimension, type MetricFilter } from '../../../shared/filter.js';
import { PRODUCTS, STATUSES, type KycStepName, KYC_STEP_NAMES } from '../../../shared/metrics.js';
import { CODE_COUNT, CODE_PRODUCT, CODE_STATUS, CODE_STEP } from './codes.js';
import type { DaySlice, EventIndex, Labels } from './event-index.js';

export interface Selection {
  /** 1 where the code (product, status, step) is kept. */
  codeOk: Uint8Array;
  /** 1 where the attribute set (channel, region, tier) is kept. */
  attrOk: Uint8Array;
  /** 1 where the merchant is kept; null when every merchant is. */
  merchantOk: Uint8Array | null;
  /** Day numbers, inclusive; null when open. */
  fromDay: number | null;
  toDay: number | null;
  /** Events without a valid timestamp are kept only when no date is set. */
  undated: boolean;
  /** No code, attribute set or merchant is left out: only the dates restrict the selection. */
  keepsEveryEvent: boolean;
}

export interface SelectionExtras {
  statuses?: readonly string[];
  kycStep?: KycStepName;
  /** Leave one dimension's own include and exclude out (facet counts). */
  ignore?: FilterDimension;
  /** Another date range in place of the filter's (a comparison). */
  range?: { from: string; to: string };
}

function keeps(value: string, include: string[] | undefined, exclude: string[] | undefined): boolean {
  const v = value.toUpperCase();
  if (include && include.length && !include.includes(v)) return false;
  if (exclude && exclude.length && exclude.includes(v)) return false;
  return true;
}

/** Compiles a filter against the stored labels (the index's, or ones read for a streaming export). */
export function compileSelection(labels: Labels, filter: MetricFilter, extras: SelectionExtras = {}): Selection {
  const ex = filter.exclude ?? {};
  const dim = (d: FilterDimension) => (extras.ignore === d ? [undefined, undefined] : [filter[d], ex[d]]) as [string[] | undefined, string[] | undefined];
  const [pIn, pEx] = dim('product');
  const codeOk = new Uint8Array(CODE_COUNT);
  const stepWanted = extras.kycStep ? KYC_STEP_NAMES.indexOf(extras.kycStep) : -2;
  for (let c = 0; c < CODE_COUNT; c++) {
    const product = PRODUCTS[CODE_PRODUCT[c]];
    let ok = keeps(product, pIn, pEx);
    if (ok && extras.statuses) ok = extras.statuses.includes(STATUSES[CODE_STATUS[c]]);
    if (ok && stepWanted >= 0) ok = CODE_STEP[c] === stepWanted && STATUSES[CODE_STATUS[c]] === 'SUCCESS';
    codeOk[c] = ok ? 1 : 0;
  }
  const l = labels;
  const [rIn, rEx] = dim('region');
  const [cIn, cEx] = dim('channel');
  const [tIn, tEx] = dim('tier');
  const attrOk = new Uint8Array(l.attrChannel.length);
  for (let a = 0; a < attrOk.length; a++) {
    attrOk[a] = keeps(l.attrRegion[a], rIn, rEx) && keeps(l.attrChannel[a], cIn, cEx) && keeps(l.attrTier[a], tIn, tEx) ? 1 : 0;
  }
  let merchantOk: Uint8Array | null = null;
  if (filter.merchant && filter.merchant.length) {
    merchantOk = new Uint8Array(l.merchants.length);
    const wanted = new Set(filter.merchant);
    for (let m = 0; m < l.merchants.length; m++) if (wanted.has(l.merchants[m])) merchantOk[m] = 1;
  }
  const from = extras.range ? extras.range.from : filter.from;
  const to = extras.range ? extras.range.to : filter.to;
  const fromDay = from ? dayNumber(from) : null;
  const toDay = to ? dayNumber(to) : null;
  const keepsEveryEvent = merchantOk === null && codeOk.every((x) => x === 1) && attrOk.every((x) => x === 1);
  return { codeOk, attrOk, merchantOk, fromDay, toDay, undated: fromDay === null && toDay === null, keepsEveryEvent };
}

/** True when an event of this day (null: no valid timestamp) is inside the selection's dates. */
export function inDates(sel: Selection, day: number | null): boolean {
  if (day === null) return sel.undated;
  return (sel.fromDay === null || day >= sel.fromDay) && (sel.toDay === null || day <= sel.toDay);
}

/** Positions in index.days of the days the selection covers: [first, end). */
export function dayRange(index: EventIndex, sel: Selection): [number, number] {
  const first = sel.fromDay === null ? 0 : index.dayPos(sel.fromDay);
  const end = sel.toDay === null ? index.days.length : index.dayPos(sel.toDay + 1);
  return [first, Math.max(first, end)];
}

/** Calls `each` for every slice the selection covers, in day order, then the undated ones (day = null). */
export function forEachSlice(index: EventIndex, sel: Selection, each: (slice: DaySlice, day: number | null) => void): void {
  const [first, end] = dayRange(index, sel);
  for (let p = first; p < end; p++) {
    const day = index.days[p];
    for (const s of index.slices[p]) each(s, day);
  }
  if (sel.undated) for (const s of index.undated) each(s, null);
}
