// `cli export --db FILE --format csv|parquet --out PATH [filters]`: the clean events for other tools.
// It reads the database read-only and straight from the stored blocks (not through the engine worker),
// so it runs beside the app or an import and its memory does not grow with the data.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api.js';
import { openDatabase } from '../engine/db/open.js';
import { writeCsvExport } from '../engine/export/csv.js';
import { metricsSql } from '../engine/export/metrics-sql.js';
import { writeParquetExport } from '../engine/export/parquet.js';
import { readmeText } from '../engine/export/readme-text.js';
import { isFilterFlag, readFilterArgs } from './filter-args.js';
import { UsageError } from './args.js';

const USAGE = 'usage: cli export --db FILE --format csv|parquet --out PATH [filters]';
/** The first database version with stored lines (migrations/004_event_lines.sql). */
const LINES_VERSION = 4;

interface ExportArgs {
  db: string;
  format: 'csv' | 'parquet';
  out: string;
  json: boolean;
  filter: ReturnType<typeof readFilterArgs>['filter'];
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const opts: Record<string, string> = {};
  const filterFlags: [string, string][] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') {
      json = true;
      continue;
    }
    const v = argv[i + 1];
    if (!a.startsWith('--')) throw new UsageError(`export takes no paths (unexpected "${a}"); give the output with --out`);
    if (!['--db', '--format', '--out'].includes(a) && !isFilterFlag(a)) throw new UsageError(`unknown option ${a} for export`);
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
    i++;
    if (isFilterFlag(a)) filterFlags.push([a, v]);
    else opts[a.slice(2)] = v;
  }
  if (!opts.db) throw new UsageError('--db FILE is required');
  if (opts.format !== 'csv' && opts.format !== 'parquet') throw new UsageError('--format must be csv or parquet');
  if (!opts.out) throw new UsageError(opts.format === 'csv' ? '--out FILE.csv is required' : '--out FOLDER is required');
  const { filter, compare } = readFilterArgs(filterFlags);
  if (compare) throw new UsageError('--compare is for metrics and trend, not export');
  return { db: path.resolve(opts.db), format: opts.format, out: path.resolve(opts.out), json, filter };
}

/** Refuses what would overwrite an analyst's files; a Parquet folder must be new or empty. */
function checkOut(args: ExportArgs): void {
  const exists = fs.existsSync(args.out);
  if (args.format === 'csv') {
    if (exists && fs.statSync(args.out).isDirectory()) throw new UsageError(`${args.out} is a folder; give a file name for the CSV`);
    if (!fs.existsSync(path.dirname(args.out))) throw new UsageError(`the folder ${path.dirname(args.out)} does not exist`);
  } else if (exists && (!fs.statSync(args.out).isDirectory() || fs.readdirSync(args.out).length > 0)) {
    throw new UsageError(`${args.out} already exists and is not an empty folder; choose a new folder for the data set`);
  }
}

// The export's garbage is short-lived (a row group's columns and the writer's page buffers), but V8's
// default young generation (up to 32-64 MB semi-spaces) lets it be promoted and the old space swell to
// 400+ MB of RSS before a full collection. Small semi-spaces keep it at about half that, and were also
// faster when measured (docs/PERFORMANCE.md, "Parquet export"). With parquet-wasm (whose batches are
// copied out of short-lived buffers) a year still peaks at 306 MB without it and 255 MB with it, in the
// same time (2026-12-03). The flag only takes effect at start-up, so the export re-runs itself in a
// child Node with it.
const YOUNG_FLAG = '--max-semi-space-size=4';

export async function runExport(argv: string[]): Promise<number> {
  if (!process.execArgv.includes(YOUNG_FLAG)) {
    const r = spawnSync(process.execPath, [...process.execArgv, YOUNG_FLAG, path.join(__dirname, 'cli.js'), 'export', ...argv], { stdio: 'inherit' });
    if (r.error) {
      process.stderr.write(`error: could not start the export: ${r.error.message}\n`);
      return 1;
    }
    return r.status ?? 1;
  }
  let args: ExportArgs;
  try {
    args = parseExportArgs(argv);
    checkOut(args);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message} (${USAGE})\n`);
    return 2;
  }
  let db;
  try {
    db = openDatabase(args.db, true);
    const version = db.pragma('user_version', { simple: true }) as number;
    const ours = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('event_blocks', 'sources')").pluck().get() === 2;
    if (!ours) throw new AppError({ code: 'db_foreign', message: `${args.db} is not a Merchant Analytics database; nothing was exported.` });
    if (version < LINES_VERSION) throw new AppError({ code: 'db_unavailable', message: `${args.db} was written by an older version of the app; open it once with this version (for example with cli metrics) so it is upgraded, then export again.` });
  } catch (err) {
    db?.close();
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
  const started = performance.now();
  const tmp = `${args.out}.partial`;
  try {
    let events: number;
    let extra: Record<string, unknown> = {};
    if (args.format === 'csv') {
      events = writeCsvExport(db, args.filter, args.out).events;
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      const s = await writeParquetExport(db, args.filter, tmp);
      fs.writeFileSync(path.join(tmp, 'README.txt'), readmeText(args.db, args.filter, s, new Date()));
      fs.writeFileSync(path.join(tmp, 'metrics.sql'), metricsSql(args.filter));
      // Moved into place only when whole, so a failed export never looks like a complete data set.
      fs.rmSync(args.out, { recursive: true, force: true });
      fs.renameSync(tmp, args.out);
      events = s.events;
      extra = { partitions: s.partitions.length, files: s.files };
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const summary = { format: args.format, out: args.out, events, ...extra, seconds };
    process.stdout.write((args.json ? JSON.stringify(summary) : `Exported ${events.toLocaleString('en-US')} events to ${args.out} (${seconds} s)`) + '\n');
    return 0;
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.stderr.write(`error: the export failed and nothing was left behind: ${(err as Error).message}\n`);
    return 1;
  } finally {
    db.close();
  }
}
