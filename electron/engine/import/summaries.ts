// The summaries behind the five metrics, held in memory by the importer while it runs (a counter update
// per row is far cheaper than an SQL upsert per row) and written back in one transaction at the end.
// Each file counts into its own state, merged in only when the file commits, so a cancelled file costs
// nothing to undo. A forgotten file is subtracted, and the summaries are rebuilt after a crash, by one
// streaming pass over the stored events through the same counters (countRange): constant memory, about
// a microsecond a row, where six GROUP BYs over a big file took minutes and a gigabyte of sort space.
import type Database from 'better-sqlite3';
import { forEachStoredEvent, lastStoredSeq } from './event-blocks.js';

export const STATUS_SUCCESS = 0;
export const PRODUCT_COUNT = 7;
export const KYC_STEPS = 3;
export const KYC_PRODUCT = 6;

/**
 * Per-merchant counters, grown as merchant ids grow. Event counts fit 32 bits (half the memory of a
 * double: a file with a million merchants holds a dozen of these twice over); kobo sums need doubles.
 */
class Counts {
  a: Float64Array | Int32Array;
  constructor(
    cap: number,
    private readonly kobo = false,
  ) {
    this.a = kobo ? new Float64Array(cap) : new Int32Array(cap);
  }
  ensure(cap: number) {
    if (cap > this.a.length) {
      const size = Math.max(cap, this.a.length * 2);
      const b = this.kobo ? new Float64Array(size) : new Int32Array(size);
      b.set(this.a);
      this.a = b;
    }
  }
}

export class SummaryState {
  private cap = 1024;
  readonly volKobo = new Counts(this.cap, true);
  readonly volN = new Counts(this.cap);
  /** YYYYMM -> per-merchant SUCCESS events with a valid timestamp. */
  readonly month = new Map<number, Counts>();
  readonly adoption = Array.from({ length: PRODUCT_COUNT }, () => new Counts(1024));
  readonly kyc = Array.from({ length: KYC_STEPS }, () => new Counts(1024));
  /** product * 3 + status -> events */
  readonly status = new Float64Array(PRODUCT_COUNT * 3);
  /** YYYYMMDD -> events with a valid timestamp (read through days(): the latest day's count is held apart). */
  private readonly day = new Map<number, number>();
  /** Rows of a daily file share their day: its count is kept here and added to the map when the day changes. */
  private dayKey = 0;
  private dayCount = 0;
  private lastMonth = -1;
  private lastMonthCounts: Counts | null = null;

  /** Months whose counters were zeroed by clear(), for the next months counted. */
  private readonly spareMonths: Counts[] = [];

  /**
   * A file's state counts merchants first stored by the file (ids from firstNew up) straight into the
   * import's state: their counts there are zero until then, so a rollback only zeroes them again
   * (dropNew), and the file's own arrays stay the size of the merchants stored before it. A file with
   * a million new merchants held all its per-merchant counters twice (56 MB each) before.
   */
  private into: SummaryState = this;
  private firstNew = Infinity;

  /** The per-merchant counters apart from the months'. */
  private counters(): Counts[] {
    return [this.volKobo, this.volN, ...this.adoption, ...this.kyc];
  }

  /** Merchant ids this state has counters for (its arrays' length). */
  get capacity(): number {
    return this.cap;
  }

  ensureMerchants(maxId: number): void {
    if (this.into !== this) {
      this.into.ensureMerchants(maxId);
      maxId = Math.min(maxId, this.firstNew - 1);
    }
    if (maxId < this.cap) return;
    this.cap = Math.max(maxId + 1, this.cap * 2);
    for (const c of [...this.counters(), ...this.month.values()]) c.ensure(this.cap);
  }

  /**
   * Zeroes every count but keeps the arrays, so one file's state serves the next file: a fresh state
   * per file allocated about 13 arrays the size of the merchant table each time (2 MB a file at
   * 20,000 merchants), which the collector gave back slowly.
   */
  clear(): void {
    for (const c of this.counters()) c.a.fill(0);
    for (const c of this.month.values()) {
      c.a.fill(0);
      this.spareMonths.push(c);
    }
    this.month.clear();
    this.status.fill(0);
    this.day.clear();
    this.dayKey = 0;
    this.dayCount = 0;
    this.lastMonth = -1;
    this.lastMonthCounts = null;
  }

  /**
   * Counts merchants with ids from firstNew up (those the file stores; ids above the table's largest
   * have no stored events, so their counts in `into` are zero) into `into` itself.
   */
  countNewInto(into: SummaryState, firstNew: number): void {
    this.into = into;
    this.firstNew = firstNew;
  }

  /** Takes back what countNewInto counted into the import's state (when the file is rolled back). */
  dropNew(): void {
    if (this.into === this) return;
    const from = this.firstNew;
    for (const c of [...this.into.counters(), ...this.into.month.values()]) if (from < c.a.length) c.a.fill(0, from);
  }

