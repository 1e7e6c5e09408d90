// Makes the stored state whole after an import was interrupted (kill -9, power loss, a full disk): the
// import is marked interrupted and, if any of its files had committed, the summaries are rebuilt from
// the stored events. (A file that never finished was never committed: SQLite rolled it back.)
import type Database from 'better-sqlite3';
import { rebuildSummaries, summariesCurrent } from './summaries.js';

const meta = (db: Database.Database, key: string) =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
const setMeta = (db: Database.Database, key: string, value: string) =>
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

export function setSummariesValid(db: Database.Database, valid: boolean): void {
  setMeta(db, 'summaries_valid', valid ? '1' : '0');
}

/** A counter bumped whenever stored events change, so cached indexes know when to reload. */
export function readGeneration(db: Database.Database): number {
  return Number(meta(db, 'generation') ?? '0');
}

export function bumpGeneration(db: Database.Database): number {
  const g = readGeneration(db) + 1;
  setMeta(db, 'generation', String(g));
  return g;
}

/**
 * What an interrupted import leaves behind. Each file is one transaction, so half a file is never
 * stored: what can remain is summaries not yet written back (some files committed) and a ledger row
 * still marked running.
 */
function leftovers(db: Database.Database) {
  return {
    summariesStale: !summariesCurrent(db),
    running: db.prepare("SELECT 1 FROM imports WHERE status = 'running' LIMIT 1").get() !== undefined,
  };
}

export function needsRecovery(db: Database.Database): boolean {
  const l = leftovers(db);
  return l.summariesStale || l.running;
}

/**
 * Called by the only writer when it opens the database (and after a storage error), so a 'running'
 * import here was cut off. Returns true when anything had to be repaired.
 */
export function recover(db: Database.Database): boolean {
  if (!needsRecovery(db)) return false;
  db.transaction(() => {
    const l = leftovers(db);
    db.prepare("UPDATE imports SET status = 'interrupted', finished_at = coalesce(finished_at, ?) WHERE status = 'running'").run(new Date().toISOString());
    if (l.summariesStale) {
      rebuildSummaries(db);
      setSummariesValid(db, true);
      bumpGeneration(db);
    }
  }).immediate();
  return true;
}
