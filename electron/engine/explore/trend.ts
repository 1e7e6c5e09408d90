// Volume, events, active merchants and failure rate per day, ISO week or month over the selection's
// dates (events without a valid timestamp belong to no bucket). Active merchants are distinct within
// each bucket. Whole months read their rollup's per-day totals and per-merchant success days; the days
// at the range's ends (and any merchant filter) are scanned event by event.
import { comparisonRange, dayNumber, dayString, type CompareSpec, type MetricFilter } from '../../../shared/filter.js';
import type { TrendBucket, TrendGrain, TrendResponse } from '../../../shared/exploring.js';
import { AppError } from '../../../shared/api.js';
import { ratioPercent } from '../../../shared/format.js';
import { CODE_FAILED, CODE_SUCCESS } from './codes.js';
import { AMOUNT_BIG, type EventIndex } from './event-index.js';
import { compileSelection, type Selection } from './selection.js';
import { walkMonths } from './month-walk.js';
import { codesByProductOnly } from './month-rollups.js';

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

interface BucketTotals {
  kobo: number;
  events: number;
  active: number;
  failed: number;
  succeeded: number;
}

/** Per-merchant stamps, kept between queries: the last bucket each merchant was counted active in. */
let stamps = new Int32Array(0);
/** Per-merchant success days of the month being read from a rollup, and which merchants have any. */
let monthDays = new Uint32Array(0);

function scanTrend(index: EventIndex, sel: Selection, grain: TrendGrain, from: number, to: number): TrendBucket[] {
  const M = index.merchantCount;
  const buckets: TrendBucket[] = [];
  const totals: BucketTotals[] = [];
  // Bucket of each day of the range.
  const bucketAt = new Int32Array(to - from + 1);
  // Every bucket of the range, with data or not, so a chart's axis has no gaps.
  for (let start = bucketOf(from, grain).start; start <= to; start = nextBucketStart(start, grain)) {
    const key = bucketOf(start, grain).key;
    const end = nextBucketStart(start, grain) - 1;
    for (let d = Math.max(start, from); d <= Math.min(end, to); d++) bucketAt[d - from] = totals.length;
    totals.push({ kobo: 0, events: 0, active: 0, failed: 0, succeeded: 0 });
    buckets.push({ bucket: key, from: dayString(Math.max(start, from)), to: dayString(Math.min(end, to)), volume: 0, events: 0, active_merchants: 0, failure_rate: null, failed: 0, succeeded: 0 });
  }
  const { codeOk, attrOk, merchantOk } = sel;
  // Active merchants: a merchant counts once per bucket, the first time a SUCCESS event of it is seen
  // there. Days are visited in order for every merchant, so a stamp of its last bucket is enough.
  if (stamps.length < M) {
    stamps = new Int32Array(M);
    monthDays = new Uint32Array(M);
  }
  stamps.fill(-1, 0, M);
  const productOk = codesByProductOnly(codeOk);
  walkMonths(index, sel, productOk !== null && merchantOk === null ? 'any month' : 'none', {
    slice({ seg, lo, hi }, day) {
      const b = bucketAt[day - from];
      const t = totals[b];
      const packed = seg.packed;
      const merchant = seg.merchant;
      const amount = seg.amount;
      let events = 0;
      let failed = 0;
      let succeeded = 0;
      let kobo = 0;
      let active = 0;
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
        if (stamps[m] !== b) {
          stamps[m] = b;
          active++;
        }
        const a = amount[i];
        if (a >= 0) kobo += a;
        else if (a === AMOUNT_BIG) kobo += seg.big!.get(i)!;
      }
      t.events += events;
      t.failed += failed;
      t.succeeded += succeeded;
      t.kobo += kobo;
      t.active += active;
    },
    rollup(r, inRange) {
      const dt = r.days;
      for (let k = 0; k < dt.rows; k++) {
        if (((inRange >>> dt.day[k]) & 1) === 0) continue;
        const ap = dt.attrProduct[k];
        if ((productOk![ap & 7] & attrOk[ap >>> 3]) === 0) continue;
        const t = totals[bucketAt[r.monthStart + dt.day[k] - from]];
        t.events += dt.events[k];
        t.failed += dt.failed[k];
        t.succeeded += dt.succeeded[k];
        t.kobo += dt.kobo[k];
      }
      // A merchant's success days over its selected rows, then its buckets in day order.
      const touched: number[] = [];
      for (let k = 0; k < r.rows; k++) {
        const mask = r.successDays[k] & inRange;
        if (mask === 0) continue;
        const ap = r.attrProduct[k];
        if ((productOk![ap & 7] & attrOk[ap >>> 3]) === 0) continue;
        const m = r.merchant[k];
        if (monthDays[m] === 0) touched.push(m);
        monthDays[m] |= mask;
      }
      // By week or month, a merchant is tested once per bucket the month's days in range fall in (each
      // with its days' bits); by day, where each day is its bucket, once per day it had a success.
      const base = r.monthStart - from;
      const bucketIds: number[] = [];
      const bucketDays: number[] = [];
      if (grain !== 'day') {
        for (let d = 0; d < 31; d++) {
          if (((inRange >>> d) & 1) === 0) continue;
          const b = bucketAt[base + d];
          if (bucketIds[bucketIds.length - 1] !== b) {
            bucketIds.push(b);
            bucketDays.push(0);
          }
          bucketDays[bucketDays.length - 1] |= 1 << d;
        }
      }
      for (const m of touched) {
        let mask = monthDays[m];
        monthDays[m] = 0;
        if (grain === 'day') {
          while (mask !== 0) {
            const low = mask & -mask;
            mask ^= low;
            const b = bucketAt[base + 31 - Math.clz32(low)];
            if (stamps[m] !== b) {
              stamps[m] = b;
              totals[b].active++;
            }
          }
          continue;
        }
        for (let j = 0; j < bucketIds.length; j++) {
          if ((mask & bucketDays[j]) === 0) continue;
          const b = bucketIds[j];
          if (stamps[m] !== b) {
            stamps[m] = b;
            totals[b].active++;
          }
        }
      }
    },
  });
  for (let i = 0; i < buckets.length; i++) {
    const a = totals[i];
    Object.assign(buckets[i], { volume: a.kobo / 100, events: a.events, active_merchants: a.active, failed: a.failed, succeeded: a.succeeded, failure_rate: ratioPercent(a.failed, a.failed + a.succeeded) });
  }
  return buckets;
}

