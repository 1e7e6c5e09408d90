// The stored events held in memory as columns, sorted by day, so any filter is answered by scanning only
// the days it covers: about a nanosecond or two an event, where per-row SQL took a second a quarter.
// One segment per stored file: an import adds segments, forget drops them, so keeping the index in step
// with the database costs only the files that changed (sync()).
//
// Per event: merchant id (2 bytes, or 4 in a file with merchant ids of 65,536 and more), code and
// attribute set packed together (2, or 4 from 512 attribute sets on), amount in kobo (4) and, only for
// files whose events were not already in day order, the position in the file (4).
import type Database from 'better-sqlite3';
import { kindEventType, kindProduct, kindStatus, KYC_PRODUCT, KYC_STEP_OF_TYPE } from '../model/event-kind.js';
import { forEachStoredColumns } from '../import/event-blocks.js';
import { CODE_COUNT, encodeCode } from './codes.js';
import { buildMonthRollup, RollupScratch, type MonthRollup } from './month-rollups.js';

/** Day number of the first day of the month a day number falls in. */
export function monthStartOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

/** Day number of the last day of that month. */
export function monthEndOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS) - 1;
}

const DAY_MS = 86_400_000;
/** Day key of events without a valid timestamp: sorted after every real day. */
export const UNDATED = 0x7fffffff;
/** Amount of an event without a valid amount, and of one too large for 31 bits (then in `big`). */
export const AMOUNT_NULL = -1;
export const AMOUNT_BIG = -2;
const MAX_I31 = 0x7fffffff;

/** A segment's ids, in 16 bits when all of them fit: 38 MB less at a year of 10,000 merchants and 151 attribute sets. */
export type IdColumn = Uint16Array | Uint32Array;

export interface Segment {
  sourceId: number;
  path: string;
  firstSeq: number;
  n: number;
  /** Distinct days present, ascending (UNDATED last), and where each starts; dayStart has days.length + 1 entries. */
  days: Int32Array;
  dayStart: Uint32Array;
  merchant: IdColumn;
  /** attrs << 7 | code (codes.ts). */
  packed: IdColumn;
  amount: Int32Array;
  /** Kobo of the events whose amount is AMOUNT_BIG, by position. */
  big: Map<number, number> | null;
  /** Per day (as `days`), the kobo of its events with a valid amount, whatever their status. */
  dayKobo: Float64Array;
  /** Per day, its lowest and highest amount in kobo, an invalid amount counting as -1 (as a drill sorts them). */
  dayLowest: Float64Array;
  dayHighest: Float64Array;
  /** File positions when positions are not in file order (see filePosition); null when they are. */
  order: FileOrder | null;
  /** Rejected rows of this file, from the ledger. */
  rejected: number;
  /** Events kept with a warning: no valid timestamp, or no valid amount (each event once). */
  warnings: number;
  undated: number;
}

/** Positions [lo, hi) keep their file order; every other position's file position is listed. */
export interface FileOrder {
  lo: number;
  hi: number;
  /** File positions of the positions outside [lo, hi), in position order. */
  others: Uint32Array;
  /** The same, ascending (empty when [lo, hi) is empty). */
  othersAscending: Uint32Array;
}

/** A run of one segment's events that share a day. */
export interface DaySlice {
  seg: Segment;
  lo: number;
  hi: number;
  /** The kobo of its events with a valid amount, and their lowest and highest amount (seg.dayKobo, dayLowest, dayHighest of its day). */
  kobo: number;
  lowest: number;
  highest: number;
}

export interface Labels {
  merchants: string[];
  /** attr set id -> channel, region, tier texts. */
  attrChannel: string[];
  attrRegion: string[];
  attrTier: string[];
  eventTypes: Map<number, string>;
}

export class EventIndex {
  private segments = new Map<number, Segment>();
  /** Days with events, ascending, and the slices of each. */
  days: Int32Array = new Int32Array(0);
  slices: DaySlice[][] = [];
  /** Events of each of `days`. */
  dayEvents: Int32Array = new Int32Array(0);
  undated: DaySlice[] = [];
  labels: Labels = { merchants: [], attrChannel: [], attrRegion: [], attrTier: [], eventTypes: new Map() };
  /** Bumped at every change, so callers can tell a cached answer is stale. */
  version = 0;
  /** Month rollups by the month's first day number (null: the month cannot be rolled up). */
  private rollups = new Map<number, MonthRollup | null>();

  constructor(private readonly eagerRollups = true) {}

