// The events behind a number: every selected event is found in the index (so the total, distinct
// merchants and amount are exact), ordered, and only the page asked for is read from the stored blocks.
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { KYC_STEP_NAMES, PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import type { EventRow, EventsRequest, EventsResponse } from '../../../shared/exploring.js';
import { kindEventType, kindProduct, kindStatus } from '../model/event-kind.js';
import { readStoredEvents, readStoredTimes } from '../import/event-blocks.js';
import { CODE_KYC } from './codes.js';
import { AMOUNT_BIG, AMOUNT_NULL, filePosition, sortKobo, type DaySlice, type EventIndex, type Segment } from './event-index.js';
import { compileSelection, forEachSlice, type Selection } from './selection.js';

const DEFAULT_LIMIT = 100;

function hexUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The time as written, to the millisecond (no zone was applied when it was read). */
export function naiveIso(ms: number): string | null {
  if (ms !== ms) return null;
  const iso = new Date(ms).toISOString().slice(0, -1);
  return iso.endsWith('.000') ? iso.slice(0, -4) : iso;
}

/** Merchants with a SUCCESS event of the funnel step after `step`, under the filter. */
function reachedNext(index: EventIndex, filter: MetricFilter, step: number): Uint8Array {
  const out = new Uint8Array(index.merchantCount);
  const next = KYC_STEP_NAMES[step + 1];
  if (!next) return out;
  const sel = compileSelection(index.labels, filter, { kycStep: next });
  forEachSlice(index, sel, ({ seg, lo, hi }) => {
    for (let i = lo; i < hi; i++) {
      const p = seg.packed[i];
      if (sel.codeOk[p & 127] === 0 || sel.attrOk[p >>> 7] === 0) continue;
      const m = seg.merchant[i];
      if (sel.merchantOk === null || sel.merchantOk[m] === 1) out[m] = 1;
    }
  });
  return out;
}

/** A selection's totals and per-day match counts, for its next pages (index version and selection as key). */
interface Totals {
  n: number;
  merchants: number;
  kobo: number;
  dayStarts: number[];
}
const totalsMemo = new Map<string, Totals>();
const MEMO_SIZE = 8;

function remember(key: string, totals: Totals): void {
  if (totalsMemo.size >= MEMO_SIZE) totalsMemo.delete(totalsMemo.keys().next().value!);
  totalsMemo.set(key, totals);
}

/**
 * The k first matches in an order: by a number (amount, or the merchant id's rank), then by match
 * number (date and file order), or the other way round; a heap whose top is the latest kept.
 */
class FirstMatches {
  readonly seg: Uint32Array;
  readonly pos: Uint32Array;
  private readonly key: Float64Array;
  private readonly no: Float64Array;
  private size = 0;

  constructor(
    readonly k: number,
    readonly reversed: boolean,
  ) {
    this.seg = new Uint32Array(k);
    this.pos = new Uint32Array(k);
    this.key = new Float64Array(k);
    this.no = new Float64Array(k);
  }

  /** Whether the match in slot a comes after the one with (key, no) in the order. */
  private after(a: number, key: number, no: number): boolean {
    const later = this.key[a] > key || (this.key[a] === key && this.no[a] > no);
    return this.reversed ? !later : later;
  }

  private put(slot: number, seg: number, pos: number, key: number, no: number): void {
    this.seg[slot] = seg;
    this.pos[slot] = pos;
    this.key[slot] = key;
    this.no[slot] = no;
  }

  private swap(a: number, b: number): void {
    const [s, p, k, n] = [this.seg[a], this.pos[a], this.key[a], this.no[a]];
    this.put(a, this.seg[b], this.pos[b], this.key[b], this.no[b]);
    this.put(b, s, p, k, n);
  }

  offer(seg: number, pos: number, key: number, no: number): void {
    if (this.size < this.k) {
      let c = this.size++;
      this.put(c, seg, pos, key, no);
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (this.after(parent, this.key[c], this.no[c])) break;
        this.swap(c, parent);
        c = parent;
      }
      return;
    }
    // Full: a match before the latest kept takes its place.
    if (this.k === 0 || !this.after(0, key, no)) return;
    this.put(0, seg, pos, key, no);
    this.siftDown();
  }

  private siftDown(): void {
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      const r = l + 1;
      let big = c;
      if (l < this.size && this.after(l, this.key[big], this.no[big])) big = l;
      if (r < this.size && this.after(r, this.key[big], this.no[big])) big = r;
      if (big === c) break;
      this.swap(c, big);
      c = big;
    }
  }

  get count(): number {
    return this.size;
  }

  /** Takes out the latest `count` kept, latest first, as [segment number, position] pairs. */
  takeLatest(count: number): [number, number][] {
    const out: [number, number][] = [];
    while (out.length < count && this.size > 0) {
      out.push([this.seg[0], this.pos[0]]);
      this.size--;
      this.swap(0, this.size);
      this.siftDown();
    }
    return out;
  }

  /**
   * Whether none of a run of matches with keys lowest..highest, all after every match offered so far,
   * can be kept: the heap is full and each would come after the latest kept.
   */
  excludes(lowest: number, highest: number): boolean {
    if (this.size < this.k) return false;
    if (this.k === 0) return true;
    // A later match of an equal key comes after the latest kept going up, before it going down.
    return this.reversed ? highest < this.key[0] : lowest >= this.key[0];
  }

}

