// A month's events rolled up per (merchant, attribute set, product): about ten times fewer rows than
// events at a year (992,857 for 9.9M). A range that covers whole months reads their rows, and only the
// days at its ends are scanned event by event; distinct merchants stay exact because each row keeps its
// merchant. Built on first use and dropped when a file of that month comes or goes.
//
// Each row also says which of the month's files (up to 32) and which of its days its events come from,
// so the coverage's files, rejected rows and first and last dates stay exact, and on which days it had a
// SUCCESS event, so active merchants per day or week stay exact. Beside the rows, the month's events per
// (day, attribute set, product) give trends their per-day volume and counts without a scan.
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
  /** Bit i: an event from segments[i]. */
  segMask: Uint32Array;
  /** Bit d - 1: a SUCCESS event on day d of the month. */
  successDays: Uint32Array;
  /** The month's events per (day, attribute set, product). */
  days: DayTotals;
  /** Day number of day 1 of the month, and the files with events in the month. */
  monthStart: number;
  segments: Segment[];
}

/** Per (day, attrs * 8 + product) of one month: its events by status and the kobo of its SUCCESS events. */
export interface DayTotals {
  rows: number;
  /** Day of the month minus one. */
  day: Uint8Array;
  attrProduct: Uint32Array;
  events: Int32Array;
  failed: Int32Array;
  succeeded: Int32Array;
  kobo: Float64Array;
}

type Columns = Omit<MonthRollup, 'rows' | 'monthStart' | 'segments' | 'days'>;

/**
 * Work space of rollup builds, handed from month to month by one sync. A fresh hash table, row list and
 * day table per month were freed between the months' kept columns, where the allocator could not give
 * them back: about 45 MB of the engine's memory at a year.
 */
export class RollupScratch {
  slots = 1 << 18;
  slotKey = new Float64Array(this.slots);
  slotRow = new Int32Array(this.slots);
  rowOf = new Int32Array(0);
  dayTotals: DayTotalsBuilder | null = null;

  rowsFor(events: number): Int32Array {
    if (this.rowOf.length < events) this.rowOf = new Int32Array(events);
    return this.rowOf;
  }

  dayTotalsFor(keys: number): DayTotalsBuilder {
    if (!this.dayTotals || this.dayTotals.keys !== keys) this.dayTotals = new DayTotalsBuilder(keys);
    else this.dayTotals.reset();
    return this.dayTotals;
  }
}

