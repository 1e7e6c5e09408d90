// The metric totals and the coverage of one selection, in one pass over the days it covers. Distinct
// merchants are counted exactly with per-merchant stamps (the stamp says "already counted in this
// query, month or product"), so no set is built and nothing is added up across days.
import { dayString } from '../../../shared/filter.js';
import type { Coverage } from '../../../shared/metrics.js';
import { PRODUCT_COUNT, STATUS_COUNT, KYC_STEP_COUNT } from '../model/event-kind.js';
import { CODE_COUNT, CODE_KYC, CODE_PRODUCT, CODE_STATUS, CODE_SUCCESS } from './codes.js';
import { AMOUNT_BIG, AMOUNT_NULL, type EventIndex, type Segment } from './event-index.js';
import { dayRange, forEachSlice, type Selection } from './selection.js';
import { TOP_N, type MetricTotals } from '../metrics/totals.js';
import { byVolume } from '../metrics/top-merchants.js';

/** Per-merchant work arrays, kept between queries (stamps make clearing unnecessary). */
class Scratch {
  size = 0;
  stamp = 0;
  vol = new Float64Array(0);
  volStamp = new Int32Array(0);
  monthStamp = new Int32Array(0);
  adoptStamp = new Int32Array(0);
  kycStamp = new Int32Array(0);
  ensure(m: number): void {
    if (m <= this.size) return;
    this.size = Math.max(m, this.size * 2, 1024);
    this.vol = new Float64Array(this.size);
    this.volStamp = new Int32Array(this.size);
    this.monthStamp = new Int32Array(this.size);
    this.adoptStamp = new Int32Array(this.size * PRODUCT_COUNT);
    this.kycStamp = new Int32Array(this.size * KYC_STEP_COUNT);
    this.stamp = 0;
  }
  next(): number {
    if (this.stamp > 0x7ffffff0) {
      for (const a of [this.volStamp, this.monthStamp, this.adoptStamp, this.kycStamp]) a.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

const scratch = new Scratch();

export interface ScanResult {
  totals: MetricTotals;
  coverage: Coverage;
}

const monthOf = (day: number) => dayString(day).slice(0, 7);

export function scanMetrics(index: EventIndex, sel: Selection): ScanResult {
  const M = index.merchantCount;
  scratch.ensure(M + 1);
  const s = scratch;
  const q = s.next();
  const { vol, volStamp, monthStamp, adoptStamp, kycStamp } = s;
  const { codeOk, attrOk, merchantOk } = sel;
  const codeCounts = new Float64Array(CODE_COUNT);
  const adoption = new Array<number>(PRODUCT_COUNT).fill(0);
  const kyc = new Array<number>(KYC_STEP_COUNT).fill(0);
  const monthly = new Map<string, number>();
  const files = new Set<Segment>();
  let warnings = 0;
  let events = 0;
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  let month = '';
  let mStamp = 0;
  let monthN = 0;

  forEachSlice(index, sel, (slice, day) => {
    const { seg, lo, hi } = slice;
    if (day !== null) {
      const mo = monthOf(day);
      if (mo !== month) {
        if (month) monthly.set(month, monthN);
        month = mo;
        mStamp = s.next();
        monthN = 0;
      }
    }
    const dated = day !== null;
    const merchant = seg.merchant;
    const packed = seg.packed;
    const amount = seg.amount;
    let taken = 0;
    let nullAmounts = 0;
    for (let i = lo; i < hi; i++) {
      const p = packed[i];
      const c = p & 127;
      if (codeOk[c] === 0 || attrOk[p >>> 7] === 0) continue;
      const m = merchant[i];
      if (merchantOk !== null && merchantOk[m] === 0) continue;
      taken++;
      codeCounts[c]++;
      const ak = CODE_PRODUCT[c] * M + m;
      if (adoptStamp[ak] !== q) {
        adoptStamp[ak] = q;
        adoption[CODE_PRODUCT[c]]++;
      }
      const a = amount[i];
      if (a === AMOUNT_NULL) nullAmounts++;
      if (CODE_SUCCESS[c] === 0) continue;
      if (a >= 0 || a === AMOUNT_BIG) {
        const kobo = a >= 0 ? a : seg.big!.get(i)!;
        if (volStamp[m] !== q) {
          volStamp[m] = q;
          vol[m] = kobo;
        } else vol[m] += kobo;
      }
      if (dated && monthStamp[m] !== mStamp) {
        monthStamp[m] = mStamp;
        monthN++;
      }
      const k = CODE_KYC[c];
      if (k >= 0 && kycStamp[k * M + m] !== q) {
        kycStamp[k * M + m] = q;
        kyc[k]++;
      }
    }
    if (taken > 0) {
      files.add(seg);
      events += taken;
      warnings += dated ? nullAmounts : taken;
      if (dated) {
        if (firstDay === null) firstDay = day;
        lastDay = day;
      }
    }
  });
  if (month) monthly.set(month, monthN);

  // Undated events were counted as warnings whole; those with a bad amount too carry two warnings,
  // but the coverage counts rows kept with a warning, so each once.
  const status = new Array<number>(PRODUCT_COUNT * STATUS_COUNT).fill(0);
  for (let c = 0; c < CODE_COUNT; c++) status[CODE_PRODUCT[c] * STATUS_COUNT + CODE_STATUS[c]] += codeCounts[c];

  const volumes = topVolumes(index, vol, volStamp, q, M);
  let rejected = 0;
  for (const f of files) rejected += f.rejected;
  const coverage: Coverage = {
    first_date: firstDay === null ? null : dayString(firstDay),
    last_date: lastDay === null ? null : dayString(lastDay),
    files: files.size,
    events,
    rejected_rows: rejected,
    warnings,
    undated_events: countUndated(index, sel),
    days_without_data: daysWithoutData(index, sel),
  };
  return { totals: { volumes, monthly, adoption, kyc, status }, coverage };
}

/** The merchants that can be in the top TOP_N, ties at the last place included. */
function topVolumes(index: EventIndex, vol: Float64Array, volStamp: Int32Array, q: number, M: number): { merchant_id: string; kobo: number }[] {
  const names = index.labels.merchants;
  const best: { merchant_id: string; kobo: number }[] = [];
  for (let m = 0; m < M; m++) {
    if (volStamp[m] !== q) continue;
    const cand = { merchant_id: names[m], kobo: vol[m] };
    if (best.length < TOP_N) {
      best.push(cand);
      if (best.length === TOP_N) best.sort(byVolume);
    } else if (byVolume(cand, best[TOP_N - 1]) < 0) {
      let at = TOP_N - 1;
      while (at > 0 && byVolume(cand, best[at - 1]) < 0) at--;
      best.splice(at, 0, cand);
      best.pop();
    }
  }
  return best;
}

/** Undated events that pass the filters other than dates (the coverage tells how many a date range leaves out). */
export function countUndated(index: EventIndex, sel: Selection): number {
  const { codeOk, attrOk, merchantOk } = sel;
  let n = 0;
  for (const { seg, lo, hi } of index.undated) {
    for (let i = lo; i < hi; i++) {
      const p = seg.packed[i];
      if (codeOk[p & 127] === 0 || attrOk[p >>> 7] === 0) continue;
      if (merchantOk !== null && merchantOk[seg.merchant[i]] === 0) continue;
      n++;
    }
  }
  return n;
}

/** Days inside the range (the filter's dates, else first to last stored day) with no stored event. */
export function daysWithoutData(index: EventIndex, sel: Selection): string[] {
  if (index.days.length === 0 && (sel.fromDay === null || sel.toDay === null)) return [];
  const from = sel.fromDay ?? index.days[0];
  const to = sel.toDay ?? index.days[index.days.length - 1];
  const [first, end] = dayRange(index, { ...sel, fromDay: from, toDay: to });
  const present = new Set(index.days.subarray(first, end));
  const out: string[] = [];
  // A range far wider than the data (say, ten years) lists its empty days only up to a limit.
  for (let d = from; d <= to && out.length < 3660; d++) if (!present.has(d)) out.push(dayString(d));
  return out;
}
