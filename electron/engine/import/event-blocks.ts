// Events are stored in blocks: one row of event_blocks holds up to BLOCK_ROWS events of one file with
// consecutive seqs, one blob per column (migrations/003_event_blocks.sql describes the layout). One
// INSERT per block instead of six bound values per event took the write thread's largest cost away
// (the 64-row INSERT was half of it). Every reader of stored events goes through this file.
import type Database from 'better-sqlite3';
import type { FindIdIn } from './dedup-index.js';

export const BLOCK_ROWS = 1024;

/** Bytes per event in each column's blob (big-endian, so the migration can build them with printf in SQL). */
const W_ID = 16;
const W_I32 = 4;
const W_I64 = 8;
/** A NULL time or amount: -2^63, far outside the ±2^53 of any stored value. */
const NULL_HI = -0x80000000;
const TWO_32 = 4294967296;

function setI64(dv: DataView, at: number, v: number): void {
  if (v !== v) {
    dv.setInt32(at, NULL_HI);
    dv.setUint32(at + 4, 0);
    return;
  }
  const hi = Math.floor(v / TWO_32);
  dv.setInt32(at, hi);
  dv.setUint32(at + 4, v - hi * TWO_32);
}

/** The integer stored at `at`, or NaN for NULL. */
function getI64(dv: DataView, at: number): number {
  const hi = dv.getInt32(at);
  const lo = dv.getUint32(at + 4);
  return hi === NULL_HI && lo === 0 ? NaN : hi * TWO_32 + lo;
}

const view = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** One column being filled: a buffer reused for every block (better-sqlite3 copies a blob when it binds it). */
class Column {
  readonly buf: Buffer;
  readonly dv: DataView;
  constructor(readonly width: number) {
    this.buf = Buffer.alloc(BLOCK_ROWS * width);
    this.dv = view(this.buf);
  }
  take(n: number): Buffer {
    return this.buf.subarray(0, n * this.width);
  }
}

/**
 * Appends events a block at a time. Rows wait here until BLOCK_ROWS of them are in or the file ends
 * (flush), so a block never spans two files and forgetting a file deletes whole blocks.
 */
