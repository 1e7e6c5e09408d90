// Command-line entry to the same engine the app uses, without Electron.
//   import --db FILE [--json] PATH...                 import files and folders
//   metrics --db FILE [--json] [filters]              the five metrics (over the selection)
//   merchant --db FILE [--json] ID [filters]          one merchant's profile
//   events --db FILE [--json] [filters] [--limit N] [--offset K] [--status S,S] [--kyc-step STEP] [--sort KEY]
//   trend --db FILE [--json] --grain day|week|month [filters]
//   dimensions --db FILE [--json] [filters]
//   watch --db FILE [--json] DIR...                   keep importing new and changed files (watch.ts)
//   export --db FILE --format csv|parquet --out PATH [filters]   (export.ts)
//   check --db FILE [--repair] [--json]                           prove the numbers, rebuild the summaries, start a damaged file over (check.ts)
// Filters: see filter-args.ts.
import fs from 'node:fs';
import path from 'node:path';
import { openEngineOrSay } from './open-engine.js';
import { AppError } from '../../shared/api.js';
import type { ApiName, ApiRequest } from '../../shared/api.js';
import type { ImportFailure, ImportProgress } from '../../shared/importing.js';
import { validateRequest } from '../../shared/validate-request.js';
import { UsageError } from './args.js';
import { isFilterFlag, readFilterArgs, type FilterArgs } from './filter-args.js';
import { jsonSummary, textSummary } from './summary.js';
import { WATCH_USAGE, parseWatchArgs, watchCommand, type WatchArgs } from './watch.js';
import { runExport } from './export.js';
import { CHECK_USAGE, runCheck } from './check.js';

const USAGE =
  'usage: cli import --db FILE [--json] PATH... | cli metrics|dimensions --db FILE [--json] [filters] | cli merchant --db FILE [--json] ID [filters] | ' +
  `cli events --db FILE [--json] [filters] [--limit N] [--offset K] | cli trend --db FILE [--json] --grain day|week|month [filters] | ${WATCH_USAGE} | ${CHECK_USAGE}`;

const COMMANDS = ['import', 'metrics', 'merchant', 'events', 'trend', 'dimensions'] as const;
type Command = (typeof COMMANDS)[number];

/** Options other than filters, per command, each taking one value. */
const VALUE_OPTIONS: Partial<Record<Command, string[]>> = {
  events: ['--limit', '--offset', '--status', '--kyc-step', '--sort'],
  trend: ['--grain'],
};

