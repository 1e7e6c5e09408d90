// The query plans of the statements the engine itself prepares (recorded while its read paths run),
// not of copies of them: a statement that changes keeps being checked.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/engine/db/migrate.js';
import { forEachStoredColumns, readStoredEvents, storedIdFinder } from '../../electron/engine/import/event-blocks.js';
import { readTotals } from '../../electron/engine/query/metrics.js';
import { readRejectedRows } from '../../electron/engine/query/rejected-rows.js';
import { EventIndex } from '../../electron/engine/explore/event-index.js';

/** Runs `work` with every statement prepared on db recorded. */
function recording(db: Database.Database, work: () => void): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: typeof db.prepare }).prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    work();
  } finally {
    (db as { prepare: typeof db.prepare }).prepare = prepare;
  }
  return seen;
}

function plan(db: Database.Database, sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => 1);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

function find(statements: string[], pattern: RegExp): string {
  const hit = statements.find((s) => pattern.test(s));
  if (!hit) throw new Error(`no statement matching ${pattern} among:\n${statements.join('\n')}`);
  return hit;
}

describe('query plans of the engine statements', () => {
  const db = new Database(':memory:');
  migrate(db);

  it('the top merchants are read through the volume index', () => {
    const sql = recording(db, () => readTotals(db));
    expect(plan(db, find(sql, /FROM s_volume ORDER BY kobo DESC/))).toMatch(/SCAN s_volume USING (COVERING )?INDEX s_volume_rank/);
    expect(plan(db, find(sql, /JOIN merchants/))).toMatch(/SEARCH v USING (COVERING )?INDEX s_volume_rank \(kobo>\?\)/);
    for (const s of sql) expect(plan(db, s)).not.toMatch(/event_blocks/);
  });

  it("a file's blocks, and one event's block, are found by key, never by scanning", () => {
    const sql = recording(db, () => {
      forEachStoredColumns(db, 1, 10, () => {});
      readStoredEvents(db, [5]);
      storedIdFinder(db)(5, 68, [1, 2, 3, 4], 0);
    });
    expect(sql).toHaveLength(3);
    expect(plan(db, sql[0])).toMatch(/^SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/);
    expect(plan(db, sql[1])).toMatch(/^SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid<\?\)$/);
    expect(plan(db, sql[2])).toMatch(/^SEARCH event_blocks USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/);
  });

  it('loading the filter index reads the stored files without touching events beyond their ranges', () => {
    const sql = recording(db, () => new EventIndex().sync(db));
    const sources = find(sql, /FROM sources s LEFT JOIN import_files/);
    expect(plan(db, sources)).not.toMatch(/event_blocks/);
  });

  it('rejected rows are paged through their index', () => {
    const sql = recording(db, () => readRejectedRows(db, () => new EventIndex(), { import_id: 1, kind: 'rejected', limit: 10 }));
    expect(sql.length).toBeGreaterThan(0);
    for (const s of sql) expect(plan(db, s)).toMatch(/USING (COVERING )?INDEX rejected_rows_import/);
  });
});
