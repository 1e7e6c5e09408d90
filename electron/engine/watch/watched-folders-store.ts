// The watched_folders table (migration 006): the folders the app keeps importing from by itself.
import type Database from 'better-sqlite3';

export interface StoredFolder {
  id: number;
  path: string;
  paused: boolean;
  last_scan_at: string | null;
}

interface Row {
  id: number;
  path: string;
  paused: number;
  last_scan_at: string | null;
}

const toFolder = (r: Row): StoredFolder => ({ id: r.id, path: r.path, paused: r.paused === 1, last_scan_at: r.last_scan_at });

export function listStoredFolders(db: Database.Database): StoredFolder[] {
  return (db.prepare('SELECT id, path, paused, last_scan_at FROM watched_folders ORDER BY path').all() as Row[]).map(toFolder);
}

export function storedFolder(db: Database.Database, id: number): StoredFolder | null {
  const row = db.prepare('SELECT id, path, paused, last_scan_at FROM watched_folders WHERE id = ?').get(id) as Row | undefined;
  return row ? toFolder(row) : null;
}

/** Adds a folder (a folder already there is left as it is) and returns it. */
export function insertFolder(db: Database.Database, folder: string): StoredFolder {
  db.prepare('INSERT INTO watched_folders (path, added_at) VALUES (?, ?) ON CONFLICT (path) DO NOTHING').run(folder, new Date().toISOString());
  const row = db.prepare('SELECT id, path, paused, last_scan_at FROM watched_folders WHERE path = ?').get(folder) as Row;
  return toFolder(row);
}

export function setPaused(db: Database.Database, id: number, paused: boolean): void {
  db.prepare('UPDATE watched_folders SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
}

export function deleteFolder(db: Database.Database, id: number): void {
  db.prepare('DELETE FROM watched_folders WHERE id = ?').run(id);
}

export function markScanned(db: Database.Database, id: number, at: Date): void {
  db.prepare('UPDATE watched_folders SET last_scan_at = ? WHERE id = ?').run(at.toISOString(), id);
}
