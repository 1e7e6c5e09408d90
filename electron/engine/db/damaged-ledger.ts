// The files a damaged database's ledger still lists, read as far as the damage allows: the error
// message names them and starting over imports them again. The damaged file itself is only read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_SIZE, loadMigrations } from './migrate.js';

export interface DamagedLedger {
  /** read: the whole list; partial: the rows before the damage; unreadable: none. */
  state: 'read' | 'partial' | 'unreadable';
  /** Distinct paths of the files whose events were stored, sorted. */
  paths: string[];
}

const UNREADABLE: DamagedLedger = { state: 'unreadable', paths: [] };
/** sources is made by the first migration, so its root page is among the first few; this bounds the guessing. */
const MAX_ROOT_PAGE = 256;

/** The file (and its log) as it is now: a ledger read from it stays true while this is unchanged. */
function fileState(file: string): string | null {
  const part = (f: string) => {
    try {
      const s = fs.statSync(f);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  const main = part(file);
  return main === '-' ? null : `${file}|${main}|${part(`${file}-wal`)}`;
}

/** The last ledger read: the error message reads it, then starting over reads the same unchanged file. */
let lastRead: { state: string; ledger: DamagedLedger } | null = null;

export function readDamagedLedger(file: string): DamagedLedger {
  const before = fileState(file);
  if (before !== null && lastRead?.state === before) return lastRead.ledger;
  const ledger = readLedger(file);
  // Taken after the read, in case reading made the log file.
  const after = fileState(file);
  lastRead = after === null ? null : { state: after, ledger };
  return ledger;
}

function readLedger(file: string): DamagedLedger {
  const direct = queryLedger(file);
  if (direct.state === 'read') return direct;
  // The schema (page 1) is what a damaged start takes away: read a copy with page 1 rebuilt (a copy
  // of the whole file, which is why a second read of the same file is answered from lastRead).
  const salvaged = salvage(file);
  return salvaged && salvaged.paths.length >= direct.paths.length ? salvaged : direct;
}

function queryLedger(file: string): DamagedLedger {
  const paths = new Set<string>();
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    // Read-only all along; writable_schema (which needs defensive mode off) lets SQLite read a file
    // shorter than its header says, up to where it ends, instead of refusing it whole.
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    // Row by row in table order, not DISTINCT/ORDER BY (which may go through a damaged index first),
    // so the rows before a damaged page are kept.
    const rows = db.prepare("SELECT path, size, hash FROM sources WHERE status = 'imported'").raw().iterate() as IterableIterator<unknown[]>;
    for (const [p, size, hash] of rows) {
      // A guessed schema page (salvage) must find real ledger rows, not another table's.
      if (typeof p !== 'string' || !p || !Number.isInteger(size) || !(hash === null || (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)))) throw new Error('not the ledger');
      paths.add(p);
    }
    return { state: 'read', paths: [...paths].sort() };
  } catch {
    return paths.size > 0 ? { state: 'partial', paths: [...paths].sort() } : UNREADABLE;
  } finally {
    db?.close();
  }
}

/** Page sizes to try: the one the header names (when it still names one), then the app's own. */
function pageSizes(fd: number): number[] {
  const head = Buffer.alloc(18);
  fs.readSync(fd, head, 0, 18, 0);
  const raw = head.readUInt16BE(16);
  const named = raw === 1 ? 65536 : raw;
  return [...new Set([named, PAGE_SIZE])].filter((n) => n >= 512 && n <= 65536 && (n & (n - 1)) === 0);
}

/** A fresh page 1 holding only the sources table, rooted at the given page; its header lets the file's size decide the page count. */
function schemaPage(pageSize: number, root: number, createSources: string): Buffer {
  const db = new Database(':memory:');
  try {
    db.pragma(`page_size = ${pageSize}`);
    db.exec(createSources);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET rootpage = ? WHERE name = 'sources'").run(root);
    const page = Buffer.from(db.serialize().subarray(0, pageSize));
    page.writeUInt32BE(page.readUInt32BE(24) + 1, 92); // "valid for" no longer matches the change counter
    return page;
  } finally {
    db.close();
  }
}

function salvage(file: string): DamagedLedger | null {
  const createSources = /CREATE TABLE sources \([\s\S]*?\n\);/.exec(loadMigrations()[0].sql)?.[0];
  if (!createSources) return null;
  let dir: string | null = null;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-ledger-'));
    const copy = path.join(dir, 'copy.db');
    // A clone where the file system can (no bytes copied); a plain copy elsewhere (a year: 1.5-6 s).
    fs.copyFileSync(file, copy, fs.constants.COPYFILE_FICLONE);
    const fd = fs.openSync(copy, 'r+');
    try {
      const pages = (size: number) => Math.min(MAX_ROOT_PAGE, Math.floor(fs.fstatSync(fd).size / size));
      for (const size of pageSizes(fd)) {
        const original = Buffer.alloc(size);
        fs.readSync(fd, original, 0, size, 0);
        // Only the 100-byte header gone: the schema below it may be whole.
        fs.writeSync(fd, Buffer.concat([schemaPage(size, 2, createSources).subarray(0, 100), original.subarray(100)]), 0, size, 0);
        let found = queryLedger(copy);
        if (found.paths.length > 0) return found;
        for (let root = 2; root <= pages(size); root++) {
          fs.writeSync(fd, schemaPage(size, root, createSources), 0, size, 0);
          found = queryLedger(copy);
          if (found.paths.length > 0) return found;
        }
        fs.writeSync(fd, original, 0, size, 0);
      }
    } finally {
      fs.closeSync(fd);
    }
    return null;
  } catch {
    return null;
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