export function trend(index: EventIndex, filter: MetricFilter, grain: TrendGrain, compare?: CompareSpec): TrendResponse {
  const days = index.days;
  const from = filter.from ? dayNumber(filter.from)! : days.length ? days[0] : null;
  const to = filter.to ? dayNumber(filter.to)! : days.length ? days[days.length - 1] : null;
  if (from === null || to === null) return { grain, from: null, to: null, buckets: [] };
  // An open range whose given end lies beyond the data (from after the last day, or to before the
  // first) holds no day: no buckets, as for no data, and an explicit comparison still answers.
  const empty = from > to;
  const longest = Math.max(empty ? 0 : to - from, compare && typeof compare === 'object' ? dayNumber(compare.to)! - dayNumber(compare.from)! : 0);
  if (longest / GRAIN_DAYS[grain] > MAX_BUCKETS) {
    throw new AppError({ code: 'bad_request', message: `A trend by ${grain} over these dates would have more than ${MAX_BUCKETS.toLocaleString('en-US')} points; choose a coarser grain or fewer dates.` });
  }
  const out: TrendResponse = empty
    ? { grain, from: null, to: null, buckets: [] }
    : { grain, from: dayString(from), to: dayString(to), buckets: scanTrend(index, compileSelection(index.labels, filter), grain, from, to) };
  if (compare) {
    const range = comparisonRange(filter, compare);
    const sel = compileSelection(index.labels, filter, { range });
    out.compare = { ...range, buckets: scanTrend(index, sel, grain, dayNumber(range.from)!, dayNumber(range.to)!) };
  }
  return out;
}