/** Each merchant's place among the merchant ids in text order, per index and version. */
let ranks: { index: EventIndex; version: number; rank: Uint32Array } | null = null;
function merchantRanks(index: EventIndex): Uint32Array {
  if (ranks?.index !== index || ranks.version !== index.version) {
    const names = index.labels.merchants;
    const ids = Array.from({ length: names.length }, (_, m) => m).sort((x, y) => (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : x - y));
    const rank = new Uint32Array(names.length);
    ids.forEach((m, at) => (rank[m] = at));
    ranks = { index, version: index.version, rank };
  }
  return ranks.rank;
}

export function events(db: Database.Database, index: EventIndex, req: EventsRequest): EventsResponse {
  const filter: MetricFilter = { ...(req.filter ?? {}) };
  if (req.merchant) {
    // One merchant inside the filter's list; outside it, a list no merchant id can match (an empty one would keep all).
    const inList = !filter.merchant?.length || filter.merchant.includes(req.merchant);
    filter.merchant = inList ? [req.merchant] : ['\u0000'];
  }
  const sel: Selection = compileSelection(index.labels, filter, { statuses: req.status, kycStep: req.kyc_step });
  const excluded = req.kyc_step && req.kyc_not_next ? reachedNext(index, filter, KYC_STEP_NAMES.indexOf(req.kyc_step)) : null;
  const withAmount = req.with_amount === true;
  // Matches in date order (then file order): segment number and position. The index holds no time of
  // day, so sorted by time (the default) only the days holding the page's positions are kept, their
  // times read from the blocks and sorted: a drill into a year holds a day's positions, not millions.
  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULT_LIMIT;
  const sort = req.sort ?? 'time';
  const desc = sort.startsWith('-');
  const key = sort.replace('-', '');
  const segs: Segment[] = [];
  const segNo = new Map<Segment, number>();
  let hitSeg = new Uint32Array(1024);
  let hitPos = new Uint32Array(1024);
  let kept = 0;
  /** The match number of the first kept match, and the first kept undated one (kept when none). */
  let keptFrom = 0;
  let keptUndated = 0;
  const keep = (s: number, i: number) => {
    if (kept === hitSeg.length) {
      const grow = (x: Uint32Array) => {
        const y = new Uint32Array(x.length * 2);
        y.set(x);
        return y;
      };
      hitSeg = grow(hitSeg);
      hitPos = grow(hitPos);
    }
    hitSeg[kept] = s;
    hitPos[kept] = i;
    kept++;
  };
  /** What the scan does with each match of a day it keeps: keep it, or offer it to a sort's heap. */
  let keepMatch = keep;
  /** A later pass passes over a slice whose every event matches when this says none of them is needed. */
  let passOver: ((slice: DaySlice) => boolean) | null = null;
  const seqOf = (h: number) => {
    const seg = segs[hitSeg[h]];
    const i = hitPos[h];
    return seg.firstSeq + filePosition(seg, i);
  };
  const memoKey = `${index.version}|${JSON.stringify([filter, req.status, req.kyc_step, req.kyc_not_next === true, withAmount])}`;
  const memo = totalsMemo.get(memoKey);
  // Only a first pass counts distinct merchants: a page by time of a remembered selection runs none.
  const merchantSeen = new Uint8Array(memo && key === 'time' ? 0 : index.merchantCount);
  let merchants = 0;
  let kobo = 0;
  const { codeOk, attrOk, merchantOk } = sel;
  /** The first pass's match count at the start of each day it met, and then its total. */
  const dayStarts: number[] = memo ? memo.dayStarts : [];
  /**
   * Visits the matches in order and keeps those of the days that hold any of match numbers lo..hi-1
   * (the undated events count as one more day, the last); the first pass also adds up the total,
   * merchants and amount.
   */
  const scan = (first: boolean, lo: number, hi: number): number => {
    let n = 0;
    let day: number | null | undefined;
    let dayFirst = 0;
    let ordinal = -1;
    /** A later pass skips a day that ends before lo or starts at hi or later, with the count the first pass found at its end. */
    let skipTo = -1;
    /** Whether the day holds any of lo..hi-1: a first pass knows only that it does not start at hi or later, unless every event of the day matches. */
    let wanted = false;
    keptUndated = Infinity;
    forEachSlice(index, sel, (slice, d) => {
      const { seg, lo: from, hi: to, kobo: sliceKobo } = slice;
      if (d !== day) {
        // The days before this one all end before lo: none of them is needed.
        if (n <= lo) {
          kept = 0;
          keptFrom = n;
        }
        day = d;
        dayFirst = n;
        ordinal++;
        if (d === null) keptUndated = kept;
        if (first) dayStarts.push(n);
        // A day that ends before lo, or starts at hi or later, holds none of the page.
        else skipTo = dayStarts[ordinal + 1] <= lo || dayStarts[ordinal] >= hi ? dayStarts[ordinal + 1] : -1;
        wanted = dayFirst < hi;
        if (first && wanted && d !== null && sel.keepsEveryEvent && excluded === null && !withAmount) wanted = dayFirst + index.dayEvents[index.dayPos(d)] > lo;
      }
      if (skipTo >= 0) {
        n = skipTo;
        return;
      }
      if (passOver !== null && passOver(slice)) {
        n += to - from;
        return;
      }
      let s = segNo.get(seg);
      // The counts live in locals through the loop and go back at its end: kept in the closure, each
      // change is a store to the heap (and a boxed number for the amount), which doubled the scan's time.
      let count = n;
      let sum = kobo;
      let seen = merchants;
      const { packed, merchant, amount } = seg;
      if (first && !wanted && excluded === null && !withAmount) {
        if (sel.keepsEveryEvent) {
          // Only dates restrict the selection: the day's count and amount are known, its merchants are visited.
          for (let i = from; i < to; i++) {
            const m = merchant[i];
            if (merchantSeen[m] === 0) {
              merchantSeen[m] = 1;
              seen++;
            }
          }
          n = count + (to - from);
          kobo = sum + sliceKobo;
          merchants = seen;
          return;
        }
        for (let i = from; i < to; i++) {
          const p = packed[i];
          if (codeOk[p & 127] === 0 || attrOk[p >>> 7] === 0) continue;
          const m = merchant[i];
          if (merchantOk !== null && merchantOk[m] === 0) continue;
          const a = amount[i];
          if (a >= 0) sum += a;
          else if (a === AMOUNT_BIG) sum += seg.big!.get(i)!;
          if (merchantSeen[m] === 0) {
            merchantSeen[m] = 1;
            seen++;
          }
          count++;
        }
        n = count;
        kobo = sum;
        merchants = seen;
        return;
      }
      for (let i = from; i < to; i++) {
        const p = packed[i];
        const c = p & 127;
        if (codeOk[c] === 0 || attrOk[p >>> 7] === 0) continue;
        const m = merchant[i];
        if (merchantOk !== null && merchantOk[m] === 0) continue;
        if (excluded !== null && (excluded[m] === 1 || CODE_KYC[c] < 0)) continue;
        const a = amount[i];
        if (withAmount && a === AMOUNT_NULL) continue;
        if (first) {
          if (a >= 0) sum += a;
          else if (a === AMOUNT_BIG) sum += seg.big!.get(i)!;
          if (merchantSeen[m] === 0) {
            merchantSeen[m] = 1;
            seen++;
          }
        }
        if (wanted) {
          if (s === undefined) {
            s = segs.push(seg) - 1;
            segNo.set(seg, s);
          }
          keepMatch(s, i);
        }
        count++;
      }
      n = count;
      kobo = sum;
      merchants = seen;
    });
    if (n <= lo) kept = 0;
    keptUndated = Math.min(keptUndated, kept);
    if (first) dayStarts.push(n);
    return n;
  };
  /** Match numbers lo..hi-1 in time order: the kept days' matches by stored time, ties and undated events in file order. */
  const byTime = (lo: number, hi: number): number[] => {
    // Undated events (the last ones kept) have no time to read: they go last, and as Infinity -
    // Infinity is NaN, two of them fall through to file order.
    const ts = new Float64Array(kept).fill(Infinity);
    ts.set(readStoredTimes(db, Array.from({ length: keptUndated }, (_, h) => seqOf(h))));
    const order = Uint32Array.from({ length: kept }, (_, h) => h).sort((x, y) => ts[x] - ts[y] || x - y);
    return Array.from(order.subarray(Math.max(0, lo - keptFrom), Math.max(0, hi - keptFrom)));
  };
  let n: number;
  let page: number[];
  if (memo && key === 'time') {
    // The same selection asked before (the next page, the other order): its totals and day starts are
    // known, so only the days holding the page are visited.
    ({ n, merchants, kobo } = memo);
    const hi = desc ? n - offset : offset + limit;
    const lo = desc ? Math.max(0, hi - limit) : offset;
    scan(false, lo, hi);
    page = desc ? byTime(lo, hi).reverse() : byTime(lo, hi);
  } else if (key === 'time' && !desc) {
    n = scan(true, offset, offset + limit);
    page = byTime(offset, offset + limit);
  } else if (key === 'time') {
    n = scan(true, 0, 0);
    const hi = n - offset;
    const lo = Math.max(0, hi - limit);
    scan(false, lo, hi);
    page = byTime(lo, hi).reverse();
  } else {
    // By amount or merchant: the page lies nearer one end of the order, and the matches from that end
    // up to it are kept in a heap while the matches are visited (a year's drill by amount sorted all
    // 9.9M of them: 5 s, by merchant 12 s).
    if (memo) ({ n, merchants, kobo } = memo);
    else n = scan(true, 0, 0);
    const fromStart = offset + limit <= n - offset;
    const heap = new FirstMatches(Math.max(0, Math.min(n, fromStart ? offset + limit : n - offset)), desc !== !fromStart);
    const rank = key === 'merchant' ? merchantRanks(index) : null;
    let no = 0;
    keepMatch = (s, i) => {
      const seg = segs[s];
      heap.offer(s, i, rank ? rank[seg.merchant[i]] : sortKobo(seg.amount, seg.big, i), no++);
    };
    // Every event matching, a day whose amounts all come after the latest kept needs no visit (most of
    // a year's days, by amount, once the heap holds the page).
    if (key === 'amount' && sel.keepsEveryEvent && excluded === null && !withAmount) {
      passOver = (slice) => {
        if (!heap.excludes(slice.lowest, slice.highest)) return false;
        no += slice.hi - slice.lo;
        return true;
      };
    }
    scan(false, 0, Infinity);
    // Either way the page is the latest of those kept: the last rows up to it from the start, or the
    // rows nearest it from the end, which read backwards.
    const latest = heap.takeLatest(fromStart ? Math.max(0, heap.count - offset) : Math.min(limit, heap.count));
    if (fromStart) latest.reverse();
    kept = 0;
    for (const [s, i] of latest) keep(s, i);
    page = Array.from({ length: kept }, (_, h) => h);
  }
  if (!memo) remember(memoKey, { n, merchants, kobo, dayStarts });
  const stored = readStoredEvents(db, page.map(seqOf));
  const l = index.labels;
  const rows: EventRow[] = [];
  for (const h of page) {
    const e = stored.get(seqOf(h));
    if (!e) continue;
    rows.push({
      event_id: hexUuid(e.eventId),
      merchant_id: l.merchants[e.merchant] ?? '',
      event_timestamp: naiveIso(e.ts),
      product: PRODUCTS[kindProduct(e.kind)],
      event_type: l.eventTypes.get(kindEventType(e.kind)) ?? '',
      amount: e.amount === e.amount ? e.amount / 100 : null,
      status: STATUSES[kindStatus(e.kind)],
      channel: l.attrChannel[e.attrs] ?? '',
      region: l.attrRegion[e.attrs] ?? '',
      merchant_tier: l.attrTier[e.attrs] ?? '',
      source_file: segs[hitSeg[h]].path,
      source_line: e.line === e.line ? e.line : null,
    });
  }
  return { total: n, merchants, amount: kobo / 100, offset, limit, rows };
}

