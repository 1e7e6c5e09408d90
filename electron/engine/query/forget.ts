// "Forget this file": removes one stored file's events and subtracts them from every summary, in one
// transaction, so the metrics follow at once.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api.js';
import type { ForgetResult } from '../../../shared/importing.js';
import { loadCurrentSummaries } from '../import/summaries.js';
import { bumpGeneration } from '../import/recovery.js';

export function forgetSource(db: Database.Database, sourceId: number): { result: ForgetResult; generation: number } {
  const src = db.prepare("SELECT id, path, first_seq, last_seq, events FROM sources WHERE id = ? AND status = 'imported'").get(sourceId) as
    | { id: number; path: string; first_seq: number; last_seq: number; events: number }
    | undefined;
  if (!src) throw new AppError({ code: 'not_found', message: 'That file is no longer in the database; refresh the import history.' });
  // Files whose rows lost to this file's events as duplicates: their stored copy must be read again to get those rows back.
  const linked = db
    .prepare(
      `SELECT DISTINCT f.path, f.source_id FROM duplicate_links d JOIN import_files f ON f.id = d.import_file_id
       WHERE d.source_id = ? AND f.source_id IS NOT NULL AND f.source_id <> ?`,
    )
    .all(sourceId, sourceId) as { path: string; source_id: number }[];
  let generation = 0;
  db.transaction(() => {
    const state = loadCurrentSummaries(db);
    if (src.last_seq >= src.first_seq) {
      state.countRange(db, src.first_seq, src.last_seq, -1);
      // A block never spans two files: the file's blocks are those starting in its seq range.
      db.prepare('DELETE FROM event_blocks WHERE first_seq BETWEEN ? AND ?').run(src.first_seq, src.last_seq);
    }
    state.write(db);
    db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
    db.prepare('UPDATE import_files SET source_id = NULL WHERE source_id = ?').run(sourceId);
    db.prepare('DELETE FROM duplicate_links WHERE source_id = ?').run(sourceId);
    // A NULL hash makes the next import read these files again instead of calling them unchanged.
    const clear = db.prepare('UPDATE sources SET hash = NULL WHERE id = ?');
    for (const l of linked) clear.run(l.source_id);
    generation = bumpGeneration(db);
  }).immediate();
  return {
    result: { source_ids: [sourceId], events_removed: src.events, files_to_reimport: [...new Set(linked.map((l) => l.path))] },
    generation,
  };
}