  /** The rollup of the month whose days sit at positions [first, end) of `days`. */
  monthRollup(monthStart: number, first: number, end: number, scratch?: RollupScratch): MonthRollup | null {
    let r = this.rollups.get(monthStart);
    if (r === undefined) {
      const attrs = this.labels.attrChannel.length;
      r = attrs < 262_144 ? buildMonthRollup(monthStart, this.days, this.slices, first, end, attrs, scratch) : null;
      this.rollups.set(monthStart, r);
    }
    return r;
  }

  /** The month's rollup if it is built already (a partial month's reader would not pay for building one). */
  builtRollup(monthStart: number): MonthRollup | null {
    return this.rollups.get(monthStart) ?? null;
  }

  /** Forgets the rollups of the months a file's days fall in. */
  private dropRollups(seg: Segment): void {
    for (const d of seg.days) if (d !== UNDATED) this.rollups.delete(monthStartOf(d));
  }

  get merchantCount(): number {
    return this.labels.merchants.length;
  }

  segmentList(): Segment[] {
    return [...this.segments.values()];
  }

  /** PRAGMA data_version when last synced: it changes only when another connection commits. */
  private seenVersion = -1;

  /** Brings the index in step with the stored files: loads the new ones, drops the forgotten ones. */
  sync(db: Database.Database): void {
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    if (dataVersion === this.seenVersion) return;
    this.seenVersion = dataVersion;
    const sources = db
      .prepare(
        `SELECT s.id, s.path, s.first_seq, s.last_seq, coalesce(sum(f.rejected), 0) AS rejected
         FROM sources s LEFT JOIN import_files f ON f.source_id = s.id AND f.status = 'imported'
         WHERE s.status = 'imported' GROUP BY s.id ORDER BY s.id`,
      )
      .all() as { id: number; path: string; first_seq: number; last_seq: number; rejected: number }[];
    const wanted = new Set(sources.map((s) => s.id));
    let changed = false;
    for (const id of [...this.segments.keys()]) {
      if (!wanted.has(id)) {
        this.dropRollups(this.segments.get(id)!);
        this.segments.delete(id);
        changed = true;
      }
    }
    const fresh = sources.filter((s) => !this.segments.has(s.id));
    if (fresh.length || changed || this.labels.merchants.length === 0) this.labels = readLabels(db);
    const codeOfKind = this.codeTable();
    const buffers = new DecodeBuffers();
    for (const s of fresh) {
      const seg = loadSegment(db, s, codeOfKind, buffers);
      this.dropRollups(seg);
      this.segments.set(s.id, seg);
      changed = true;
    }
    if (changed) {
      this.rebuildDays();
      if (!this.eagerRollups) return;
      // Built now rather than by the first filter that needs them: a month costs about 0.1 s at
      // 800,000 events, which is better paid once here than inside an analyst's first answers.
      const scratch = new RollupScratch();
      for (let p = 0; p < this.days.length; ) {
        const start = monthStartOf(this.days[p]);
        const end = this.dayPos(monthEndOf(this.days[p]) + 1);
        this.monthRollup(start, p, end, scratch);
        p = end;
      }
    }
  }

  /** kind -> code: the KYC step comes from the event type's text. */
  private codeTable(): (kind: number) => number {
    const cache = new Map<number, number>();
    return (kind) => {
      let c = cache.get(kind);
      if (c === undefined) {
        const product = kindProduct(kind);
        const step = product === KYC_PRODUCT ? (KYC_STEP_OF_TYPE.get(this.labels.eventTypes.get(kindEventType(kind)) ?? '') ?? -1) : -1;
        c = encodeCode(product, kindStatus(kind), step);
        cache.set(kind, c);
      }
      return c;
    };
  }

  private rebuildDays(): void {
    const byDay = new Map<number, DaySlice[]>();
    const undated: DaySlice[] = [];
    for (const seg of this.segments.values()) {
      for (let d = 0; d < seg.days.length; d++) {
        const slice = { seg, lo: seg.dayStart[d], hi: seg.dayStart[d + 1], kobo: seg.dayKobo[d], lowest: seg.dayLowest[d], highest: seg.dayHighest[d] };
        if (seg.days[d] === UNDATED) undated.push(slice);
        else {
          let list = byDay.get(seg.days[d]);
          if (!list) byDay.set(seg.days[d], (list = []));
          list.push(slice);
        }
      }
    }
    this.days = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
    this.slices = [...this.days].map((d) => byDay.get(d)!);
    this.dayEvents = Int32Array.from(this.slices, (list) => list.reduce((n, x) => n + x.hi - x.lo, 0));
    this.undated = undated;
    this.version++;
  }

