// `cli check --db FILE [--repair] [--json]`: proves the numbers (the engine's checkDatabase). Exit 0
// when every check passes (or the repair made them pass), 1 when a problem remains, 2 for bad usage or
// a database that cannot be opened at all for another reason than damage (foreign, newer, missing).
// A damaged file cannot be repaired in place: --repair starts over (start-afresh.ts), and exits 0 only
// when every file its ledger listed is in the new database.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api.js';
import { UNREADABLE_FILE, damagedFileCheck, startOverToDo, type CheckReport, type StartOverReport } from '../../shared/checking.js';
import { EngineClient } from '../engine/client.js';
import { startAfresh } from '../engine/start-afresh.js';
import { UsageError, parseFlags } from './args.js';

export const CHECK_USAGE = 'cli check --db FILE [--repair] [--json]';

export function parseCheckArgs(argv: string[]): { db: string; repair: boolean; json: boolean } {
  const flags = parseFlags(argv, { '--db': 'a file name' }, ['--repair', '--json']);
  if (flags.positional.length) throw new UsageError(`check takes no paths (unexpected "${flags.positional[0]}")`);
  const db = flags.values.get('--db');
  if (!db) throw new UsageError('--db FILE is required');
  return { db: path.resolve(db), repair: flags.switches.has('--repair'), json: flags.switches.has('--json') };
}

/** A database too damaged to open, as a report: the same way out the engine gives. */
function damagedReport(err: AppError): CheckReport {
  return { ok: false, checks: [damagedFileCheck(UNREADABLE_FILE)], repaired: false, changed: [], way_out: err.message, seconds: 0 };
}

function startOverLines(s: StartOverReport): string[] {
  return [
    `moved the damaged database to ${s.moved_to} (kept as a backup)`,
    `imported again into a new database: ${s.paths.length - s.failed.length} file${s.paths.length - s.failed.length === 1 ? '' : 's'}, ${s.accepted.toLocaleString('en-US')} events`,
    ...s.missing.map((p) => `missing  ${p}`),
    ...s.failed.map((f) => `failed   ${f.path}: ${f.message}`),
  ];
}

/** Starts over from the damaged file: the new database's own check, with the damage as what changed. */
async function startOverReport(db: string, damaged: CheckReport): Promise<CheckReport> {
  const { engine, report: start_over } = await startAfresh(db, { tuning: { eagerRollups: false } });
  try {
    const checked = await engine.request('checkDatabase', {});
    const way_out = startOverToDo(start_over);
    return { ...checked, ok: checked.ok && way_out === null, changed: damaged.checks, way_out, start_over };
  } finally {
    await engine.close();
  }
}

function textReport(r: CheckReport): string {
  const lines = r.start_over ? startOverLines(r.start_over) : [];
  lines.push(...r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.title}: ${c.detail}`));
  if (r.repaired) lines.push('repaired: the summaries were counted again from the events; before, they read:');
  if (r.start_over) lines.push('started over: the checks above are of the new database; the damaged one read:');
  for (const c of r.changed) lines.push(`was   ${c.title}: ${c.detail}`);
  if (r.way_out) lines.push(`what to do: ${r.way_out}`);
  return lines.join('\n');
}

export async function runCheck(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseCheckArgs>;
  try {
    args = parseCheckArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message} (usage: ${CHECK_USAGE})\n`);
    return 2;
  }
  if (!fs.existsSync(args.db)) {
    process.stderr.write(`error: there is no database at ${args.db}.\n`);
    return 2;
  }
  const print = (r: CheckReport) => process.stdout.write((args.json ? JSON.stringify(r) : textReport(r)) + '\n');
  let engine: EngineClient;
  try {
    engine = await EngineClient.open(args.db, { tuning: { eagerRollups: false } });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'db_damaged')) {
      process.stderr.write(`error: ${(err as Error).message}\n`);
      return 2;
    }
    if (!args.repair) {
      print(damagedReport(err));
      return 1;
    }
    try {
      const report = await startOverReport(args.db, damagedReport(err));
      print(report);
      return report.ok ? 0 : 1;
    } catch (e) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      return 1;
    }
  }
  try {
    const result = await engine.call('checkDatabase', args.repair ? { repair: true } : {});
    if (!result.ok) {
      process.stderr.write(`error: ${result.error.message}\n`);
      return 1;
    }
    print(result.value);
    return result.value.ok ? 0 : 1;
  } finally {
    await engine.close();
  }
}
