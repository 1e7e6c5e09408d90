// Makes the stored state whole after an import was interrupted (kill -9, power loss, a full disk):
// events of a file that never finished are removed, and the summaries are rebuilt from what remains.
import type Database from 'better-sqlite3';
import { rebuildSummaries } from './summaries.js';

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

/** What an interrupted import left behind: a file half written, summaries not written back, a ledger row still running. */
function leftovers(db: Database.Database) {
  return {
    summariesStale: meta(db, 'summaries_valid') !== '1',
    importing: db.prepare("SELECT id, first_seq FROM sources WHERE status = 'importing' ORDER BY first_seq").all() as { id: number; first_seq: number }[],
    running: db.prepare("SELECT 1 FROM imports WHERE status = 'running' LIMIT 1").get() !== undefined,
  };
}

export function needsRecovery(db: Database.Database): boolean {
  const l = leftovers(db);
  return l.summariesStale || l.importing.length > 0 || l.running;
}

/**
 * Called by the only writer when it opens the database (and after a storage error), so a 'running'
 * import here was cut off. Returns true when anything had to be repaired.
 */
export function recover(db: Database.Database): boolean {
  if (!needsRecovery(db)) return false;
  db.transaction(() => {
    const l = leftovers(db);
    for (const s of l.importing) {
      // A file being imported is always the last one written, so its events are everything from first_seq on.
      db.prepare('DELETE FROM events WHERE seq >= ?').run(s.first_seq);
      db.prepare('DELETE FROM sources WHERE id = ?').run(s.id);
    }
    if (l.importing.length) {
      db.prepare("DELETE FROM rejected_rows WHERE import_file_id IN (SELECT id FROM import_files WHERE status = 'failed' AND error_code = 'interrupted')").run();
    }
    db.prepare("UPDATE imports SET status = 'interrupted', finished_at = coalesce(finished_at, ?) WHERE status = 'running'").run(new Date().toISOString());
    if (l.summariesStale || l.importing.length) {
      rebuildSummaries(db);
      setSummariesValid(db, true);
      bumpGeneration(db);
    }
  }).immediate();
  return true;
}
