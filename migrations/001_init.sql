-- Merchant Analytics database, version 1.
-- Events are stored compactly (dictionary-coded text, amounts in integer kobo, ids as 16-byte blobs) in
-- append order, so each stored file's events are one contiguous seq range. The s_* tables are summaries
-- the five metrics read; they are kept up to date by the importer and can be rebuilt from events.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('app', 'merchant-analytics'), ('summaries_valid', '1');

CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO products (id, name) VALUES
  (0, 'POS'), (1, 'AIRTIME'), (2, 'BILLS'), (3, 'CARD_PAYMENT'), (4, 'SAVINGS'), (5, 'MONIEBOOK'), (6, 'KYC');

CREATE TABLE statuses (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO statuses (id, name) VALUES (0, 'SUCCESS'), (1, 'FAILED'), (2, 'PENDING');

-- The KYC funnel steps, in funnel order, and the event types that count for each.
CREATE TABLE kyc_steps (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, event_type TEXT NOT NULL UNIQUE);
INSERT INTO kyc_steps (id, name, event_type) VALUES
  (0, 'documents_submitted', 'DOCUMENT_SUBMITTED'),
  (1, 'verifications_completed', 'VERIFICATION_COMPLETED'),
  (2, 'tier_upgrades', 'TIER_UPGRADE');

CREATE TABLE merchants (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);

-- Distinct texts of event_type, channel, region and merchant_tier.
CREATE TABLE labels (
  id   INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('event_type', 'channel', 'region', 'tier')),
  text TEXT NOT NULL,
  UNIQUE (kind, text)
);

CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
  inputs       TEXT NOT NULL,           -- JSON array of the paths the analyst gave
  ignored      TEXT NOT NULL DEFAULT '[]', -- JSON array of non-CSV files found in folders
  seconds      REAL
);

-- A file whose events are in the database. One row per path and content; removed when forgotten.
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  hash        TEXT,
  file_date   TEXT,
  status      TEXT NOT NULL CHECK (status IN ('importing', 'imported')),
  first_seq   INTEGER NOT NULL,
  last_seq    INTEGER,                 -- NULL while importing; first_seq - 1 when the file had no new events
  events      INTEGER NOT NULL DEFAULT 0,
  import_id   INTEGER NOT NULL REFERENCES imports (id),
  imported_at TEXT NOT NULL
);
CREATE INDEX sources_hash ON sources (hash);
CREATE INDEX sources_path ON sources (path);

-- The ledger: what happened to each file in each import.
CREATE TABLE import_files (
  id                 INTEGER PRIMARY KEY,
  import_id          INTEGER NOT NULL REFERENCES imports (id),
  path               TEXT NOT NULL,
  size               INTEGER NOT NULL,
  hash               TEXT,
  status             TEXT NOT NULL CHECK (status IN ('imported', 'unchanged', 'failed', 'cancelled')),
  rows_read          INTEGER NOT NULL DEFAULT 0,
  accepted           INTEGER NOT NULL DEFAULT 0,
  duplicates         INTEGER NOT NULL DEFAULT 0,
  rejected           INTEGER NOT NULL DEFAULT 0,
  rejected_by_reason TEXT NOT NULL DEFAULT '{}',
  warnings_by_reason TEXT NOT NULL DEFAULT '{}',
  error_code         TEXT,
  error_message      TEXT,
  file_date          TEXT,
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  source_id          INTEGER
);
CREATE INDEX import_files_import ON import_files (import_id);

-- Rejected rows and rows kept with a warning, as read (raw text up to 1 KB).
CREATE TABLE rejected_rows (
  id             INTEGER PRIMARY KEY,
  import_id      INTEGER NOT NULL,
  import_file_id INTEGER NOT NULL,
  line           INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('rejected', 'warning')),
  reason         TEXT NOT NULL,
  raw            TEXT NOT NULL
);
CREATE INDEX rejected_rows_import ON rejected_rows (import_id, kind, id);
CREATE INDEX rejected_rows_file ON rejected_rows (import_file_id);

-- Which files had rows counted as duplicates of which stored file, so forgetting one can name the
-- files to import again.
CREATE TABLE duplicate_links (
  source_id      INTEGER NOT NULL,  -- the stored file whose event won
  import_file_id INTEGER NOT NULL,  -- the file whose row was counted as a duplicate
  rows           INTEGER NOT NULL,
  PRIMARY KEY (source_id, import_file_id)
) WITHOUT ROWID;

-- Inserts bind as few values as possible (the import writes millions of rows): seq is assigned by SQLite,
-- and product, status and event_type travel packed in kind, read back through virtual columns.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL,
  event_id   BLOB NOT NULL,       -- 16 bytes
  merchant   INTEGER NOT NULL,    -- merchants.id
  ts         INTEGER,             -- milliseconds since 1970 of the time as written (no zone); NULL when invalid
  amount     INTEGER,             -- kobo; NULL when invalid
  kind       INTEGER NOT NULL,    -- event_type * 32 + product * 4 + status
  channel    INTEGER NOT NULL,    -- labels.id
  region     INTEGER NOT NULL,    -- labels.id
  tier       INTEGER NOT NULL,    -- labels.id
  status     INTEGER GENERATED ALWAYS AS (kind % 4) VIRTUAL,        -- statuses.id
  product    INTEGER GENERATED ALWAYS AS ((kind / 4) % 8) VIRTUAL,  -- products.id
  event_type INTEGER GENERATED ALWAYS AS (kind / 32) VIRTUAL        -- labels.id
);

-- Summaries. n counts events, so forgetting a file can subtract exactly.
CREATE TABLE s_volume (merchant INTEGER PRIMARY KEY, kobo INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE s_month (month INTEGER NOT NULL, merchant INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (month, merchant)) WITHOUT ROWID;
CREATE TABLE s_adoption (product INTEGER NOT NULL, merchant INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (product, merchant)) WITHOUT ROWID;
CREATE TABLE s_kyc (step INTEGER NOT NULL, merchant INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (step, merchant)) WITHOUT ROWID;
CREATE TABLE s_status (product INTEGER NOT NULL, status INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (product, status)) WITHOUT ROWID;
CREATE TABLE s_day (day INTEGER PRIMARY KEY, n INTEGER NOT NULL);
-- Distinct-merchant counts derived from the summaries above, so each metric reads a handful of rows.
CREATE TABLE m_month (month INTEGER PRIMARY KEY, merchants INTEGER NOT NULL);
CREATE TABLE m_adoption (product INTEGER PRIMARY KEY, merchants INTEGER NOT NULL);
CREATE TABLE m_kyc (step INTEGER PRIMARY KEY, merchants INTEGER NOT NULL);
CREATE INDEX s_volume_rank ON s_volume (kobo DESC);
