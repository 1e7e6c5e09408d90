// Migrations on an in-memory database, and the query plans the engine relies on.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/engine/db/migrate.js';
import { AppError } from '../../shared/api.js';

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

  it('pack product, status and event type so the virtual columns read them back', () => {
    const db = fresh();
    migrate(db);
    db.prepare('INSERT INTO events (event_id, merchant, ts, amount, kind, attrs) VALUES (x\'00\', 1, NULL, NULL, ?, 1)').run(123 * 32 + 6 * 4 + 2);
    expect(db.prepare('SELECT product, status, event_type FROM events').get()).toEqual({ product: 6, status: 2, event_type: 123 });
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
    expect(plan(db, 'SELECT count(*) FROM events WHERE seq BETWEEN ? AND ?', 1, 2)).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(plan(db, 'DELETE FROM events WHERE seq >= ?', 1)).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  });

  it('unchanged files are recognised by hash through its index', () => {
    expect(plan(db, "SELECT id FROM sources WHERE hash = ? AND status = 'imported' ORDER BY id LIMIT 1", 'h')).toMatch(/USING INDEX sources_hash/);
  });

  it('rejected rows are paged through their index', () => {
    expect(plan(db, "SELECT count(*) FROM rejected_rows r WHERE r.import_id = ? AND r.kind = ?", 1, 'rejected')).toMatch(/USING (COVERING )?INDEX rejected_rows_import/);
    expect(plan(db, 'SELECT r.id FROM rejected_rows r WHERE r.import_id = ? AND r.kind = ? ORDER BY r.id LIMIT 10', 1, 'rejected')).toMatch(/USING (COVERING )?INDEX rejected_rows_import/);
    expect(plan(db, 'DELETE FROM rejected_rows WHERE import_file_id = ?', 1)).toMatch(/USING (COVERING )?INDEX rejected_rows_file/);
  });

  it('the per-metric tables are read by key, never by scanning events', () => {
    for (const sql of ['SELECT month, merchants FROM m_month ORDER BY month', 'SELECT product, merchants FROM m_adoption', 'SELECT step, merchants FROM m_kyc', 'SELECT product, status, n FROM s_status']) {
      expect(plan(db, sql)).not.toMatch(/events/);
    }
  });
});