  private monthCounts(month: number): Counts {
    if (month === this.lastMonth) return this.lastMonthCounts!;
    let c = this.month.get(month);
    if (!c) {
      c = this.spareMonths.pop() ?? new Counts(this.cap);
      c.ensure(this.cap);
      this.month.set(month, c);
    }
    this.lastMonth = month;
    this.lastMonthCounts = c;
    return c;
  }

  /** Counts one accepted event (sign -1 removes it). kyc is the funnel step or -1; month/day 0 and kobo NaN mean invalid. */
  add(merchant: number, product: number, status: number, kyc: number, month: number, day: number, kobo: number, sign = 1): void {
    this.status[product * 3 + status] += sign;
    if (day !== 0) {
      if (day !== this.dayKey) {
        this.settleDay();
        this.dayKey = day;
      }
      this.dayCount += sign;
    }
    const t = merchant < this.firstNew ? this : this.into;
    t.adoption[product].a[merchant] += sign;
    if (status !== STATUS_SUCCESS) return;
    if (kobo === kobo) {
      t.volKobo.a[merchant] += sign * kobo;
      t.volN.a[merchant] += sign;
    }
    if (month !== 0) t.monthCounts(month).a[merchant] += sign;
    if (kyc >= 0) t.kyc[kyc].a[merchant] += sign;
  }

  private settleDay(): void {
    if (this.dayCount !== 0) this.day.set(this.dayKey, (this.day.get(this.dayKey) ?? 0) + this.dayCount);
    this.dayCount = 0;
  }

  /** Events per day (YYYYMMDD). */
  days(): Map<number, number> {
    this.settleDay();
    return this.day;
  }

  /** Adds another state (one file's counts) into this one. */
  merge(o: SummaryState): void {
    this.ensureMerchants(o.cap - 1);
    this.settleDay();
    const addInto = (into: Counts, from: Counts) => {
      const a = into.a;
      const b = from.a;
      for (let m = 0; m < b.length; m++) if (b[m] !== 0) a[m] += b[m];
    };
    addInto(this.volKobo, o.volKobo);
    addInto(this.volN, o.volN);
    for (const [month, c] of o.month) addInto(this.monthCounts(month), c);
    o.adoption.forEach((c, p) => addInto(this.adoption[p], c));
    o.kyc.forEach((c, k) => addInto(this.kyc[k], c));
    for (let i = 0; i < this.status.length; i++) this.status[i] += o.status[i];
    for (const [d, n] of o.days()) this.day.set(d, (this.day.get(d) ?? 0) + n);
  }

  /** Loads the stored summaries. */
  static load(db: Database.Database): SummaryState {
    const s = new SummaryState();
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM merchants').get() as { m: number }).m;
    s.ensureMerchants(maxId);
    for (const r of db.prepare('SELECT merchant, kobo, n FROM s_volume').raw().iterate() as Iterable<number[]>) {
      s.volKobo.a[r[0]] = r[1];
      s.volN.a[r[0]] = r[2];
    }
    for (const r of db.prepare('SELECT month, merchant, n FROM s_month').raw().iterate() as Iterable<number[]>) s.monthCounts(r[0]).a[r[1]] = r[2];
    for (const r of db.prepare('SELECT product, merchant, n FROM s_adoption').raw().iterate() as Iterable<number[]>) s.adoption[r[0]].a[r[1]] = r[2];
    for (const r of db.prepare('SELECT step, merchant, n FROM s_kyc').raw().iterate() as Iterable<number[]>) s.kyc[r[0]].a[r[1]] = r[2];
    for (const r of db.prepare('SELECT product, status, n FROM s_status').raw().iterate() as Iterable<number[]>) s.status[r[0] * 3 + r[1]] = r[2];
    for (const r of db.prepare('SELECT day, n FROM s_day').raw().iterate() as Iterable<number[]>) s.day.set(r[0], r[1]);
    return s;
  }

  /** Adds (sign 1) or subtracts (sign -1) the stored events with seq in [lo, hi]. */
  countRange(db: Database.Database, lo: number, hi: number, sign: 1 | -1): void {
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM merchants').get() as { m: number }).m;
    this.ensureMerchants(maxId);
    const kycOfType = new Map(
      db
        .prepare("SELECT l.id, k.id FROM labels l JOIN kyc_steps k ON k.event_type = l.text WHERE l.kind = 'event_type'")
        .raw()
        .all() as [number, number][],
    );
    let lastDayIndex = NaN;
    let month = 0;
    let day = 0;
    forEachStoredEvent(db, lo, hi, (merchant, ts, kind, amount) => {
      const status = kind % 4;
      const product = Math.floor(kind / 4) % 8;
      const kyc = product === KYC_PRODUCT && status === STATUS_SUCCESS ? (kycOfType.get(Math.floor(kind / 32)) ?? -1) : -1;
      const valid = ts === ts;
      if (valid) {
        const dayIndex = Math.floor(ts / 86_400_000);
        if (dayIndex !== lastDayIndex) {
          const d = new Date(dayIndex * 86_400_000);
          month = d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
          day = month * 100 + d.getUTCDate();
          lastDayIndex = dayIndex;
        }
      }
      this.add(merchant, product, status, kyc, valid ? month : 0, valid ? day : 0, amount, sign);
    });
  }

