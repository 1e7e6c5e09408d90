// Opens the database file with the settings the engine relies on, and guards it so that only one
// process writes it at a time (a second one, such as the CLI beside the app, gets a read-only view).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api.js';
import { APPLICATION_ID } from './migrate.js';

export function openDatabase(file: string, readonly = false): Database.Database {
  let db: Database.Database;
  try {
    if (readonly && !fs.existsSync(file)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw openError(file, err);
  }
  try {
    // Reading the schema first proves the file is an SQLite database before any setting is written.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('synchronous = NORMAL');
    // Imports append and metrics read small summary tables: a small page cache is enough. 4 MB for the
    // writer measured no slower than 16 MB and takes 12 MB less of the import's memory.
    db.pragma(`cache_size = ${readonly ? -2048 : -4096}`);
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    db.close();
    throw openError(file, err);
  }
  return db;
}

function openError(file: string, err: unknown): AppError {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    if (looksLikeOurs(file)) return damagedError(file);
    return new AppError({ code: 'db_foreign', message: `${file} is not a Merchant Analytics database (it is not an SQLite file). Choose another file; it has not been changed.` });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppError({
      code: 'db_unavailable',
      message: `The database ${file} could not be read: the drive reported an error, or another program removed a file the app keeps beside it (${path.basename(file)}-wal or -shm) while it was in use. Close every window and command using this database, then open it again; if it keeps happening, check the drive and any program that cleans or syncs that folder.`,
    });
  }
  if (code === 'ENOENT') return new AppError({ code: 'not_found', message: `There is no database at ${file}. Import some files first to create it.` });
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EACCES') {
    return new AppError({ code: 'db_unavailable', message: `The database ${file} cannot be opened for writing (check that its folder exists and is writable).` });
  }
  return new AppError({ code: 'db_unavailable', message: `The database ${file} could not be opened: ${err instanceof Error ? err.message : String(err)}` });
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const OUR_MARK = Buffer.from('merchant-analytics', 'latin1');

/**
 * Whether an unreadable file is (very likely) this app's own database, damaged, rather than some other
 * file: it starts as an SQLite file, carries our application_id, or holds the meta row naming the app
 * (found even when the first page is overwritten).
 */
function looksLikeOurs(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(100);
    fs.readSync(fd, head, 0, 100, 0);
    if (head.subarray(0, 16).equals(SQLITE_MAGIC) || head.readUInt32BE(68) === APPLICATION_ID) return true;
    // The meta table sits in the first pages; 4 MB is far more than enough and quick to read.
    const start = Buffer.alloc(4 * 1024 * 1024);
    const n = fs.readSync(fd, start, 0, start.length, 0);
    return start.subarray(0, n).includes(OUR_MARK);
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** The files a damaged database's ledger still lists, when that part can be read. */
function ledgerOf(file: string): string[] | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare("SELECT DISTINCT path FROM sources WHERE status = 'imported' ORDER BY path").pluck().all() as string[];
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The analyst's own database, damaged (cut short by a full disk or an unfinished copy, or overwritten in part). */
export function damagedError(file: string): AppError {
  const files = ledgerOf(file);
  const way =
    files && files.length > 0
      ? ` Its import history can still be read: it lists ${files.length} file${files.length === 1 ? '' : 's'} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}). Import them again into the new database to get the same numbers.`
      : ' Import your CSV files again into the new database to get the numbers back.';
  return new AppError({
    code: 'db_damaged',
    message: `Your Merchant Analytics database ${file} is damaged and cannot be read (part of it is missing or overwritten). Your CSV files are not affected. Move this file away (keep it as a backup) and start a new database.${way}`,
  });
}

/** True for SQLite's "this file is damaged" errors, wherever they surface (opening, migrating, repairing). */
export function isDamage(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_');
}

/** Write-ahead logging lets readers see committed data while an import writes; set only on our own databases. */
export function enableWal(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // When the log starts over after a checkpoint, cut its file back too (a 2 GB file's import leaves a
  // log of ~700 MB otherwise).
  db.pragma('journal_size_limit = 33554432');
}

/** Takes the writer lock beside the database; false when another live process holds it. */
export function takeWriterLock(file: string): boolean {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // cannot lock (read-only folder): proceed, SQLite still guards writes
      const pid = Number(fs.readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) return false;
      fs.rmSync(lock, { force: true }); // left by a process that died
    }
  }
  return false;
}

export function releaseWriterLock(file: string): void {
  const lock = `${file}.lock`;
  try {
    if (fs.readFileSync(lock, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { force: true });
  } catch {
    // Already gone.
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
