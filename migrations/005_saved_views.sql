-- Version 5: named views of the dashboard, kept in the database beside the data they look at, and the
-- window's last view so the app reopens where the analyst left it. A view's state is the dashboard's
-- URL-hash query (the CLI's flag names, see renderer/src/view/url-state.ts) plus how its dates are kept:
-- 'relative' views store the preset ("last 30 days") and move forward with the data, 'fixed' ones the
-- dates themselves.
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  state TEXT NOT NULL,
  dates TEXT NOT NULL CHECK (dates IN ('relative', 'fixed')),
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Small settings of the window that belong with the database (the last view), one row per key.
CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