/** The rollup of the month starting on day number monthStart, or null when more than 32 files hold its events. */
export function buildMonthRollup(
  monthStart: number,
  days: Int32Array,
  slices: DaySlice[][],
  first: number,
  end: number,
  attrCount: number,
  scratch = new RollupScratch(),
): MonthRollup | null {
  const segments: Segment[] = [];
  for (let p = first; p < end; p++) for (const { seg } of slices[p]) if (!segments.includes(seg)) segments.push(seg);
  if (segments.length > 32) return null;
  // Row of each (merchant, attrs * 8 + product), in an open-addressing table of typed arrays: a Map
  // took about five times as long for a month's 800,000 events.
  let slots = scratch.slots;
  let slotKey = scratch.slotKey.fill(-1);
  let slotRow = scratch.slotRow;
  const find = (key: number): number => {
    let h = (Math.imul(key % 4294967296 | 0, 0x9e3779b1) ^ Math.floor(key / 4294967296)) & (slots - 1);
    for (;;) {
      const k = slotKey[h];
      if (k === key) return slotRow[h];
      if (k === -1) return -1 - h;
      h = (h + 1) & (slots - 1);
    }
  };
  const rehash = () => {
    const oldKey = slotKey;
    const oldRow = slotRow;
    slots *= 2;
    slotKey = new Float64Array(slots).fill(-1);
    slotRow = new Int32Array(slots);
    for (let i = 0; i < oldKey.length; i++) {
      if (oldKey[i] === -1) continue;
      const at = -1 - find(oldKey[i]);
      slotKey[at] = oldKey[i];
      slotRow[at] = oldRow[i];
    }
    scratch.slots = slots;
    scratch.slotKey = slotKey;
    scratch.slotRow = slotRow;
  };
  // Two passes: the first finds each event's row, so the columns are allocated at their size (a
  // month's rows are about a tenth of its events) and the second adds the events up without hashing.
  let events = 0;
  for (let p = first; p < end; p++) for (const { lo, hi } of slices[p]) events += hi - lo;
  const rowOf = scratch.rowsFor(events);
  let rows = 0;
  let e = 0;
  for (let p = first; p < end; p++) {
    for (const { seg, lo, hi } of slices[p]) {
      const packed = seg.packed;
      const merchant = seg.merchant;
      for (let i = lo; i < hi; i++) {
        const x = packed[i];
        const key = merchant[i] * 2_097_152 + (x >>> 7) * 8 + CODE_PRODUCT[x & 127]; // < 2^21 for up to 262,144 attribute sets
        let k = find(key);
        if (k < 0) {
          if (rows * 2 >= slots) {
            rehash();
            k = find(key);
          }
          const at = -1 - k;
          k = rows++;
          slotKey[at] = key;
          slotRow[at] = k;
        }
        rowOf[e++] = k;
      }
    }
  }
  const r = alloc(rows);
  const { merchant: rM, attrProduct: rAP, succeeded, failed, pending, kobo, withAmount, kycBits, nullAmounts, dayMask, segMask, successDays } = r;
  for (let h = 0; h < slots; h++) {
    const key = slotKey[h];
    if (key === -1) continue;
    const m = Math.floor(key / 2_097_152);
    rM[slotRow[h]] = m;
    rAP[slotRow[h]] = key - m * 2_097_152;
  }
  const dayTotals = scratch.dayTotalsFor(attrCount * 8);
  e = 0;
  for (let p = first; p < end; p++) {
    const bit = 1 << (days[p] - monthStart);
    dayTotals.startDay(days[p] - monthStart);
    for (const { seg, lo, hi } of slices[p]) {
      const segBit = 1 << segments.indexOf(seg);
      const packed = seg.packed;
      const amount = seg.amount;
      for (let i = lo; i < hi; i++) {
        const c = packed[i] & 127;
        const k = rowOf[e++];
        const st = CODE_STATUS[c];
        const d = dayTotals.row(rAP[k]);
        if (st === STATUS_SUCCESS) {
          succeeded[k]++;
          successDays[k] |= bit;
          dayTotals.succeeded[d]++;
        } else if (st === STATUS_FAILED) {
          failed[k]++;
          dayTotals.failed[d]++;
        } else pending[k]++;
        dayTotals.events[d]++;
        const a = amount[i];
        if (a === AMOUNT_NULL) nullAmounts[k]++;
        else if (st === STATUS_SUCCESS) {
          const v = a === AMOUNT_BIG ? seg.big!.get(i)! : a;
          kobo[k] += v;
          dayTotals.kobo[d] += v;
          withAmount[k]++;
        }
        const step = CODE_KYC[c];
        if (step >= 0) kycBits[k] |= 1 << step;
        dayMask[k] |= bit;
        segMask[k] |= segBit;
      }
    }
  }
  return { rows, ...r, monthStart, segments, days: dayTotals.finish() };
}

/** Rows of DayTotals, found through a dense table per attrProduct that is reset at each day. */
class DayTotalsBuilder {
  private readonly rowOf: Int32Array;
  private touched: number[] = [];
  private cap = 4096;
  private n = 0;
  private dayNow = 0;
  day = new Uint8Array(this.cap);
  attrProduct = new Uint32Array(this.cap);
  events = new Int32Array(this.cap);
  failed = new Int32Array(this.cap);
  succeeded = new Int32Array(this.cap);
  kobo = new Float64Array(this.cap);

  constructor(readonly keys: number) {
    this.rowOf = new Int32Array(keys).fill(-1);
  }

  /** Empties the table for the next month (its columns are copied out by finish(); the month's first startDay clears the day's keys). */
  reset(): void {
    for (const a of [this.events, this.failed, this.succeeded, this.kobo]) a.fill(0, 0, this.n);
    this.n = 0;
  }

  startDay(dayOfMonth: number): void {
    for (const k of this.touched) this.rowOf[k] = -1;
    this.touched.length = 0;
    this.dayNow = dayOfMonth;
  }

  row(ap: number): number {
    let r = this.rowOf[ap];
    if (r >= 0) return r;
    if (this.n === this.cap) this.grow();
    r = this.n++;
    this.rowOf[ap] = r;
    this.touched.push(ap);
    this.day[r] = this.dayNow;
    this.attrProduct[r] = ap;
    return r;
  }

  private grow(): void {
    this.cap *= 2;
    const more = <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.day = more(this.day);
    this.attrProduct = more(this.attrProduct);
    this.events = more(this.events);
    this.failed = more(this.failed);
    this.succeeded = more(this.succeeded);
    this.kobo = more(this.kobo);
  }

  finish(): DayTotals {
    const n = this.n;
    return {
      rows: n,
      day: this.day.slice(0, n),
      attrProduct: this.attrProduct.slice(0, n),
      events: this.events.slice(0, n),
      failed: this.failed.slice(0, n),
      succeeded: this.succeeded.slice(0, n),
      kobo: this.kobo.slice(0, n),
    };
  }
}

function alloc(n: number): Columns {
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
    segMask: new Uint32Array(n),
    successDays: new Uint32Array(n),
  };
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
