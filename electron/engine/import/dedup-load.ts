// Builds the in-memory dedup index from the stored event ids (first import of a session, or after the
// database changed underneath). A year holds about 10M ids, so they are read a slice of blocks at a
// time with a pause between slices, in which the import sends progress and can be cancelled.
import type Database from 'better-sqlite3';
import { DedupIndex } from './dedup-index.js';
import { hashId, tagHash } from './batch.js';
import { BLOCK_ROWS, forEachStoredId, storedEventCount } from './event-blocks.js';

/** About 100,000 ids a slice. */
const SLICE_BLOCKS = Math.ceil(100_000 / BLOCK_ROWS);

/** `nextSeq` is the seq the import's first new event will get. */
export async function loadDedupIndex(db: Database.Database, extraRows: number, nextSeq: number, pause: () => Promise<void>): Promise<DedupIndex> {
  const stored = storedEventCount(db);
  // Forgotten files leave gaps in the stored seqs: the table names seqs from about the lowest one up.
  const index = new DedupIndex(stored + extraRows, Math.max(1, nextSeq - stored));
  const insert = (seq: number, w0: number, w1: number, w2: number, w3: number) =>
    index.insertKnown(hashId(w0, w1, w2, w3), tagHash(w0, w1, w2, w3), seq);
  let after = 0;
  for (;;) {
    const slice = forEachStoredId(db, after, SLICE_BLOCKS, insert);
    if (slice.blocks < SLICE_BLOCKS) return index;
    after = slice.last;
    await pause();
  }
}
