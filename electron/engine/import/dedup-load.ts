// Builds the in-memory dedup index from the stored event ids (first import of a session, or after the
// database changed underneath).
import type Database from 'better-sqlite3';
import { DedupIndex } from './dedup-index.js';
import { hashId } from './batch.js';

export function loadDedupIndex(db: Database.Database, extraRows = 0): DedupIndex {
  const count = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const index = new DedupIndex(count + extraRows);
  const rows = db.prepare('SELECT seq, event_id FROM events').raw().iterate() as Iterable<[number, Buffer]>;
  for (const [seq, id] of rows) {
    index.insertKnown(hashId(id.readUInt32BE(0), id.readUInt32BE(4), id.readUInt32BE(8), id.readUInt32BE(12)), seq);
  }
  return index;
}