interface Args {
  command: Command;
  db: string;
  json: boolean;
  paths: string[];
  filters: FilterArgs;
  options: Record<string, string>;
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const cmd = command as Command;
  let db: string | null = null;
  let json = false;
  const paths: string[] = [];
  const filterFlags: [string, string][] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--db') {
      db = rest[++i] ?? null;
      if (!db || db.startsWith('--')) throw new UsageError('--db needs a file name');
    } else if (a === '--json') json = true;
    else if (cmd !== 'import' && isFilterFlag(a)) filterFlags.push([a, value()]);
    else if (VALUE_OPTIONS[cmd]?.includes(a)) options[a.slice(2)] = value();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a} for ${cmd}`);
    else paths.push(a);
  }
  if (!db) throw new UsageError('--db FILE is required');
  if (cmd === 'import' && paths.length === 0) throw new UsageError('import needs at least one file or folder');
  if (cmd === 'merchant' && paths.length !== 1) throw new UsageError('merchant needs exactly one merchant id');
  if (cmd !== 'import' && cmd !== 'merchant' && paths.length) throw new UsageError(`${cmd} takes no paths (unexpected "${paths[0]}")`);
  if (cmd === 'trend' && !options.grain) throw new UsageError('trend needs --grain day, week or month');
  const filters = readFilterArgs(filterFlags);
  if (filters.compare && cmd !== 'metrics' && cmd !== 'trend') throw new UsageError(`--compare is for metrics and trend, not ${cmd}`);
  return { command: cmd, db: path.resolve(db), json, paths, filters, options };
}

/** The engine request a query command makes, checked by the same validation as the API. */
export function queryRequest(args: Args): { name: ApiName; request: unknown } {
  const { filter, compare } = args.filters;
  const o = args.options;
  const base = { filter, ...(compare ? { compare } : {}) };
  const int = (k: string) => {
    if (o[k] === undefined) return undefined;
    if (!/^\d+$/.test(o[k])) throw new UsageError(`--${k} takes a whole number, not "${o[k]}"`);
    return Number(o[k]);
  };
  let name: ApiName;
  let request: Record<string, unknown>;
  switch (args.command) {
    case 'metrics':
      [name, request] = ['getMetrics', base];
      break;
    case 'dimensions':
      [name, request] = ['getDimensions', { filter }];
      break;
    case 'trend':
      [name, request] = ['getTrend', { ...base, grain: o.grain }];
      break;
    case 'merchant':
      [name, request] = ['getMerchant', { merchant_id: args.paths[0], filter }];
      break;
    default:
      [name, request] = [
        'getEvents',
        {
          filter,
          ...(o.status ? { status: o.status.split(',') } : {}),
          ...(o['kyc-step'] ? { kyc_step: o['kyc-step'] } : {}),
          ...(o.sort ? { sort: o.sort } : {}),
          ...(int('limit') !== undefined ? { limit: int('limit') } : {}),
          ...(int('offset') !== undefined ? { offset: int('offset') } : {}),
        },
      ];
  }
  const checked = validateRequest(name, request);
  if (!checked.ok) throw new UsageError(checked.error.message.replace(/^Invalid request \w+: /, ''));
  return { name, request: checked.value };
}

/** What `metrics` prints: exactly the metrics without filters; with them, also the filter, coverage and comparison. */
function metricsOutput(r: import('../../shared/metrics.js').MetricsResponse, given: boolean): unknown {
  if (!given) return r.metrics;
  return {
    ...r.metrics,
    filter: r.filter ?? {},
    coverage: r.coverage,
    ...(r.compare ? { compare: { from: r.compare.from, to: r.compare.to, ...r.compare.metrics, coverage: r.compare.coverage } } : {}),
  };
}

/** lstat, so a dangling link given by name counts as given (the import reports it as unreadable). */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function progressLine(p: ImportProgress): string {
  const pct = p.bytes_total ? Math.floor((100 * p.bytes_done) / p.bytes_total) : 100;
  const left = p.seconds_left === null ? '' : `, ${Math.ceil(p.seconds_left)} s left`;
  return `\r${pct}%  files ${p.files_done}/${p.files_total}  rows ${p.rows_read.toLocaleString('en-US')}  accepted ${p.accepted.toLocaleString('en-US')}  duplicates ${p.duplicates}  rejected ${p.rejected}  ${p.rows_per_second.toLocaleString('en-US')} rows/s${left}   `;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'export') return runExport(argv.slice(1));
  if (argv[0] === 'check') return runCheck(argv.slice(1));
  if (argv[0] === 'watch') {
    let watchArgs: WatchArgs;
    try {
      watchArgs = parseWatchArgs(argv.slice(1));
    } catch (err) {
      process.stderr.write(`error: ${(err as Error).message} (usage: ${WATCH_USAGE})\n`);
      return 2;
    }
    return watchCommand(watchArgs);
  }
  let args: Args;
  let query: { name: ApiName; request: unknown } | null = null;
  try {
    args = parseArgs(argv);
    if (args.command !== 'import') query = queryRequest(args);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message} (${USAGE})\n`);
    return 2;
  }
  if (args.command === 'import') {
    // Checked before the database is opened, so a mistyped path creates and changes nothing.
    const missing = args.paths.find((p) => !exists(p));
    if (missing !== undefined) {
      process.stderr.write(`error: there is no file or folder at ${path.resolve(missing)}; nothing was imported.\n`);
      return 2;
    }
  }
  if (args.command !== 'import' && !fs.existsSync(args.db)) {
    process.stderr.write(`error: there is no database at ${args.db}; import some files first.\n`);
    return 2;
  }
  // One answer and out: month rollups are built only for the months this question reads.
  const engine = await openEngineOrSay(args.db, { tuning: { eagerRollups: false } });
  if (!engine) return 2;
  try {
    if (query) {
      const value = await engine.request(query.name as 'getMetrics', query.request as ApiRequest<'getMetrics'>);
      const out = args.command === 'metrics' ? metricsOutput(value, args.filters.given) : value;
      process.stdout.write(JSON.stringify(out, null, args.json ? undefined : 2) + '\n');
      return 0;
    }
    const tty = process.stderr.isTTY;
    if (tty) engine.onProgress((p) => process.stderr.write(progressLine(p)));
    const onSignal = () => void engine.call('cancelImport', {});
    process.once('SIGINT', onSignal);
    const result = await engine.call('importPaths', { paths: args.paths });
    process.off('SIGINT', onSignal);
    if (tty) process.stderr.write('\n');
    if (!result.ok) {
      // A failed import still tells a script which files made it.
      const { summary } = result.error as Partial<ImportFailure>;
      if (summary) process.stdout.write((args.json ? JSON.stringify({ ...jsonSummary(summary), error: result.error.code }) : textSummary(summary)) + '\n');
      process.stderr.write(`error: ${result.error.message}\n`);
      return 1;
    }
    process.stdout.write((args.json ? JSON.stringify(jsonSummary(result.value)) : textSummary(result.value)) + '\n');
    return result.value.status === 'done' ? 0 : 1;
  } catch (err) {
    process.stderr.write(`error: ${err instanceof AppError ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await engine.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