export class BlockWriter {
  private readonly insert: Database.Statement;
  private readonly ids = new Column(W_ID);
  private readonly merchant = new Column(W_I32);
  private readonly kind = new Column(W_I32);
  private readonly attrs = new Column(W_I32);
  private readonly ts = new Column(W_I64);
  private readonly amount = new Column(W_I64);
  private readonly line = new Column(W_I32);
  /** Rows waiting, and their ids as words (for duplicate checks before they are written). */
  pending = 0;
  firstPendingSeq = 0;
  readonly pendingIds = new Uint32Array(BLOCK_ROWS * 4);

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO event_blocks (first_seq, n, event_id, merchant, kind, attrs, ts, amount, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** Adds the event with the given seq (one more than the last one added since the last flush). */
  add(seq: number, ids: Uint32Array, at: number, merchant: number, ts: number, kobo: number, kind: number, attrs: number, line: number): void {
    const r = this.pending;
    if (r === 0) this.firstPendingSeq = seq;
    const id = this.ids.dv;
    const w = r * 4;
    for (let k = 0; k < 4; k++) {
      const word = ids[at + k];
      this.pendingIds[w + k] = word;
      id.setUint32(r * W_ID + k * 4, word);
    }
    this.merchant.dv.setInt32(r * W_I32, merchant);
    this.kind.dv.setInt32(r * W_I32, kind);
    this.attrs.dv.setInt32(r * W_I32, attrs);
    setI64(this.ts.dv, r * W_I64, ts);
    setI64(this.amount.dv, r * W_I64, kobo);
    this.line.dv.setInt32(r * W_I32, line);
    if (++this.pending === BLOCK_ROWS) this.flush();
  }

  /** The seq of a waiting row in lo..hi whose id is `words[at..at+3]`, or 0. */
  pendingSeqOf(lo: number, hi: number, words: ArrayLike<number>, at: number): number {
    const from = Math.max(lo - this.firstPendingSeq, 0);
    const to = Math.min(hi - this.firstPendingSeq, this.pending - 1);
    const p = this.pendingIds;
    for (let i = from; i <= to; i++) {
      const w = i * 4;
      if (p[w] === words[at] && p[w + 1] === words[at + 1] && p[w + 2] === words[at + 2] && p[w + 3] === words[at + 3]) return this.firstPendingSeq + i;
    }
    return 0;
  }

  /** Writes the waiting rows as one block. */
  flush(): void {
    const n = this.pending;
    if (n === 0) return;
    this.insert.run(this.firstPendingSeq, n, this.ids.take(n), this.merchant.take(n), this.kind.take(n), this.attrs.take(n), this.ts.take(n), this.amount.take(n), this.line.take(n));
    this.pending = 0;
  }

  /** Forgets rows not yet written (after a rollback). */
  discard(): void {
    this.pending = 0;
  }
}

/** The highest stored seq, or 0. */
export function lastStoredSeq(db: Database.Database): number {
  const row = db.prepare('SELECT first_seq + n - 1 FROM event_blocks ORDER BY first_seq DESC LIMIT 1').pluck().get() as number | undefined;
  return row ?? 0;
}

export function storedEventCount(db: Database.Database): number {
  return db.prepare('SELECT coalesce(sum(n), 0) FROM event_blocks').pluck().get() as number;
}

/** The seq of a stored event in lo..hi whose id is `words[at..at+3]`, or 0 (a dedup index confirmation). */
export function storedIdFinder(db: Database.Database): FindIdIn {
  // A block holds at most BLOCK_ROWS seqs, so the blocks overlapping lo..hi start after lo - BLOCK_ROWS;
  // only the ids inside the range are copied out.
  const st = db.prepare(
    'SELECT max(first_seq, ?) AS start, substr(event_id, (max(first_seq, ?) - first_seq) * 16 + 1, ? * 16) FROM event_blocks WHERE first_seq > ? AND first_seq <= ?',
  ).raw();
  return (lo, hi, words, at) => {
    const w0 = words[at], w1 = words[at + 1], w2 = words[at + 2], w3 = words[at + 3];
    for (const [start, b] of st.all(lo, lo, hi - lo + 1, lo - BLOCK_ROWS, hi) as [number, Buffer][]) {
      const count = Math.min(b.length / W_ID, hi - start + 1);
      for (let i = 0; i < count; i++) {
        const o = i * W_ID;
        if (b.readUInt32BE(o) === w0 && b.readUInt32BE(o + 4) === w1 && b.readUInt32BE(o + 8) === w2 && b.readUInt32BE(o + 12) === w3) return start + i;
      }
    }
    return 0;
  };
}

/** Calls `each(seq, w0, w1, w2, w3)` for every stored event id with seq > after, a block at a time; returns the last seq seen. */
export function forEachStoredId(
  db: Database.Database, after: number, maxBlocks: number, each: (seq: number, w0: number, w1: number, w2: number, w3: number) => void,
): { last: number; blocks: number } {
  const st = db.prepare('SELECT first_seq, n, event_id FROM event_blocks WHERE first_seq > ? ORDER BY first_seq LIMIT ?').raw();
  let last = after;
  let blocks = 0;
  for (const [first, n, ids] of st.iterate(after, maxBlocks) as Iterable<[number, number, Buffer]>) {
    const dv = view(ids);
    for (let i = 0; i < n; i++) each(first + i, dv.getUint32(i * 16), dv.getUint32(i * 16 + 4), dv.getUint32(i * 16 + 8), dv.getUint32(i * 16 + 12));
    last = first;
    blocks++;
  }
  return { last, blocks };
}

/** Calls `each` for every stored event with lo <= seq <= hi, in seq order; a NULL time or amount comes as NaN. */
export function forEachStoredEvent(
  db: Database.Database, lo: number, hi: number, each: (merchant: number, ts: number, kind: number, amount: number) => void,
): void {
  // A block never spans two files, so the blocks of a file's seq range are those starting inside it.
  const st = db.prepare('SELECT first_seq, n, merchant, kind, ts, amount FROM event_blocks WHERE first_seq BETWEEN ? AND ? ORDER BY first_seq').raw();
  for (const [first, n, m, k, t, a] of st.iterate(lo, hi) as Iterable<[number, number, Buffer, Buffer, Buffer, Buffer]>) {
    const mv = view(m);
    const kv = view(k);
    const tv = view(t);
    const av = view(a);
    for (let i = 0; i < n && first + i <= hi; i++) each(mv.getInt32(i * 4), getI64(tv, i * 8), kv.getInt32(i * 4), getI64(av, i * 8));
  }
}

/** Like forEachStoredEvent, with the attribute set too (the filter index's columns). */
export function forEachStoredColumns(
  db: Database.Database, lo: number, hi: number, each: (merchant: number, ts: number, kind: number, attrs: number, amount: number) => void,
): void {
  const st = db.prepare('SELECT first_seq, n, merchant, kind, attrs, ts, amount FROM event_blocks WHERE first_seq BETWEEN ? AND ? ORDER BY first_seq').raw();
  for (const [first, n, m, k, a, t, am] of st.iterate(lo, hi) as Iterable<[number, number, Buffer, Buffer, Buffer, Buffer, Buffer]>) {
    const mv = view(m);
    const kv = view(k);
    const av = view(a);
    const tv = view(t);
    const amv = view(am);
    for (let i = 0; i < n && first + i <= hi; i++) each(mv.getInt32(i * 4), getI64(tv, i * 8), kv.getInt32(i * 4), av.getInt32(i * 4), getI64(amv, i * 8));
  }
}

/**
 * Calls `visit(block, i, k)` for each seqs[k] that is stored, in seq order, with the row of its block
 * (first_seq and n first, then what `st` selects: st finds the last block starting at or before a seq)
 * and its position in that block. Seqs already ascending (a day of one file) are not sorted.
 */
function inBlocks<B extends [number, number, ...unknown[]]>(st: Database.Statement, seqs: ArrayLike<number>, visit: (block: B, i: number, k: number) => void): void {
  const order = Uint32Array.from({ length: seqs.length }, (_, k) => k);
  let ascending = true;
  for (let k = 1; k < seqs.length && ascending; k++) ascending = seqs[k - 1] < seqs[k];
  if (!ascending) order.sort((a, b) => seqs[a] - seqs[b]);
  let block: B | undefined;
  for (const k of order) {
    const seq = seqs[k];
    if (!block || seq < block[0] || seq >= block[0] + block[1]) block = st.get(seq) as B | undefined;
    if (!block || seq >= block[0] + block[1]) continue;
    visit(block, seq - block[0], k);
  }
}

/** The stored times (ms, NaN when invalid) of the events with the given seqs (any order), by position in `seqs`; only the ts column is read. */
export function readStoredTimes(db: Database.Database, seqs: ArrayLike<number>): Float64Array {
  const st = db.prepare('SELECT first_seq, n, ts FROM event_blocks WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1').raw();
  const out = new Float64Array(seqs.length).fill(NaN);
  let shown: Buffer | null = null;
  let tv: DataView | null = null;
  inBlocks<[number, number, Buffer]>(st, seqs, (block, i, k) => {
    if (block[2] !== shown) tv = view((shown = block[2]));
    out[k] = getI64(tv!, i * W_I64);
  });
  return out;
}

/** Every column of the stored events with the given seqs (any order), for showing them as rows. */
export interface StoredEvent {
  seq: number;
  eventId: Buffer;
  merchant: number;
  kind: number;
  attrs: number;
  /** NaN when invalid. */
  ts: number;
  amount: number;
  /** Line in the source file; NaN when not recorded. */
  line: number;
}

export function readStoredEvents(db: Database.Database, seqs: number[]): Map<number, StoredEvent> {
  const st = db.prepare('SELECT first_seq, n, event_id, merchant, kind, attrs, ts, amount, line FROM event_blocks WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1').raw();
  const out = new Map<number, StoredEvent>();
  inBlocks<[number, number, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer | null]>(st, seqs, (block, i, k) => {
    const seq = seqs[k];
    const line = block[8];
    out.set(seq, {
      seq,
      eventId: block[2].subarray(i * W_ID, (i + 1) * W_ID),
      merchant: view(block[3]).getInt32(i * W_I32),
      kind: view(block[4]).getInt32(i * W_I32),
      attrs: view(block[5]).getInt32(i * W_I32),
      ts: getI64(view(block[6]), i * W_I64),
      amount: getI64(view(block[7]), i * W_I64),
      line: line && line.length >= (i + 1) * W_I32 ? view(line).getInt32(i * W_I32) : NaN,
    });
  });
  return out;
}

/** One stored block decoded into columns; the arrays are reused for the next block, so copy what must outlive the call. */
export interface StoredBlock {
  firstSeq: number;
  n: number;
  /** 16 bytes per event, the UUID's bytes. */
  eventId: Buffer;
  merchant: Int32Array;
  kind: Int32Array;
  attrs: Int32Array;
  /** NaN when invalid. */
  ts: Float64Array;
  amount: Float64Array;
  /** NaN when the block predates stored lines (migration 004). */
  line: Float64Array;
}

/** Every block of the events with lo <= seq <= hi, in seq order, every column decoded (an export's reader; a generator, so a writer can pause it). */
export function* storedBlocks(db: Database.Database, lo: number, hi: number): Generator<StoredBlock, void, void> {
  const st = db.prepare('SELECT first_seq, n, event_id, merchant, kind, attrs, ts, amount, line FROM event_blocks WHERE first_seq BETWEEN ? AND ? ORDER BY first_seq').raw();
  const b: StoredBlock = {
    firstSeq: 0, n: 0, eventId: Buffer.alloc(0),
    merchant: new Int32Array(BLOCK_ROWS), kind: new Int32Array(BLOCK_ROWS), attrs: new Int32Array(BLOCK_ROWS),
    ts: new Float64Array(BLOCK_ROWS), amount: new Float64Array(BLOCK_ROWS), line: new Float64Array(BLOCK_ROWS),
  };
  for (const [first, n, ids, m, k, a, t, am, ln] of st.iterate(lo, hi) as Iterable<[number, number, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer | null]>) {
    const count = Math.min(n, hi - first + 1, BLOCK_ROWS);
    const mv = view(m);
    const kv = view(k);
    const av = view(a);
    const tv = view(t);
    const amv = view(am);
    const lv = ln && ln.length >= count * W_I32 ? view(ln) : null;
    for (let i = 0; i < count; i++) {
      b.merchant[i] = mv.getInt32(i * W_I32);
      b.kind[i] = kv.getInt32(i * W_I32);
      b.attrs[i] = av.getInt32(i * W_I32);
      b.ts[i] = getI64(tv, i * W_I64);
      b.amount[i] = getI64(amv, i * W_I64);
      b.line[i] = lv ? lv.getInt32(i * W_I32) : NaN;
    }
    b.firstSeq = first;
    b.n = count;
    b.eventId = ids;
    yield b;
  }
}
