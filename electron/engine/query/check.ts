// "Check and repair": proves the numbers. The file itself (PRAGMA integrity_check), every stored file's
// events against the ledger, and each metric's summaries against a recount from the events
// (check-summaries.ts). The repair rebuilds the summaries from the events, as after a crash, and checks
// again; a damaged file cannot be repaired in place, so the way out is a new database and the files again.
import type Database from 'better-sqlite3';
import { FILE_CHECK_TITLE, UNREADABLE_FILE, damagedFileCheck, isSummaryCheck, type CheckItem, type CheckReport } from '../../../shared/checking.js';
import { formatCount, plural } from '../../../shared/format.js';
import { damagedError, isDamage } from '../db/open.js';
import { storedEventCount } from '../import/event-blocks.js';
import type { SummaryState } from '../import/summaries.js';
import { setSummariesValid } from '../import/recovery.js';
import { checkSummaries } from './check-summaries.js';

const MAX_PROBLEMS = 3;

function fileCheck(db: Database.Database): CheckItem {
  const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const messages = problems.map((p) => p.integrity_check).filter((m) => m !== 'ok');
  if (messages.length === 0) return { name: 'file', title: FILE_CHECK_TITLE, ok: true, detail: 'SQLite finds the file whole: every page and index reads back as written.' };
  return damagedFileCheck(`SQLite finds the file damaged (${messages.slice(0, MAX_PROBLEMS).join('; ')}${messages.length > MAX_PROBLEMS ? '; …' : ''}).`);
}

function storedFilesCheck(db: Database.Database): { item: CheckItem; events: number } {
  const files = db
    .prepare(
      `SELECT s.path, s.events, (SELECT coalesce(sum(b.n), 0) FROM event_blocks b WHERE b.first_seq BETWEEN s.first_seq AND s.last_seq) AS stored
       FROM sources s WHERE s.status = 'imported' ORDER BY s.path`,
    )
    .all() as { path: string; events: number; stored: number }[];
  const events = storedEventCount(db);
  const listed = files.reduce((sum, f) => sum + f.stored, 0);
  const wrong = files.filter((f) => f.events !== f.stored).map((f) => `${f.path}: the history lists ${formatCount(f.events)} events, ${formatCount(f.stored)} are stored`);
  if (events !== listed) wrong.push(`${plural(events - listed, 'stored event')} belong to no file in the history`);
  const title = 'Stored files';
  if (wrong.length === 0) {
    return { events, item: { name: 'stored_files', title, ok: true, detail: `Every one of the ${plural(files.length, 'file')} in the import history has all its events stored (${formatCount(events)} in all).` } };
  }
  const detail = `${wrong.slice(0, MAX_PROBLEMS).join('; ')}${wrong.length > MAX_PROBLEMS ? '; …' : ''}. Repair cannot bring missing events back: forget those files and import them again.`;
  return { events, item: { name: 'stored_files', title, ok: false, detail } };
}

interface Checked {
  checks: CheckItem[];
  /** The summaries counted again from the events; null when the file could not be read that far. */
  recount: SummaryState | null;
}

function runChecks(db: Database.Database): Checked {
  const file = fileCheck(db);
  if (!file.ok) return { checks: [file], recount: null };
  const stored = storedFilesCheck(db);
  const summaries = checkSummaries(db, stored.events);
  return { checks: [file, stored.item, ...summaries.items], recount: summaries.recount };
}

/** Every check, on one snapshot; a file too damaged to read through is reported as such, not thrown. */
function checkAll(db: Database.Database): Checked {
  try {
    return db.transaction(() => runChecks(db))();
  } catch (err) {
    if (!isDamage(err)) throw err;
    return { checks: [damagedFileCheck(UNREADABLE_FILE)], recount: null };
  }
}

/**
 * Checks the database through `reader`; with `writer`, rebuilds the summaries when any of them differs
 * from the events, and checks again. The rebuild changes no event, so the event index stays as it is.
 */
export function checkDatabase(dbPath: string, reader: Database.Database, writer: Database.Database | null): CheckReport {
  const started = performance.now();
  const first = checkAll(reader);
  const before = first.checks;
  const damaged = before.some((c) => c.name === 'file' && !c.ok);
  const fixable = !damaged && before.some((c) => isSummaryCheck(c.name) && !c.ok);
  let checks = before;
  if (writer && fixable && first.recount) {
    // Nothing writes between (this worker is the only writer, and a check waits for imports): the
    // recount the check made is the events' summaries, written as a rebuild would count them.
    const recount = first.recount;
    writer.transaction(() => {
      recount.write(writer);
      setSummariesValid(writer, true);
    }).immediate();
    checks = checkAll(reader).checks;
  }
  const repaired = writer !== null && fixable;
  const changed = repaired ? before.filter((b) => !b.ok && checks.find((c) => c.name === b.name)?.ok) : [];
  return {
    ok: checks.every((c) => c.ok),
    checks,
    repaired,
    changed,
    way_out: damaged ? damagedError(dbPath).message : null,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
