// Applies migrations/NNN_name.sql in order, all pending ones in one transaction; the version is
// PRAGMA user_version. A database newer than this code, or one that is not ours, is refused.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Larger pages make bulk appends about 10% faster; the size can only be chosen before the first table. */
export const PAGE_SIZE = 16384;

export function migrationsDir(): string {
  // out/electron/engine/db -> project root, or electron/engine/db when run from source.
  for (const up of ['../../../..', '../../..']) {
    const dir = path.resolve(__dirname, up, 'migrations');
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error('The migrations folder is missing from the installation.');
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const list = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of sequence: expected version ${i + 1}.`);
  });
  return list;
}

function isOurs(db: Database.Database): boolean {
  const meta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!meta) return false;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'app'").get() as { value: string } | undefined;
  return row?.value === 'merchant-analytics';
}

/**
 * PRAGMA application_id of every database this app makes ("MANA"), so another program's SQLite file is
 * told apart from ours even when it holds no table. Databases made before it was set have 0 and get it
 * when next opened for writing.
 */
export const APPLICATION_ID = 0x4d414e41;

const foreign = () =>
  new AppError({ code: 'db_foreign', message: 'This database file was not made by Merchant Analytics. Choose another file, or move this one away; it has not been changed.' });

/** Brings the database to the latest version; returns the version it is at. */
export function migrate(db: Database.Database, migrations = loadMigrations()): number {
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  // Any object counts, not only tables: a file holding only a view is somebody else's too.
  const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  if (appId !== 0 && appId !== APPLICATION_ID) throw foreign();
  if (current === 0 && objects > 0) throw foreign();
  if (current > 0 && !isOurs(db)) throw foreign();
  if (current > latest) {
    throw new AppError({
      code: 'db_newer',
      message: `This database was written by a newer version of Merchant Analytics (database version ${current}, this app understands up to ${latest}). Update the app to open it; the file has not been changed.`,
    });
  }
  if (current === latest) {
    if (appId === 0 && !db.readonly) db.pragma(`application_id = ${APPLICATION_ID}`);
    return current;
  }
  if (db.readonly) {
    // A read-only view (another process writes, or the folder is read-only) cannot set the file up.
    throw new AppError({
      code: 'busy',
      message:
        current === 0
          ? 'Another window or command is creating this database right now. Wait for it to finish, then try again.'
          : 'This database must be brought up to date before it can be read here, which means writing it. Close the other window or command using it (or make its folder writable) and try again.',
    });
  }
  if (current === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
  db.transaction(() => {
    for (const m of migrations.slice(current)) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
  return latest;
}
