-- Version 6: folders the app keeps importing from by itself. A paused folder is kept but not watched;
-- last_scan_at is when its files were last compared with the ledger (the start-up catch-up reads it).
CREATE TABLE watched_folders (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  added_at TEXT NOT NULL,
  last_scan_at TEXT
);
