// Command-line entry to the same engine the app uses, without Electron.
//   import --db FILE [--json] PATH...   import files and folders
//   metrics --db FILE [--json]          print the five metrics
//   watch --db FILE [--json] DIR...     keep importing new and changed files (watch.ts)
import fs from 'node:fs';
import path from 'node:path';
import { openEngineOrSay } from './open-engine.js';
import { AppError } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import { UsageError, parseFlags } from './args.js';
import { jsonSummary, textSummary } from './summary.js';
import { WATCH_USAGE, parseWatchArgs, watchCommand, type WatchArgs } from './watch.js';

const USAGE = `usage: cli import --db FILE [--json] PATH... | cli metrics --db FILE [--json] | ${WATCH_USAGE}`;

interface Args {
  command: 'import' | 'metrics';
  db: string;
  json: boolean;
  paths: string[];
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'import' && command !== 'metrics') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const flags = parseFlags(rest, { '--db': 'a file name' }, ['--json']);
  const db = flags.values.get('--db');
  const json = flags.switches.has('--json');
  const paths = flags.positional;
  if (!db) throw new UsageError('--db FILE is required');
  if (command === 'import' && paths.length === 0) throw new UsageError('import needs at least one file or folder');
  if (command === 'metrics' && paths.length) throw new UsageError('metrics takes no paths');
  return { command, db: path.resolve(db), json, paths };
}

function progressLine(p: ImportProgress): string {
  const pct = p.bytes_total ? Math.floor((100 * p.bytes_done) / p.bytes_total) : 100;
  const left = p.seconds_left === null ? '' : `, ${Math.ceil(p.seconds_left)} s left`;
  return `\r${pct}%  files ${p.files_done}/${p.files_total}  rows ${p.rows_read.toLocaleString('en-US')}  accepted ${p.accepted.toLocaleString('en-US')}  duplicates ${p.duplicates}  rejected ${p.rejected}  ${p.rows_per_second.toLocaleString('en-US')} rows/s${left}   `;
}

export async function main(argv: string[]): Promise<number> {
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
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message} (${USAGE})\n`);
    return 2;
  }
  if (args.command === 'metrics' && !fs.existsSync(args.db)) {
    process.stderr.write(`error: there is no database at ${args.db}; import some files first.\n`);
    return 2;
  }
  const engine = await openEngineOrSay(args.db);
  if (!engine) return 2;
  try {
    if (args.command === 'metrics') {
      const { metrics } = await engine.request('getMetrics', {});
      process.stdout.write(JSON.stringify(metrics, null, args.json ? undefined : 2) + '\n');
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
