// Prepared statements the importer uses, and the multi-row event insert (one statement per 64 rows is
// about twice as fast as one per row through better-sqlite3).
import type Database from 'better-sqlite3';

export const EVENT_COLUMNS = 6;
export const ROWS_PER_INSERT = 64;

/**
 * Appends events. The seq of each row is assigned by SQLite (max + 1): binding it explicitly halves the
 * insert rate, so the importer predicts it and checks the prediction at the end of every file.
 */
export class EventInserter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly params: unknown[] = new Array(EVENT_COLUMNS * ROWS_PER_INSERT);
  /** Rows waiting in params, and their ids (for duplicate checks before they are written). */
  pending = 0;
  firstPendingSeq = 0;
  readonly pendingIds = new Uint32Array(ROWS_PER_INSERT * 4);
  /**
   * One 16-byte buffer per row of a statement, reused: better-sqlite3 copies a blob when it binds it.
   * A fresh buffer per row made garbage outside the JS heap that the collector let grow by ~80 MB
   * before collecting it (seen as a spike in a 2 GB file's import).
   */
  private readonly idBuffers = Array.from({ length: ROWS_PER_INSERT }, () => Buffer.alloc(16));

  constructor(db: Database.Database) {
    const row = `(${new Array(EVENT_COLUMNS).fill('?').join(',')})`;
    const head = 'INSERT INTO events (event_id, merchant, ts, amount, kind, attrs) VALUES ';
    this.many = db.prepare(head + new Array(ROWS_PER_INSERT).fill(row).join(','));
    this.one = db.prepare(head + row);
  }

  add(seq: number, ids: Uint32Array, at: number, merchant: number, ts: number, kobo: number, kind: number, attrs: number): void {
    if (this.pending === 0) this.firstPendingSeq = seq;
    const p = this.params;
    const k = this.pending * EVENT_COLUMNS;
    const id = this.idBuffers[this.pending];
    id.writeUInt32BE(ids[at], 0);
    id.writeUInt32BE(ids[at + 1], 4);
    id.writeUInt32BE(ids[at + 2], 8);
    id.writeUInt32BE(ids[at + 3], 12);
    const w = this.pending * 4;
    this.pendingIds[w] = ids[at];
    this.pendingIds[w + 1] = ids[at + 1];
    this.pendingIds[w + 2] = ids[at + 2];
    this.pendingIds[w + 3] = ids[at + 3];
    p[k] = id;
    p[k + 1] = merchant;
    p[k + 2] = ts === ts ? ts : null;
    p[k + 3] = kobo === kobo ? kobo : null;
    p[k + 4] = kind;
    p[k + 5] = attrs;
    if (++this.pending === ROWS_PER_INSERT) {
      this.many.run(p);
      this.pending = 0;
    }
  }

  /** The id of a seq still waiting here, or null. */
  pendingId(seq: number): Uint32Array | null {
    const i = seq - this.firstPendingSeq;
    if (this.pending === 0 || i < 0 || i >= this.pending) return null;
    return this.pendingIds.subarray(i * 4, i * 4 + 4);
  }

  flush(): void {
    const p = this.params;
    for (let r = 0; r < this.pending; r++) this.one.run(p.slice(r * EVENT_COLUMNS, (r + 1) * EVENT_COLUMNS));
    this.pending = 0;
  }

  /** Forgets rows not yet written (after a rollback). */
  discard(): void {
    this.pending = 0;
  }
}

/** Reads a stored event id as four words. */
export function storedIdReader(db: Database.Database): (seq: number) => Uint32Array | null {
  const st = db.prepare('SELECT event_id FROM events WHERE seq = ?').pluck();
  const out = new Uint32Array(4);
  return (seq) => {
    const b = st.get(seq) as Buffer | undefined;
    if (!b) return null;
    out[0] = b.readUInt32BE(0);
    out[1] = b.readUInt32BE(4);
    out[2] = b.readUInt32BE(8);
    out[3] = b.readUInt32BE(12);
    return out;
  };
}

/** Text -> id dictionary backed by a table, loaded once and extended as new values appear. */
export class LabelIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Database.Statement;
  constructor(db: Database.Database, table: 'merchants' | 'labels', private readonly kind?: string) {
    const rows = (
      table === 'merchants'
        ? db.prepare('SELECT code, id FROM merchants').raw().all()
        : db.prepare('SELECT text, id FROM labels WHERE kind = ?').raw().all(kind)
    ) as [string, number][];
    for (const [t, id] of rows) {
      this.ids.set(t, id);
      if (id > this.max) this.max = id;
    }
    this.insert =
      table === 'merchants'
        ? db.prepare('INSERT INTO merchants (code) VALUES (?)')
        : db.prepare('INSERT INTO labels (kind, text) VALUES (?, ?)');
  }
  private max = 0;
  get maxId(): number {
    return this.max;
  }
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      const r = this.kind === undefined ? this.insert.run(text) : this.insert.run(this.kind, text);
      id = Number(r.lastInsertRowid);
      this.ids.set(text, id);
      if (id > this.max) this.max = id;
    }
    return id;
  }
}

/** (channel, region, tier) label ids -> attr_sets id, loaded once and extended as new combinations appear. */
export class AttrSetIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Database.Statement;
  constructor(db: Database.Database) {
    for (const [c, r, t, id] of db.prepare('SELECT channel, region, tier, id FROM attr_sets').raw().all() as number[][]) this.ids.set(`${c},${r},${t}`, id);
    this.insert = db.prepare('INSERT INTO attr_sets (channel, region, tier) VALUES (?, ?, ?)');
  }
  id(channel: number, region: number, tier: number): number {
    const key = `${channel},${region},${tier}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = Number(this.insert.run(channel, region, tier).lastInsertRowid);
      this.ids.set(key, id);
    }
    return id;
  }
}
