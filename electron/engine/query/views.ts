// Saved views and the window's last view (migration 005). Requests arrive checked (names trimmed,
// states canonical: shared/views.ts); this module keeps the names unique and the positions 0..n-1.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api.js';
import type { SavedView, ViewDates } from '../../../shared/views.js';

const LAST_VIEW_KEY = 'last_view';
const COLUMNS = 'id, name, state, dates, position, created_at, updated_at';

const now = () => new Date().toISOString();

export function listViews(db: Database.Database): SavedView[] {
  return db.prepare(`SELECT ${COLUMNS} FROM saved_views ORDER BY position, id`).all() as SavedView[];
}

function viewById(db: Database.Database, id: number): SavedView {
  const v = db.prepare(`SELECT ${COLUMNS} FROM saved_views WHERE id = ?`).get(id) as SavedView | undefined;
  if (!v) throw new AppError({ code: 'not_found', message: 'That view is no longer saved (it was deleted, perhaps in another window). The list is shown afresh.' });
  return v;
}

/** The column compares without case (COLLATE NOCASE), so "Lagos" and "lagos" clash. */
function refuseTakenName(db: Database.Database, name: string, exceptId: number | null): void {
  const other = db.prepare('SELECT name FROM saved_views WHERE name = ? AND id IS NOT ?').get(name, exceptId) as { name: string } | undefined;
  if (other) throw new AppError({ code: 'bad_request', message: `There is already a view called "${other.name}". Choose another name, or open that view and save over it.` });
}

/** Renumbers the views 0..n-1 in the given order. */
function writePositions(db: Database.Database, ids: number[]): void {
  const set = db.prepare('UPDATE saved_views SET position = ? WHERE id = ?');
  ids.forEach((id, i) => set.run(i, id));
}

function insertAt(db: Database.Database, name: string, state: string, dates: ViewDates, position: number): SavedView {
  const at = now();
  db.prepare('UPDATE saved_views SET position = position + 1 WHERE position >= ?').run(position);
  const id = Number(db.prepare('INSERT INTO saved_views (name, state, dates, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(name, state, dates, position, at, at).lastInsertRowid);
  return viewById(db, id);
}

const endPosition = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM saved_views').get() as { n: number }).n;

/** Creates a view at the end of the list, or overwrites view `id` (its name may change too). */
export function saveView(db: Database.Database, req: { name: string; state: string; dates: ViewDates; id?: number }): SavedView {
  return db.transaction(() => {
    refuseTakenName(db, req.name, req.id ?? null);
    if (req.id === undefined) return insertAt(db, req.name, req.state, req.dates, endPosition(db));
    viewById(db, req.id);
    db.prepare('UPDATE saved_views SET name = ?, state = ?, dates = ?, updated_at = ? WHERE id = ?').run(req.name, req.state, req.dates, now(), req.id);
    return viewById(db, req.id);
  })();
}

export function renameView(db: Database.Database, id: number, name: string): SavedView {
  return db.transaction(() => {
    viewById(db, id);
    refuseTakenName(db, name, id);
    db.prepare('UPDATE saved_views SET name = ?, updated_at = ? WHERE id = ?').run(name, now(), id);
    return viewById(db, id);
  })();
}

/** "Name (copy)", then "Name (copy 2)" and so on, whichever is free. */
function copyName(db: Database.Database, name: string): string {
  const taken = (n: string) => db.prepare('SELECT 1 FROM saved_views WHERE name = ?').get(n) !== undefined;
  for (let i = 1; ; i++) {
    const candidate = `${name} (copy${i === 1 ? '' : ` ${i}`})`;
    if (!taken(candidate)) return candidate;
  }
}

export function duplicateView(db: Database.Database, id: number, name?: string): SavedView {
  return db.transaction(() => {
    const original = viewById(db, id);
    const newName = name ?? copyName(db, original.name);
    refuseTakenName(db, newName, null);
    return insertAt(db, newName, original.state, original.dates, original.position + 1);
  })();
}

export function deleteView(db: Database.Database, id: number): SavedView[] {
  return db.transaction(() => {
    viewById(db, id);
    db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
    writePositions(db, listViews(db).map((v) => v.id));
    return listViews(db);
  })();
}

/** Moves a view to `position` (past the end means last). */
export function moveView(db: Database.Database, id: number, position: number): SavedView[] {
  return db.transaction(() => {
    viewById(db, id);
    const ids = listViews(db).map((v) => v.id).filter((v) => v !== id);
    ids.splice(Math.min(position, ids.length), 0, id);
    writePositions(db, ids);
    return listViews(db);
  })();
}

export function getLastView(db: Database.Database): string | null {
  const row = db.prepare('SELECT value FROM app_settings WHERE key = ?').get(LAST_VIEW_KEY) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setLastView(db: Database.Database, state: string): void {
  db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_VIEW_KEY, state);
}
