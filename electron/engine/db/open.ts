// Opens the database file with the settings the engine relies on, and guards it so that only one
// process writes it at a time (a second one, such as the CLI beside the app, gets a read-only view).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api.js';
import { APPLICATION_ID } from './migrate.js';
import { readDamagedLedger } from './damaged-ledger.js';

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

/** The analyst's own database, damaged (cut short by a full disk or an unfinished copy, or overwritten in part). */
export function damagedError(file: string): AppError {
  const ledger = readDamagedLedger(file);
  const files = ledger.paths;
  const way =
    files.length > 0
      ? ` ${ledger.state === 'partial' ? 'Part of its' : 'Its'} import history can still be read: it lists ${files.length} file${files.length === 1 ? '' : 's'} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}). Import them again into the new database to get the same numbers.`
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

/**
 * The writer lock: an open SQLite connection on FILE.lock holding a write transaction for as long as
 * this process writes the database. SQLite's own file locking makes taking it atomic (no window in
 * which a second process can read a half-written lock and call it stale), the operating system drops
 * it when the process dies however it dies (no pid to be reused after a crash or a reboot), and it
 * also works between threads of one process. The holder deletes the file while still holding it; a
 * process that meanwhile locked the deleted file sees that the path no longer names what it locked,
 * and tries again.
 */
const heldLocks = new Map<string, Database.Database>();

const inodeAt = (p: string): number | null => {
  try {
    return fs.statSync(p).ino;
  } catch {
    return null;
  }
};

/** taken; held by another process (or engine); or unavailable: no lock can be made (read-only folder). */
export type LockResult = 'taken' | 'held' | 'unavailable';

/** Takes the writer lock beside the database. */
export function takeWriterLock(file: string): LockResult {
  const lockPath = `${file}.lock`;
  for (let attempt = 0; attempt < 5; attempt++) {
    let lock: Database.Database;
    let before: number | null;
    try {
      fs.closeSync(fs.openSync(lockPath, 'a'));
      before = inodeAt(lockPath);
      lock = new Database(lockPath, { timeout: 0 });
    } catch {
      return 'unavailable'; // no lock can be made here (read-only folder): a read-only view, never a writer without a lock
    }
    try {
      lock.exec('BEGIN IMMEDIATE');
    } catch (err) {
      lock.close();
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === 'SQLITE_NOTADB' && oldLockIsStale(lockPath)) continue;
      return code.startsWith('SQLITE_READONLY') ? 'unavailable' : 'held';
    }
    if (before === null || inodeAt(lockPath) !== before) {
      lock.close(); // the holder deleted this file as we locked it
      continue;
    }
    heldLocks.set(file, lock);
    return 'taken';
  }
  return 'held';
}

/** No lock could be taken for a database that does not exist yet: someone else is creating it, or nobody can. */
export function cannotCreate(file: string, lock: LockResult): AppError {
  if (lock === 'held') {
    return new AppError({ code: 'busy', message: `Another window or command is creating the database ${file} right now. Wait for it to finish, then try again.` });
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return new AppError({ code: 'db_unavailable', message: `The database ${file} cannot be created: the folder ${dir} does not exist.` });
  }
  return new AppError({ code: 'read_only', message: `The database ${file} cannot be created: its folder is read-only. Choose a folder you can write to.` });
}

/** A lock file from an older version of the app holds a pid; it stands only while that pid lives. */
function oldLockIsStale(lockPath: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    // A live pid counts only if that process is older than the lock: after a crash or a reboot the
    // pid may belong to some other program, which would refuse imports for good.
    if (Number.isInteger(pid) && pid > 0 && pidAlive(pid) && !(startedAfter(pid, fs.statSync(lockPath).mtimeMs))) return false;
    fs.rmSync(lockPath, { force: true });
    return true;
  } catch {
    return false;
  }
}

export function releaseWriterLock(file: string): void {
  const lock = heldLocks.get(file);
  if (!lock) return;
  heldLocks.delete(file);
  try {
    fs.rmSync(`${file}.lock`); // while still holding it (see takeWriterLock)
  } catch {
    // Windows keeps an open file; the next writer locks it as it is.
  }
  lock.close();
}

/** Whether process pid started after the given time; false where that cannot be told (only Linux's /proc says). */
function startedAfter(pid: number, ms: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name in parentheses (which may hold spaces): start time in clock ticks since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(boot)) return false;
    // USER_HZ is 100 on every Linux the app runs on; a second of slack covers the rounding.
    return boot * 1000 + ticks * 10 > ms + 1000;
  } catch {
    return false;
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