  /** Index of the first day >= day in `days`. */
  dayPos(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The texts behind the stored ids: merchants, attribute sets and event types. */
export function readLabels(db: Database.Database): Labels {
  const merchants: string[] = [];
  for (const [id, code] of db.prepare('SELECT id, code FROM merchants').raw().iterate() as Iterable<[number, string]>) merchants[id] = code;
  for (let i = 0; i < merchants.length; i++) if (merchants[i] === undefined) merchants[i] = '';
  const label = new Map<number, string>();
  const eventTypes = new Map<number, string>();
  for (const [id, kind, text] of db.prepare('SELECT id, kind, text FROM labels').raw().iterate() as Iterable<[number, string, string]>) {
    label.set(id, text);
    if (kind === 'event_type') eventTypes.set(id, text);
  }
  const attrChannel: string[] = [];
  const attrRegion: string[] = [];
  const attrTier: string[] = [];
  for (const [id, c, r, t] of db.prepare('SELECT id, channel, region, tier FROM attr_sets').raw().iterate() as Iterable<number[]>) {
    attrChannel[id] = label.get(c) ?? '';
    attrRegion[id] = label.get(r) ?? '';
    attrTier[id] = label.get(t) ?? '';
  }
  for (let i = 0; i < attrChannel.length; i++) {
    if (attrChannel[i] === undefined) attrChannel[i] = attrRegion[i] = attrTier[i] = '';
  }
  return { merchants, attrChannel, attrRegion, attrTier, eventTypes };
}

/** Decode columns shared by the files one sync loads (each file's events are then copied out at their size). */
class DecodeBuffers {
  day = new Int32Array(0);
  merchant = new Uint32Array(0);
  packed = new Uint32Array(0);
  amount = new Int32Array(0);
  order = new Uint32Array(0);
  ensure(n: number): this {
    if (this.day.length < n) {
      this.day = new Int32Array(n);
      this.merchant = new Uint32Array(n);
      this.packed = new Uint32Array(n);
      this.amount = new Int32Array(n);
      this.order = new Uint32Array(n);
    }
    return this;
  }
}

function loadSegment(
  db: Database.Database,
  s: { id: number; path: string; first_seq: number; last_seq: number; rejected: number },
  codeOfKind: (kind: number) => number,
  buffers: DecodeBuffers,
): Segment {
  const n = Math.max(0, s.last_seq - s.first_seq + 1);
  const { day, merchant, packed, amount } = buffers.ensure(n);
  let big: Map<number, number> | null = null;
  let i = 0;
  let sorted = true;
  let prevDay = -Infinity;
  let warnings = 0;
  let undated = 0;
  let maxMerchant = 0;
  let maxPacked = 0;
  forEachStoredColumns(db, s.first_seq, s.last_seq, (m, ts, kind, attrs, kobo) => {
    const d = ts === ts ? Math.floor(ts / DAY_MS) : UNDATED;
    if (d === UNDATED) undated++;
    if (d === UNDATED || kobo !== kobo) warnings++;
    if (d < prevDay) sorted = false;
    prevDay = d;
    day[i] = d;
    merchant[i] = m;
    const p = (attrs << 7) | codeOfKind(kind);
    packed[i] = p;
    if (m > maxMerchant) maxMerchant = m;
    if (p > maxPacked) maxPacked = p;
    if (kobo !== kobo) amount[i] = AMOUNT_NULL;
    else if (kobo > MAX_I31) {
      amount[i] = AMOUNT_BIG;
      (big ??= new Map()).set(i, kobo);
    } else amount[i] = kobo;
    i++;
  });
  const count = i;
  const meta = { sourceId: s.id, path: s.path, firstSeq: s.first_seq, n: count, rejected: s.rejected, warnings, undated };
  // Counting sort by day (stable): a daily file is one day already, so this is usually a no-op.
  const distinct = [...new Set(day.subarray(0, count))].sort((a, b) => a - b);
  const days = Int32Array.from(distinct);
  const dayStart = new Uint32Array(days.length + 1);
  if (sorted) {
    let d = 0;
    for (let k = 0; k < count; k++) {
      while (day[k] !== days[d]) dayStart[++d] = k;
    }
    for (let e = d + 1; e <= days.length; e++) dayStart[e] = count;
    const m = idColumn(count, maxMerchant);
    const p = idColumn(count, maxPacked);
    m.set(merchant.subarray(0, count));
    p.set(packed.subarray(0, count));
    const a = amount.slice(0, count);
    return { ...meta, days, dayStart, merchant: m, packed: p, amount: a, big, ...amountsByDay(dayStart, a, big), order: null };
  }
  const pos = new Map<number, number>();
  days.forEach((d, k) => pos.set(d, k));
  const counts = new Uint32Array(days.length);
  for (let k = 0; k < count; k++) counts[pos.get(day[k])!]++;
  for (let k = 0; k < days.length; k++) dayStart[k + 1] = dayStart[k] + counts[k];
  const next = dayStart.slice(0, days.length);
  const order = buffers.order;
  const m2 = idColumn(count, maxMerchant);
  const p2 = idColumn(count, maxPacked);
  const a2 = new Int32Array(count);
  let big2: Map<number, number> | null = null;
  for (let k = 0; k < count; k++) {
    const at = next[pos.get(day[k])!]++;
    order[at] = k;
    m2[at] = merchant[k];
    p2[at] = packed[k];
    a2[at] = amount[k];
    if (amount[k] === AMOUNT_BIG) (big2 ??= new Map()).set(at, (big as Map<number, number> | null)!.get(k)!);
  }
  return { ...meta, days, dayStart, merchant: m2, packed: p2, amount: a2, big: big2, ...amountsByDay(dayStart, a2, big2), order: sparseOrder(order.subarray(0, count), counts, dayStart) };
}

/** The kobo of the event at position i, -1 for an invalid amount: what a drill by amount sorts by. */
export function sortKobo(amount: Int32Array, big: Map<number, number> | null, i: number): number {
  const a = amount[i];
  return a >= 0 ? a : a === AMOUNT_BIG ? big!.get(i)! : -1;
}

function amountsByDay(dayStart: Uint32Array, amount: Int32Array, big: Map<number, number> | null): Pick<Segment, 'dayKobo' | 'dayLowest' | 'dayHighest'> {
  const days = dayStart.length - 1;
  const out = { dayKobo: new Float64Array(days), dayLowest: new Float64Array(days), dayHighest: new Float64Array(days) };
  for (let d = 0; d < days; d++) {
    let sum = 0;
    let lowest = Infinity;
    let highest = -Infinity;
    for (let i = dayStart[d]; i < dayStart[d + 1]; i++) {
      const kobo = sortKobo(amount, big, i);
      if (kobo >= 0) sum += kobo;
      if (kobo < lowest) lowest = kobo;
      if (kobo > highest) highest = kobo;
    }
    out.dayKobo[d] = sum;
    out.dayLowest[d] = lowest;
    out.dayHighest[d] = highest;
  }
  return out;
}

function idColumn(n: number, max: number): IdColumn {
  return max < 65_536 ? new Uint16Array(n) : new Uint32Array(n);
}

/**
 * File positions of a segment sorted by day. A daily file is one day plus, here and there, an event
 * without a valid timestamp (sorted last): its largest day keeps its file order, so only the others'
 * positions are listed and the largest day's are found by counting the listed ones before them.
 */
function sparseOrder(order: Uint32Array, counts: Uint32Array, dayStart: Uint32Array): FileOrder {
  let big = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[big]) big = k;
  const lo = dayStart[big];
  const hi = dayStart[big + 1];
  if ((hi - lo) * 2 < order.length) return { lo: 0, hi: 0, others: order.slice(), othersAscending: new Uint32Array(0) };
  const others = new Uint32Array(order.length - (hi - lo));
  others.set(order.subarray(0, lo));
  others.set(order.subarray(hi), lo);
  return { lo, hi, others, othersAscending: others.slice().sort() };
}

/** Where the event at position i of a segment sits in its file (seq - firstSeq). */
export function filePosition(seg: Segment, i: number): number {
  const o = seg.order;
  if (!o) return i;
  if (i < o.lo) return o.others[i];
  if (i >= o.hi) return o.others[i - (o.hi - o.lo)];
  // The j-th event of the unlisted day takes the j-th file position no listed event takes: j plus
  // the number of listed positions x[r] with x[r] - r <= j (that difference never decreases).
  const j = i - o.lo;
  const x = o.othersAscending;
  let a = 0;
  let b = x.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (x[mid] - mid <= j) a = mid + 1;
    else b = mid;
  }
  return j + a;
}

export const CODES = CODE_COUNT;
