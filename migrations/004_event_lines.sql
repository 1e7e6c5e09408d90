-- Version 4: each stored event keeps the line it came from, so the events behind any number can be
-- traced to their file and line. The line column of event_blocks is a blob of 4-byte big-endian line
-- numbers, one per event (layout as in 003); blocks written before this version have NULL there, and
-- their events show no line. Nothing else is rewritten, so the upgrade is instant at any size.
ALTER TABLE event_blocks ADD COLUMN line BLOB;

-- Nothing reads rejected rows by file alone (the ledger reads them by import, kind and id).
DROP INDEX rejected_rows_file;
