// Migrations on an in-memory database, and the query plans the engine relies on.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/engine/db/migrate.js';
import { AppError } from '../../shared/api.js';
import { BLOCK_ROWS, BlockWriter, forEachStoredEvent, forEachStoredId, lastStoredSeq, storedEventCount, readStoredEvents, storedIdFinder } from '../../electron/engine/import/event-blocks.js';
import { materializeEvents } from '../helpers/stored-events.js';

const fresh = () => new Database(':memory:');
const plan = (db: Database.Database, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migrations', () => {
  it('apply in order, each on its own and all together, and set user_version', () => {
    const all = loadMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    for (let upTo = 1; upTo <= all.length; upTo++) {
      const db = fresh();
      expect(migrate(db, all.slice(0, upTo))).toBe(upTo);
      expect(db.pragma('user_version', { simple: true })).toBe(upTo);
      // Applying again changes nothing.
      expect(migrate(db, all.slice(0, upTo))).toBe(upTo);
      db.close();
    }
  });

  it('roll back whole when one fails', () => {
    const db = fresh();
    const broken = [...loadMigrations(), { version: loadMigrations().length + 1, name: '999_broken.sql', sql: 'CREATE TABLE x (a); SELECT nope FROM nowhere;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('refuse a newer database and a foreign one with clear messages', () => {
    const newer = fresh();
    migrate(newer);
    newer.pragma(`user_version = ${loadMigrations().length + 1}`);
    expect(() => migrate(newer)).toThrow(AppError);
    expect(() => migrate(newer)).toThrow(/newer version/);
    const foreign = fresh();
    foreign.exec('CREATE TABLE customers (id INTEGER)');
    expect(() => migrate(foreign)).toThrow(/not made by Merchant Analytics/);
  });

  it('002 moves version-1 events to the compact layout, keeping every seq and each channel, region and tier', () => {
    const all = loadMigrations();
    const db = fresh();
    migrate(db, all.slice(0, 1));
    const insert = db.prepare('INSERT INTO events (seq, source_id, event_id, merchant, ts, amount, kind, channel, region, tier) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)');
    const v1: unknown[][] = [];
    for (let seq = 1; seq <= 40; seq++) {
      const row = [seq, Buffer.from([seq]), seq % 7, seq % 5 ? 1_700_000_000_000 + seq : null, seq % 6 ? seq * 100 : null, seq * 4 + (seq % 3), 10 + (seq % 2), 20 + (seq % 3), 30 + (seq % 4)];
      insert.run(...row);
      v1.push(row);
    }
    migrate(db, all.slice(0, 2));
    const cols = db.prepare('SELECT name FROM pragma_table_info(\'events\')').pluck().all();
    expect(cols).toEqual(['seq', 'event_id', 'merchant', 'ts', 'amount', 'kind', 'attrs']);
    const v2 = db.prepare('SELECT seq, event_id, merchant, ts, amount, kind, channel, region, tier FROM events_full ORDER BY seq').raw().all();
    expect(v2).toEqual(v1);
    // 2 channels x 3 regions x 4 tiers, each combination stored once.
    expect(db.prepare('SELECT count(*) FROM attr_sets').pluck().get()).toBe(new Set(v1.map((r) => `${r[6]},${r[7]},${r[8]}`)).size);
  });

  it('003 moves version-2 events into blocks of one file, every value and NULL kept', () => {
    const all = loadMigrations();
    const db = fresh();
    migrate(db, all.slice(0, 2));
    db.exec("INSERT INTO attr_sets (id, channel, region, tier) VALUES (1, 10, 20, 30), (2, 11, 21, 31)");
    db.exec("INSERT INTO imports (id, started_at, status, inputs, ignored) VALUES (1, 'now', 'done', '[]', '[]')");
    const source = db.prepare("INSERT INTO sources (path, size, file_date, status, first_seq, last_seq, events, import_id, imported_at) VALUES (?, 1, NULL, 'imported', ?, ?, ?, 1, 'now')");
    const insert = db.prepare('INSERT INTO events (seq, event_id, merchant, ts, amount, kind, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Files of 3, 2,500 (three blocks) and 1 events; times before 1970 and amounts up to 2^53 - 1.
    const v2: unknown[][] = [];
    let seq = 1;
    for (const [i, size] of [3, 2500, 1].entries()) {
      source.run(`f${i}.csv`, seq, seq + size - 1, size);
      for (let k = 0; k < size; k++, seq++) {
        const id = Buffer.alloc(16);
        id.writeUInt32BE(seq * 2654435761 >>> 0, 0);
        id.writeUInt32BE(0xffffffff - seq, 12);
        const ts = seq % 7 === 0 ? null : seq % 5 === 0 ? -86_400_000 * seq - 1 : 1_704_067_200_000 + seq * 1000;
        const amount = seq % 11 === 0 ? null : seq === 2 ? Number.MAX_SAFE_INTEGER : seq * 12_345;
        const row = [seq, id, 1 + (seq % 900), ts, amount, 123 * 32 + (seq % 7) * 4 + (seq % 3), 1 + (seq % 2)];
        insert.run(...row);
        v2.push(row);
      }
    }
    migrate(db, all.slice(0, 3));
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('events', 'events_full')").pluck().get()).toBe(0);
    // One block for the first file, three for the second (1024 + 1024 + 452), one for the last.
    expect(db.prepare('SELECT first_seq, n FROM event_blocks ORDER BY first_seq').raw().all()).toEqual([[1, 3], [4, 1024], [1028, 1024], [2052, 452], [2504, 1]]);
    expect(materializeEvents(db)).toBe(v2.length);
    expect(db.prepare('SELECT seq, event_id, merchant, ts, amount, kind, attrs FROM events ORDER BY seq').raw().all()).toEqual(v2);
    // The engine's own readers agree with the independent decoding.
    const read: unknown[][] = [];
    forEachStoredEvent(db, 1, 2504, (merchant, ts, kind, amount) => read.push([merchant, Number.isNaN(ts) ? null : ts, Number.isNaN(amount) ? null : amount, kind]));
    expect(read).toEqual(v2.map((r) => [r[2], r[3], r[4], r[5]]));
    const find = storedIdFinder(db);
    const words = (b: Buffer) => [0, 4, 8, 12].map((k) => b.readUInt32BE(k));
    // Found in a range that spans blocks (and files), at its ends, and not outside it.
    for (const s of [1, 3, 4, 1027, 1028, 2503, 2504]) {
      const id = words(v2[s - 1][1] as Buffer);
      expect(find(s, s, id, 0)).toBe(s);
      expect(find(Math.max(1, s - 200), s + 200, id, 0)).toBe(s);
      expect(find(s + 1, s + 300, id, 0)).toBe(0);
      expect(find(Math.max(1, s - 300), s - 1, id, 0)).toBe(0);
    }
    expect(find(2505, 3000, [0, 0, 0, 0], 0)).toBe(0);
    expect(lastStoredSeq(db)).toBe(2504);
  });

  it('003 refuses to drop events it could not place in a file, or to pack a value of the wrong width, and leaves the database at version 2', () => {
    const all = loadMigrations();
    const cases: [string, Buffer, number][] = [
      ['no file for the event', Buffer.alloc(16), 1],
      ['a 15-byte id', Buffer.alloc(15), 1],
      ['a negative merchant id', Buffer.alloc(16), -1],
    ];
    for (const [name, id, merchant] of cases) {
      const db = fresh();
      migrate(db, all.slice(0, 2));
      db.exec("INSERT INTO attr_sets (id, channel, region, tier) VALUES (1, 10, 20, 30)");
      if (name !== 'no file for the event') {
        db.exec("INSERT INTO imports (id, started_at, status, inputs, ignored) VALUES (1, 'now', 'done', '[]', '[]')");
        db.exec("INSERT INTO sources (path, size, file_date, status, first_seq, last_seq, events, import_id, imported_at) VALUES ('a.csv', 1, NULL, 'imported', 1, 2, 2, 1, 'now')");
        db.prepare('INSERT INTO events (seq, event_id, merchant, ts, amount, kind, attrs) VALUES (2, ?, 1, NULL, NULL, 0, 1)').run(Buffer.alloc(16));
      }
      db.prepare('INSERT INTO events (seq, event_id, merchant, ts, amount, kind, attrs) VALUES (1, ?, ?, NULL, NULL, 0, 1)').run(id, merchant);
      expect(() => migrate(db, all.slice(0, 3)), name).toThrow(/CHECK constraint failed/);
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBeGreaterThan(0);
      db.close();
    }
  });
  it('005 and 006 add the saved views, the window settings and the watched folders to a version-4 database with data', () => {
    const all = loadMigrations();
    const db = fresh();
    migrate(db, all.slice(0, 4));
    db.prepare("INSERT INTO merchants (code) VALUES ('M-1')").run();
    expect(migrate(db, all.slice(0, 6))).toBe(6);
    expect(db.prepare('SELECT code FROM merchants').pluck().all()).toEqual(['M-1']);
    const now = '2026-12-02T00:00:00Z';
    const view = db.prepare('INSERT INTO saved_views (name, state, dates, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    view.run('Lagos last month', 'region=LAGOS', 'relative', 1, now, now);
    // Names are unique whatever their case, and a view keeps its dates one of two ways.
    expect(() => view.run('LAGOS LAST MONTH', '', 'fixed', 2, now, now)).toThrow(/UNIQUE/);
    expect(() => view.run('Other', '', 'sometimes', 2, now, now)).toThrow(/CHECK/);
    db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?)').run('last_view', 'from=2025-01-01');
    const folder = db.prepare('INSERT INTO watched_folders (path, added_at) VALUES (?, ?)');
    folder.run('/data/exports', now);
    expect(() => folder.run('/data/exports', now)).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT paused, last_scan_at FROM watched_folders').get()).toEqual({ paused: 0, last_scan_at: null });
    db.close();
  });
});

describe('event blocks', () => {
  it('keep every value through the writer, across blocks, and give ids of rows not yet written', () => {
    const db = fresh();
    migrate(db);
    const writer = new BlockWriter(db);
    const ids = new Uint32Array(4);
    const expected: unknown[][] = [];
    for (let seq = 1; seq <= BLOCK_ROWS + 10; seq++) {
      ids.set([seq, 0xdeadbeef, 0, 0xffffffff - seq]);
      const ts = seq % 9 === 0 ? NaN : -1_000 * seq;
      const amount = seq % 13 === 0 ? NaN : seq === 5 ? Number.MAX_SAFE_INTEGER : seq * 7;
      writer.add(seq, ids, 0, seq * 3, ts, amount, seq % 4000, seq % 300, seq + 1);
      expected.push([seq, seq * 3, Number.isNaN(ts) ? null : ts, Number.isNaN(amount) ? null : amount, seq % 4000, seq % 300]);
      if (seq === BLOCK_ROWS + 3) {
        const id = [BLOCK_ROWS + 2, 0xdeadbeef, 0, 0xffffffff - BLOCK_ROWS - 2];
        expect(writer.pendingSeqOf(1, BLOCK_ROWS + 100, id, 0)).toBe(BLOCK_ROWS + 2);
        expect(writer.pendingSeqOf(BLOCK_ROWS + 3, BLOCK_ROWS + 100, id, 0)).toBe(0);
      }
    }
    // The first block went out when it was full; the rest waits for the end of the file.
    expect(db.prepare('SELECT first_seq, n FROM event_blocks').raw().all()).toEqual([[1, BLOCK_ROWS]]);
    expect(writer.pendingSeqOf(1, 1, [1, 0xdeadbeef, 0, 0xffffffff - 1], 0)).toBe(0);
    writer.flush();
    expect(materializeEvents(db)).toBe(BLOCK_ROWS + 10);
    expect(db.prepare('SELECT seq, merchant, ts, amount, kind, attrs FROM events ORDER BY seq').raw().all()).toEqual(expected);
    expect(storedIdFinder(db)(1, 64, [7, 0xdeadbeef, 0, 0xffffffff - 7], 0)).toBe(7);
    const seen: number[] = [];
    forEachStoredId(db, 0, 10, (seq, w0) => seen.push(seq - w0));
    expect(seen).toEqual(new Array(BLOCK_ROWS + 10).fill(0));
    expect(storedEventCount(db)).toBe(BLOCK_ROWS + 10);
    // Each event keeps the line it came from (version 4), read back with the rest of its columns.
    const back = readStoredEvents(db, [1, BLOCK_ROWS, BLOCK_ROWS + 10]);
    expect([...back.values()].map((e) => [e.seq, e.line, e.merchant])).toEqual([
      [1, 2, 3],
      [BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS * 3],
      [BLOCK_ROWS + 10, BLOCK_ROWS + 11, (BLOCK_ROWS + 10) * 3],
    ]);
  });
});

describe('query plans', () => {
  const db = fresh();
  migrate(db);

  it('top merchants walk the volume index', () => {
    expect(plan(db, 'SELECT kobo FROM s_volume ORDER BY kobo DESC LIMIT 1 OFFSET 9')).toMatch(/SCAN s_volume USING (COVERING )?INDEX s_volume_rank/);
    expect(plan(db, 'SELECT m.code, v.kobo FROM s_volume v JOIN merchants m ON m.id = v.merchant WHERE v.kobo >= ? ORDER BY v.kobo DESC, m.code LIMIT 10', 0)).toMatch(
      /SEARCH v USING (COVERING )?INDEX s_volume_rank \(kobo>\?\)/,
    );
  });

  it("a file's events are found by their seq range, not a scan", () => {
    expect(plan(db, 'SELECT n FROM event_blocks WHERE first_seq BETWEEN ? AND ? ORDER BY first_seq', 1, 2)).toMatch(/^SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/);
    expect(plan(db, 'DELETE FROM event_blocks WHERE first_seq BETWEEN ? AND ?', 1, 2)).toMatch(/SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    // The block holding one seq (a duplicate's first copy), and the last seq: one step down the key, no sort.
    expect(plan(db, 'SELECT n FROM event_blocks WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1', 5)).toMatch(/^SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid<\?\)$/);
    expect(plan(db, 'SELECT n FROM event_blocks ORDER BY first_seq DESC LIMIT 1')).toMatch(/^SCAN event_blocks$/);
  });

  it('unchanged files are recognised by hash through its index', () => {
    expect(plan(db, "SELECT id FROM sources WHERE hash = ? AND status = 'imported' ORDER BY id LIMIT 1", 'h')).toMatch(/USING INDEX sources_hash/);
  });

  it('rejected rows are paged through their index', () => {
    expect(plan(db, "SELECT count(*) FROM rejected_rows r WHERE r.import_id = ? AND r.kind = ?", 1, 'rejected')).toMatch(/USING (COVERING )?INDEX rejected_rows_import/);
    expect(plan(db, 'SELECT r.id FROM rejected_rows r WHERE r.import_id = ? AND r.kind = ? ORDER BY r.id LIMIT 10', 1, 'rejected')).toMatch(/USING (COVERING )?INDEX rejected_rows_import/);
  });

  it('the per-metric tables are read by key, never by scanning events', () => {
    for (const sql of ['SELECT month, merchants FROM m_month ORDER BY month', 'SELECT product, merchants FROM m_adoption', 'SELECT step, merchants FROM m_kyc', 'SELECT product, status, n FROM s_status']) {
      expect(plan(db, sql)).not.toMatch(/event_blocks/);
    }
  });
});
