// A month's events rolled up per (merchant, attribute set, product): about ten times fewer rows than
// events at a year (992,857 for 9.9M). A range that covers whole months reads their rows, and only the
// days at its ends are scanned event by event; distinct merchants stay exact because each row keeps its
// merchant. Built on first use and dropped when a file of that month comes or goes.
//
// A month is rolled up only when each of its days comes from exactly one file holding that day alone
// (daily exports), so the coverage's files and rejected rows follow from the days a selection touches.
import { CODE_COUNT, CODE_KYC, CODE_PRODUCT, CODE_STATUS } from './codes.js';
import { AMOUNT_BIG, AMOUNT_NULL, type DaySlice, type Segment } from './event-index.js';
import { PRODUCT_COUNT, STATUS_FAILED, STATUS_SUCCESS } from '../model/event-kind.js';

export interface MonthRollup {
  rows: number;
  merchant: Uint32Array;
  /** attrs * 8 + product */
  attrProduct: Uint32Array;
  succeeded: Int32Array;
  failed: Int32Array;
  pending: Int32Array;
  /** Kobo of SUCCESS events with a valid amount, and how many there were. */
  kobo: Float64Array;
  withAmount: Int32Array;
  /** Bit k: a SUCCESS event of funnel step k. */
  kycBits: Uint8Array;
  /** Events with no valid amount (each a row kept with a warning). */
  nullAmounts: Int32Array;
  /** Bit d - 1: an event on day d of the month. */
  dayMask: Uint32Array;
  /** Day numbers of the month's days, index d - 1, and the one file of each (null where no data). */
  dayOf: number[];
  segmentOf: (Segment | null)[];
}

/** The month's rollup, or null when its days do not each come from a single one-day file. */
export function buildMonthRollup(days: Int32Array, slices: DaySlice[][], first: number, end: number): MonthRollup | null {
  const dayOf: number[] = [];
  const segmentOf: (Segment | null)[] = [];
  for (let p = first; p < end; p++) {
    const s = slices[p];
    if (s.length !== 1) return null;
    const seg = s[0].seg;
    const dated = seg.days.filter((d) => d !== 0x7fffffff).length;
    if (dated !== 1) return null;
    const dom = new Date(days[p] * 86_400_000).getUTCDate();
    dayOf[dom - 1] = days[p];
    segmentOf[dom - 1] = seg;
  }
  for (let d = 0; d < 31; d++) if (segmentOf[d] === undefined) segmentOf[d] = null;
  const rowOf = new Map<number, number>();
  let cap = 1 << 16;
  let r: Omit<MonthRollup, 'rows' | 'dayOf' | 'segmentOf'> = alloc(cap);
  let rows = 0;
  for (let p = first; p < end; p++) {
    const bit = 1 << (new Date(days[p] * 86_400_000).getUTCDate() - 1);
    for (const { seg, lo, hi } of slices[p]) {
      for (let i = lo; i < hi; i++) {
        const x = seg.packed[i];
        const c = x & 127;
        const m = seg.merchant[i];
        const ap = (x >>> 7) * 8 + CODE_PRODUCT[c];
        const key = m * 2_097_152 + ap; // ap < 2^21 for up to 262,144 attribute sets
        let k = rowOf.get(key);
        if (k === undefined) {
          if (rows === cap) {
            r = grow(r, cap, (cap *= 2));
          }
          k = rows++;
          rowOf.set(key, k);
          r.merchant[k] = m;
          r.attrProduct[k] = ap;
        }
        const st = CODE_STATUS[c];
        if (st === STATUS_SUCCESS) r.succeeded[k]++;
        else if (st === STATUS_FAILED) r.failed[k]++;
        else r.pending[k]++;
        const a = seg.amount[i];
        if (a === AMOUNT_NULL) r.nullAmounts[k]++;
        else if (st === STATUS_SUCCESS) {
          r.kobo[k] += a === AMOUNT_BIG ? seg.big!.get(i)! : a;
          r.withAmount[k]++;
        }
        if (CODE_KYC[c] >= 0) r.kycBits[k] |= 1 << CODE_KYC[c];
        r.dayMask[k] |= bit;
      }
    }
  }
  return { rows, ...r, dayOf, segmentOf };
}

function alloc(n: number): Omit<MonthRollup, 'rows' | 'dayOf' | 'segmentOf'> {
  return {
    merchant: new Uint32Array(n),
    attrProduct: new Uint32Array(n),
    succeeded: new Int32Array(n),
    failed: new Int32Array(n),
    pending: new Int32Array(n),
    kobo: new Float64Array(n),
    withAmount: new Int32Array(n),
    kycBits: new Uint8Array(n),
    nullAmounts: new Int32Array(n),
    dayMask: new Uint32Array(n),
  };
}

function grow<T extends Omit<MonthRollup, 'rows' | 'dayOf' | 'segmentOf'>>(r: T, from: number, to: number): T {
  const out = alloc(to) as T;
  for (const k of Object.keys(out) as (keyof T)[]) (out[k] as unknown as Uint8Array).set((r[k] as unknown as Uint8Array).subarray(0, from));
  return out;
}

/** True when a selection's code table depends on the product alone (what a rollup keeps). */
export function codesByProductOnly(codeOk: Uint8Array): Uint8Array | null {
  const byProduct = new Uint8Array(PRODUCT_COUNT).fill(2);
  for (let c = 0; c < CODE_COUNT; c++) {
    const p = CODE_PRODUCT[c];
    if (byProduct[p] === 2) byProduct[p] = codeOk[c];
    else if (byProduct[p] !== codeOk[c]) return null;
  }
  for (let p = 0; p < PRODUCT_COUNT; p++) if (byProduct[p] === 2) byProduct[p] = 0;
  return byProduct;
}
