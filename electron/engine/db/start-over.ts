// The way out of a damaged database, done for the analyst: read the ledger as far as it goes, move
// the damaged file aside (never delete it: it is the analyst's only copy of what it held), and say
// which of the listed files can be imported again. The caller then opens a new database through the
// engine and imports them, so every import rule and the ledger apply as for any import.
import fs from 'node:fs';
import { AppError } from '../../../shared/api.js';
import { readDamagedLedger, type DamagedLedger } from './damaged-ledger.js';
import { releaseWriterLock, takeWriterLock } from './open.js';

export interface StartOver {
  moved_to: string;
  ledger: DamagedLedger['state'];
  /** Listed files that still exist, sorted. */
  paths: string[];
  /** Listed files that are gone (or no longer plain files). */
  missing: string[];
}

const SIDE_FILES = ['-wal', '-shm'];

/** YYYYMMDD-HHMMSS in local time: the name the analyst sees beside their database. */
function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** NAME.damaged-STAMP, or with -2, -3… when a start-over in the same second already took that name. */
function asideName(file: string, now: Date): string {
  const base = `${file}.damaged-${stamp(now)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (![name, ...SIDE_FILES.map((s) => name + s)].some((f) => fs.existsSync(f))) return name;
  }
}

const isFile = (p: string): boolean => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Moves the damaged database at file aside and lists what to import again. The file must be one openDatabase called damaged. */
export function startOver(file: string, now = new Date()): StartOver {
  // Holding the writer lock while moving keeps a window or command that has this file open from
  // losing it under its feet.
  const lock = takeWriterLock(file);
  if (lock === 'held') {
    throw new AppError({ code: 'busy', message: `Another window or command is using the database ${file}. Close it, then start over again.` });
  }
  try {
    const ledger = readDamagedLedger(file);
    const movedTo = asideName(file, now);
    try {
      fs.renameSync(file, movedTo);
      for (const side of SIDE_FILES) if (fs.existsSync(file + side)) fs.renameSync(file + side, movedTo + side);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const readOnly = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
      const why = readOnly ? 'its folder is read-only' : `the system said: ${(err as Error).message}`;
      throw new AppError({ code: readOnly ? 'read_only' : 'db_unavailable', message: `The damaged database ${file} could not be moved aside (${why}). Nothing was deleted; move it away yourself and start again.` });
    }
    const paths: string[] = [];
    const missing: string[] = [];
    for (const p of ledger.paths) (isFile(p) ? paths : missing).push(p);
    return { moved_to: movedTo, ledger: ledger.state, paths, missing };
  } finally {
    if (lock === 'taken') releaseWriterLock(file);
  }
}
