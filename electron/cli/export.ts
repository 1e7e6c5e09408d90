// `cli export --db FILE --format csv|parquet --out PATH [filters]`: the clean events for other tools.
// The export itself (read-only, straight from the stored blocks) is electron/engine/export/clean-events.ts,
// which the app runs too; this parses the arguments and words the outcome for a terminal.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CleanExportError, exportCleanEvents } from '../engine/export/clean-events.js';
import { isFilterFlag, readFilterArgs } from './filter-args.js';
import { UsageError } from './args.js';

const USAGE = 'usage: cli export --db FILE --format csv|parquet --out PATH [filters]';

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
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message} (${USAGE})\n`);
    return 2;
  }
  try {
    const summary = await exportCleanEvents(args.db, args);
    process.stdout.write((args.json ? JSON.stringify(summary) : `Exported ${summary.events.toLocaleString('en-US')} events to ${args.out} (${summary.seconds} s)`) + '\n');
    return 0;
  } catch (err) {
    const e = err instanceof CleanExportError ? err : new CleanExportError('write', 'internal', (err as Error).message);
    if (e.stage === 'out') process.stderr.write(`error: ${e.reason} (${USAGE})\n`);
    else if (e.stage === 'db') process.stderr.write(`error: ${e.reason}\n`);
    else process.stderr.write(`error: the export failed and nothing was left behind: ${e.reason}\n`);
    return e.stage === 'write' ? 1 : 2;
  }
}
