// The stored events as a plain table, for tests that define what the engine should have computed as SQL
// over events. Decodes event_blocks by the layout written in migrations/003_event_blocks.sql, on its own
// (not through the engine's reader), so a writer that strayed from the documented layout shows up here.
import type Database from 'better-sqlite3';

const NULL64 = -(2n ** 63n);

function i64(b: Buffer, at: number): number | null {
  const v = b.readBigInt64BE(at);
  return v === NULL64 ? null : Number(v);
}

/** Creates (or refills) TEMP table `events` with one row per stored event; returns how many. */
export function materializeEvents(db: Database.Database): number {
  db.exec(`DROP TABLE IF EXISTS temp.events;
    CREATE TEMP TABLE events (seq INTEGER PRIMARY KEY, event_id BLOB, merchant INTEGER, ts INTEGER, amount INTEGER, kind INTEGER,
      attrs INTEGER, status INTEGER, product INTEGER, event_type INTEGER)`);
  const insert = db.prepare('INSERT INTO temp.events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const blocks = db.prepare('SELECT first_seq, n, event_id, merchant, kind, attrs, ts, amount FROM main.event_blocks ORDER BY first_seq').raw().all() as [
    number, number, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer,
  ][];
  let count = 0;
  db.transaction(() => {
    for (const [first, n, ids, merchant, kind, attrs, ts, amount] of blocks) {
      for (const [col, width] of [[ids, 16], [merchant, 4], [kind, 4], [attrs, 4], [ts, 8], [amount, 8]] as const) {
        if (col.length !== n * width) throw new Error(`block ${first}: a column of ${col.length} bytes for ${n} events of ${width} bytes`);
      }
      for (let i = 0; i < n; i++) {
        const k = kind.readInt32BE(i * 4);
        insert.run(first + i, ids.subarray(i * 16, i * 16 + 16), merchant.readInt32BE(i * 4), i64(ts, i * 8), i64(amount, i * 8), k, attrs.readInt32BE(i * 4), k % 4, Math.floor(k / 4) % 8, Math.floor(k / 32));
        count++;
      }
    }
  })();
  return count;
}
