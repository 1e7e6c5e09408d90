-- Version 3: events are stored in blocks of up to 1024 events of one file with consecutive seqs, one
-- blob per column. Writing one row per block instead of binding six values per event cut the import's
-- write thread by about a third; the metrics never read events (they read the summaries), and forgetting
-- a file deletes its blocks by seq range as before.
--
-- Layout of a block (electron/engine/import/event-blocks.ts reads and writes it): event i of the block
-- has seq first_seq + i, and its values sit at byte i * width of each column, big-endian:
--   event_id  16 bytes, the UUID's bytes
--   merchant  4 bytes, merchants.id
--   kind      4 bytes, event_type * 32 + product * 4 + status (as in version 2)
--   attrs     4 bytes, attr_sets.id
--   ts        8 bytes, signed milliseconds since 1970 of the time as written; -2^63 when invalid
--   amount    8 bytes, signed kobo; -2^63 when invalid
CREATE TABLE event_blocks (
  first_seq INTEGER PRIMARY KEY,
  n         INTEGER NOT NULL CHECK (n > 0),
  event_id  BLOB NOT NULL,
  merchant  BLOB NOT NULL,
  kind      BLOB NOT NULL,
  attrs     BLOB NOT NULL,
  ts        BLOB NOT NULL,
  amount    BLOB NOT NULL
);

INSERT INTO event_blocks (first_seq, n, event_id, merchant, kind, attrs, ts, amount)
  SELECT min(e.seq), count(*),
         unhex(group_concat(hex(e.event_id), '' ORDER BY e.seq)),
         unhex(group_concat(printf('%08x', e.merchant), '' ORDER BY e.seq)),
         unhex(group_concat(printf('%08x', e.kind), '' ORDER BY e.seq)),
         unhex(group_concat(printf('%08x', e.attrs), '' ORDER BY e.seq)),
         unhex(group_concat(printf('%016x', coalesce(e.ts, -9223372036854775808)), '' ORDER BY e.seq)),
         unhex(group_concat(printf('%016x', coalesce(e.amount, -9223372036854775808)), '' ORDER BY e.seq))
  FROM sources s JOIN events e ON e.seq BETWEEN s.first_seq AND s.last_seq
  GROUP BY s.id, (e.seq - s.first_seq) / 1024
  ORDER BY 1;

-- Every event must have moved (each file's events are one contiguous seq range), and every value must
-- have its width (a 16-byte id; ids that printf writes in 8 hex digits); otherwise the migration fails
-- and the database stays at version 2.
CREATE TEMP TABLE migration_003_check (every_event_moved_whole INTEGER CHECK (every_event_moved_whole = 1));
INSERT INTO migration_003_check
  SELECT (SELECT count(*) FROM events) = (SELECT coalesce(sum(n), 0) FROM event_blocks)
     AND NOT EXISTS (SELECT 1 FROM event_blocks
                     WHERE length(event_id) <> 16 * n OR length(merchant) <> 4 * n OR length(kind) <> 4 * n
                        OR length(attrs) <> 4 * n OR length(ts) <> 8 * n OR length(amount) <> 8 * n);
DROP TABLE migration_003_check;

DROP VIEW events_full;
DROP TABLE events;