  /**
   * Replaces the stored summaries with this state and derives the per-metric counts, in SQL. `tick` is
   * called every few thousand rows, so an import can keep reporting progress while a large state is
   * written (20,000 merchants make about 400,000 rows).
   */
  write(db: Database.Database, tick: () => void = () => {}): void {
    db.exec('DELETE FROM s_volume; DELETE FROM s_month; DELETE FROM s_adoption; DELETE FROM s_kyc; DELETE FROM s_status; DELETE FROM s_day;');
    const vol = new BulkInsert(db, 's_volume (merchant, kobo, n)', 3, tick);
    for (let m = 0; m < this.cap; m++) if (this.volN.a[m] > 0) vol.add(m, this.volKobo.a[m], this.volN.a[m]);
    vol.finish();
    const grid = (table: string, key: number, c: Counts) => {
      const rows = new BulkInsert(db, table, 3, tick);
      const a = c.a;
      for (let m = 0; m < a.length; m++) if (a[m] > 0) rows.add(key, m, a[m]);
      rows.finish();
    };
    for (const [month, c] of this.month) grid('s_month (month, merchant, n)', month, c);
    this.adoption.forEach((c, p) => grid('s_adoption (product, merchant, n)', p, c));
    this.kyc.forEach((c, k) => grid('s_kyc (step, merchant, n)', k, c));
    const st = db.prepare('INSERT INTO s_status (product, status, n) VALUES (?, ?, ?)');
    for (let i = 0; i < this.status.length; i++) if (this.status[i] > 0) st.run(Math.floor(i / 3), i % 3, this.status[i]);
    const dy = db.prepare('INSERT INTO s_day (day, n) VALUES (?, ?)');
    for (const [d, n] of this.days()) if (n > 0) dy.run(d, n);
    deriveMetricCounts(db);
    // Written with the summaries, in their transaction, so the mark can never claim more than they
    // count: events committed after it (by files of an import that failed before writing the
    // summaries back) show up as stored seqs beyond it.
    db.prepare("INSERT INTO meta (key, value) VALUES ('summaries_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(lastStoredSeq(db)));
  }
}

/** Inserts rows a hundred to a statement: one statement per row took 600 ms for 20,000 merchants' summaries. */
class BulkInsert {
  private static readonly ROWS = 100;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly values: number[] = [];
  private rows = 0;
  constructor(
    db: Database.Database,
    target: string,
    private readonly width: number,
    private readonly tick: () => void,
  ) {
    const row = `(${new Array(width).fill('?').join(',')})`;
    this.many = db.prepare(`INSERT INTO ${target} VALUES ${new Array(BulkInsert.ROWS).fill(row).join(',')}`);
    this.one = db.prepare(`INSERT INTO ${target} VALUES ${row}`);
  }
  add(...row: number[]): void {
    for (const v of row) this.values.push(v);
    if (++this.rows === BulkInsert.ROWS) {
      this.many.run(this.values);
      this.values.length = 0;
      this.rows = 0;
      this.tick();
    }
  }
  finish(): void {
    for (let r = 0; r < this.rows; r++) this.one.run(this.values.slice(r * this.width, (r + 1) * this.width));
    this.values.length = 0;
    this.rows = 0;
  }
}

/** The distinct-merchant counts each metric reads, derived from the summaries by SQL. */
export function deriveMetricCounts(db: Database.Database): void {
  db.exec(`
    DELETE FROM m_month; DELETE FROM m_adoption; DELETE FROM m_kyc;
    INSERT INTO m_month (month, merchants) SELECT month, count(*) FROM s_month GROUP BY month;
    INSERT INTO m_adoption (product, merchants) SELECT product, count(*) FROM s_adoption GROUP BY product;
    INSERT INTO m_kyc (step, merchants) SELECT step, count(*) FROM s_kyc GROUP BY step;
  `);
}

/** A state counting every stored event, from the events themselves (the repair, and the check against it). */
export function countAll(db: Database.Database): SummaryState {
  const s = new SummaryState();
  s.countRange(db, 0, Number.MAX_SAFE_INTEGER, 1);
  return s;
}

/** Rebuilds every summary from the stored events (after an interrupted import). */
export function rebuildSummaries(db: Database.Database): void {
  countAll(db).write(db);
}

/**
 * Whether the stored summaries count exactly the stored events: the last seq they were written for
 * (see write) is the last stored seq. Databases from before that mark trust their summaries_valid flag.
 */
export function summariesCurrent(db: Database.Database): boolean {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const seq = get.get('summaries_seq') as string | undefined;
  if (seq === undefined) return get.get('summaries_valid') === '1';
  return Number(seq) === lastStoredSeq(db);
}

/**
 * The summaries to build on: the stored ones when they are current, otherwise counted again from the
 * events (after a failed write in this process whose repair failed too). Never the stale tables: an
 * import that added to them would mark them current while they miss files already committed.
 */
export function loadCurrentSummaries(db: Database.Database): SummaryState {
  return summariesCurrent(db) ? SummaryState.load(db) : countAll(db);
}
