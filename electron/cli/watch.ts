// `cli watch --db FILE [--json] [--settle SECONDS] [--rescan SECONDS] DIR...`: imports what is in the
// folders, then keeps importing new and changed CSV files until SIGINT or SIGTERM. The watching itself
// is the engine's FolderWatcher; this file only parses flags and prints.
import fs from 'node:fs';
import path from 'node:path';
import { openEngineOrSay } from './open-engine.js';
import { DEFAULT_RESCAN_MS, DEFAULT_SETTLE_MS, FolderWatcher, type WatchEvent } from '../engine/watch/folder-watcher.js';
import { UsageError, parseFlags } from './args.js';
import { jsonSummary, textSummary } from './summary.js';
import { fileList, fileNotices } from '../engine/watch/watch-notice.js';

export const WATCH_USAGE = 'cli watch --db FILE [--json] [--settle SECONDS] [--rescan SECONDS] DIR...';

export interface WatchArgs {
  db: string;
  json: boolean;
  settleMs: number;
  rescanMs: number;
  folders: string[];
}

function seconds(flag: string, value: string | undefined, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) {
    throw new UsageError(`${flag} needs a number of seconds, at least ${min}`);
  }
  return Math.round(n * 1000);
}

export function parseWatchArgs(argv: string[]): WatchArgs {
  const flags = parseFlags(argv, { '--db': 'a file name', '--settle': 'a number of seconds', '--rescan': 'a number of seconds' }, ['--json']);
  const db = flags.values.get('--db');
  const json = flags.switches.has('--json');
  const settleMs = seconds('--settle', flags.values.get('--settle'), 0.1, DEFAULT_SETTLE_MS);
  const rescanMs = seconds('--rescan', flags.values.get('--rescan'), 1, DEFAULT_RESCAN_MS);
  const folders = flags.positional.map((f) => path.resolve(f));
  if (!db) throw new UsageError('--db FILE is required');
  if (folders.length === 0) throw new UsageError('watch needs at least one folder');
  // A folder that is missing later is waited for; one missing at the start is far more likely a typo.
  for (const f of folders) {
    let isDir = false;
    try {
      isDir = fs.statSync(f).isDirectory();
    } catch {
      throw new UsageError(`there is no folder at ${f}`);
    }
    if (!isDir) throw new UsageError(`${f} is a file; watch takes folders (use import for single files)`);
  }
  return { db: path.resolve(db), json, settleMs, rescanMs, folders };
}

function printer(json: boolean): (e: WatchEvent) => void {
  const err = (line: string) => process.stderr.write(line + '\n');
  return (e) => {
    switch (e.type) {
      case 'queued':
        return;
      case 'importing':
        return err(`importing ${e.files.length === 1 ? '1 file' : `${e.files.length} files`}: ${fileList(e.files)}`);
      case 'imported':
        if (!e.result.ok) return err(`error: ${e.result.error.message}`);
        if (json) process.stdout.write(JSON.stringify(jsonSummary(e.result.value)) + '\n');
        else process.stdout.write([...fileNotices(e.result.value), textSummary(e.result.value)].join('\n') + '\n');
        return;
      case 'unavailable':
        return err(e.message);
      case 'available':
        return err(`The watched folder ${e.folder} is back; importing what changed there.`);
      case 'problem':
        return err(`warning: ${e.message}`);
    }
  };
}

export async function watchCommand(args: WatchArgs): Promise<number> {
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    // Listeners stay on: a second Ctrl+C while the file in progress is rolled back must not kill the
    // process and leave the lock behind.
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => resolve(s));
  });
  const engine = await openEngineOrSay(args.db);
  if (!engine) return 2;
  if (!engine.writable) {
    await engine.close();
    process.stderr.write('error: this database is open for writing in another window or command; close that first to watch folders into it.\n');
    return 1;
  }
  const watcher = new FolderWatcher(
    args.folders,
    {
      importPaths: (paths) => engine.call('importPaths', { paths }),
      cancelImport: async () => void (await engine.call('cancelImport', {})),
    },
    printer(args.json),
    { settleMs: args.settleMs, rescanMs: args.rescanMs },
  );
  await watcher.start();
  process.stderr.write(`watching ${args.folders.join(', ')} (stop with Ctrl+C)\n`);
  const got = await signal;
  process.stderr.write(`${got}: stopping${watcher.idle ? '' : '; the file being imported is finished or rolled back'}\n`);
  await watcher.stop();
  await engine.close();
  return 0;
}
