// Volume, events, active merchants and failure rate per day, ISO week or month over the selection's
// dates (events without a valid timestamp belong to no bucket). Active merchants are distinct within
// each bucket, marked per merchant and counted as each bucket ends (buckets come in date order).
import { comparisonRange, dayNumber, dayString, type CompareSpec, type MetricFilter } from '../../../shared/filter.js';
import type { TrendBucket, TrendGrain, TrendResponse } from '../../../shared/exploring.js';
import { AppError } from '../../../shared/api.js';
import { ratioPercent } from '../../../shared/format.js';
import { CODE_FAILED, CODE_SUCCESS } from './codes.js';
import { AMOUNT_BIG, type EventIndex } from './event-index.js';
import { compileSelection, forEachSlice, type Selection } from './selection.js';

const MAX_BUCKETS = 20_000;
const GRAIN_DAYS: Record<TrendGrain, number> = { day: 1, week: 7, month: 28 };

/** The bucket a day falls in: its key and first day. */
export function bucketOf(day: number, grain: TrendGrain): { key: string; start: number } {
  if (grain === 'day') return { key: dayString(day), start: day };
  if (grain === 'week') {
    // 1970-01-01 was a Thursday: Monday-based weekday is (day + 3) mod 7.
    const start = day - ((((day + 3) % 7) + 7) % 7);
    return { key: dayString(start), start };
  }
  const key = dayString(day).slice(0, 7);
  return { key, start: dayNumber(`${key}-01`)! };
}

function nextBucketStart(start: number, grain: TrendGrain): number {
  if (grain === 'day') return start + 1;
  if (grain === 'week') return start + 7;
  const s = dayString(start);
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  return Math.round(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) / 86_400_000);
}

function scanTrend(index: EventIndex, sel: Selection, grain: TrendGrain, from: number, to: number): TrendBucket[] {
  const M = index.merchantCount;
  const buckets: TrendBucket[] = [];
  const acc = new Map<string, { kobo: number; events: number; active: number; failed: number; succeeded: number }>();
  // Every bucket of the range, with data or not, so a chart's axis has no gaps.
  for (let start = bucketOf(from, grain).start; start <= to; start = nextBucketStart(start, grain)) {
    const key = bucketOf(start, grain).key;
    const end = nextBucketStart(start, grain) - 1;
    acc.set(key, { kobo: 0, events: 0, active: 0, failed: 0, succeeded: 0 });
    buckets.push({ bucket: key, from: dayString(Math.max(start, from)), to: dayString(Math.min(end, to)), volume: 0, events: 0, active_merchants: 0, failure_rate: null, failed: 0, succeeded: 0 });
  }
  const { codeOk, attrOk, merchantOk } = sel;
  // Active merchants: a byte per merchant set by each SUCCESS event, counted and cleared when the
  // bucket ends (cheaper per event than checking a stamp, while buckets come in date order).
  const active = new Uint8Array(M);
  const settle = (b: { active: number } | null) => {
    if (!b) return;
    let n = 0;
    for (let m = 0; m < M; m++) n += active[m];
    b.active += n;
    active.fill(0);
  };
  let lastKey = '';
  let cur: (typeof acc extends Map<string, infer V> ? V : never) | null = null;
  forEachSlice(index, { ...sel, undated: false }, ({ seg, lo, hi }, day) => {
    const key = bucketOf(day!, grain).key;
    if (key !== lastKey) {
      settle(cur);
      cur = acc.get(key)!;
      lastKey = key;
    }
    const packed = seg.packed;
    const merchant = seg.merchant;
    const amount = seg.amount;
    let events = 0;
    let failed = 0;
    let succeeded = 0;
    let kobo = 0;
    for (let i = lo; i < hi; i++) {
      const p = packed[i];
      const c = p & 127;
      if ((codeOk[c] & attrOk[p >>> 7]) === 0) continue;
      const m = merchant[i];
      if (merchantOk !== null && merchantOk[m] === 0) continue;
      events++;
      failed += CODE_FAILED[c];
      if (CODE_SUCCESS[c] === 0) continue;
      succeeded++;
      active[m] = 1;
      const a = amount[i];
      if (a >= 0) kobo += a;
      else if (a === AMOUNT_BIG) kobo += seg.big!.get(i)!;
    }
    const b = cur!;
    b.events += events;
    b.failed += failed;
    b.succeeded += succeeded;
    b.kobo += kobo;
  });
  settle(cur);
  for (const out of buckets) {
    const a = acc.get(out.bucket)!;
    Object.assign(out, { volume: a.kobo / 100, events: a.events, active_merchants: a.active, failed: a.failed, succeeded: a.succeeded, failure_rate: ratioPercent(a.failed, a.failed + a.succeeded) });
  }
  return buckets;
}

export function trend(index: EventIndex, filter: MetricFilter, grain: TrendGrain, compare?: CompareSpec): TrendResponse {
  const days = index.days;
  const from = filter.from ? dayNumber(filter.from)! : days.length ? days[0] : null;
  const to = filter.to ? dayNumber(filter.to)! : days.length ? days[days.length - 1] : null;
  if (from === null || to === null) return { grain, from: null, to: null, buckets: [] };
  const longest = Math.max(to - from, compare && typeof compare === 'object' ? dayNumber(compare.to)! - dayNumber(compare.from)! : 0);
  if (longest / GRAIN_DAYS[grain] > MAX_BUCKETS) {
    throw new AppError({ code: 'bad_request', message: `A trend by ${grain} over these dates would have more than ${MAX_BUCKETS.toLocaleString('en-US')} points; choose a coarser grain or fewer dates.` });
  }
  const out: TrendResponse = { grain, from: dayString(from), to: dayString(to), buckets: scanTrend(index, compileSelection(index.labels, filter), grain, from, to) };
  if (compare) {
    const range = comparisonRange(filter, compare);
    const sel = compileSelection(index.labels, filter, { range });
    out.compare = { ...range, buckets: scanTrend(index, sel, grain, dayNumber(range.from)!, dayNumber(range.to)!) };
  }
  return out;
}
