// What "Check and repair" reports: the database file, the stored files against the ledger, and each
// metric's summaries against a recount from the events, in an analyst's words.

export type CheckName = 'file' | 'stored_files' | 'top_merchants' | 'monthly_active_merchants' | 'product_adoption' | 'kyc_funnel' | 'failure_rates' | 'dates_covered';

export interface CheckItem {
  name: CheckName;
  /** What was checked, as the window and the CLI show it. */
  title: string;
  ok: boolean;
  /** What was found; for a failure, what differs (with a few examples) and what to do. */
  detail: string;
}

export interface CheckReport {
  /** Every check passed (after the repair, when one ran). */
  ok: boolean;
  checks: CheckItem[];
  /** Whether the summaries were rebuilt from the events. */
  repaired: boolean;
  /** The checks that failed before the repair and pass after it, as they read before it. */
  changed: CheckItem[];
  /** When the problem cannot be repaired here: what to do instead (a damaged file: a new database and the files again). */
  way_out: string | null;
  seconds: number;
  /** Present when `check --repair` started over from a damaged file (a new database, the files again). */
  start_over?: StartOverReport;
}

/**
 * Starting over from a damaged database (issue 11): the damaged file was moved aside (never deleted),
 * a new database was made and the files its ledger listed were imported into it again.
 */
export interface StartOverReport {
  /** Where the damaged database now is: NAME.damaged-YYYYMMDD-HHMMSS beside it (its -wal/-shm beside that). */
  moved_to: string;
  /** Whether the list of imported files could be read from the damaged file: all of it, part of it, or none. */
  ledger: 'read' | 'partial' | 'unreadable';
  /** The listed files that still exist, imported again (sorted). */
  paths: string[];
  /** Listed but no longer there. */
  missing: string[];
  /** Listed and there, but the new import did not take them (their failure message, per path). */
  failed: { path: string; message: string }[];
  /** Events in the new database, from this import. */
  accepted: number;
}

/** Whether every file the damaged database listed is in the new one. */
export function allBack(report: StartOverReport): boolean {
  return report.ledger === 'read' && report.missing.length === 0 && report.failed.length === 0;
}

/** What is left to do after starting over, or null when every listed file is back. */
export function startOverToDo(s: StartOverReport): string | null {
  if (allBack(s)) return null;
  if (s.ledger === 'unreadable') return 'The list of imported files could not be read from the damaged database: import your CSV files into the new database yourself.';
  const parts: string[] = [];
  if (s.ledger === 'partial') parts.push('Only part of the list of imported files could be read from the damaged database: import any other files you had yourself.');
  if (s.missing.length) parts.push(`${s.missing.length} listed file${s.missing.length === 1 ? ' is' : 's are'} no longer there (${s.missing.join(', ')}): find ${s.missing.length === 1 ? 'it' : 'them'} and import again.`);
  if (s.failed.length) parts.push(`${s.failed.length} file${s.failed.length === 1 ? '' : 's'} could not be imported again (${s.failed.map((f) => `${f.path}: ${f.message}`).join('; ')}).`);
  return parts.join(' ');
}

/** The title of the check of the database file itself. */
export const FILE_CHECK_TITLE = 'Database file';

/** The failing file check: the file is damaged, which no repair mends in place. */
export function damagedFileCheck(detail: string): CheckItem {
  return { name: 'file', title: FILE_CHECK_TITLE, ok: false, detail: `${detail} It cannot be repaired in place.` };
}

/** Why a file that could not be read through fails its check. */
export const UNREADABLE_FILE = 'Part of the file cannot be read (it is cut short or overwritten).';

/** The checks of a metric's summaries: the ones a repair mends (by counting them again from the events). */
export function isSummaryCheck(name: CheckName): boolean {
  return name !== 'file' && name !== 'stored_files';
}
