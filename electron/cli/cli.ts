// Command-line entry to the same engine the app uses, without Electron.
//   import --db FILE [--json] PATH...   import files and folders
//   metrics --db FILE [--json]          print the five metrics
import fs from 'node:fs';
import path from 'node:path';
import { EngineClient } from '../engine/client.js';
import { AppError } from '../../shared/api.js';
import type { ImportFailure, ImportProgress, ImportSummary } from '../../shared/importing.js';

const USAGE = 'usage: cli import --db FILE [--json] PATH... | cli metrics --db FILE [--json]';

class UsageError extends Error {}

interface Args {
  command: 'import' | 'metrics';
  db: string;
  json: boolean;
  paths: string[];
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'import' && command !== 'metrics') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  let db: string | null = null;
  let json = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--db') {
      db = rest[++i] ?? null;
      if (!db || db.startsWith('--')) throw new UsageError('--db needs a file name');
    } else if (a === '--json') json = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  if (!db) throw new UsageError('--db FILE is required');
  if (command === 'import' && paths.length === 0) throw new UsageError('import needs at least one file or folder');
  if (command === 'metrics' && paths.length) throw new UsageError('metrics takes no paths');
  return { command, db: path.resolve(db), json, paths };
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

function jsonSummary(s: ImportSummary) {
  return {
    status: s.status,
    import_id: s.import_id,
    rows_read: s.rows_read,
    accepted: s.accepted,
    duplicates: s.duplicates,
    rejected: s.rejected,
    rejected_by_reason: s.rejected_by_reason,
    warnings_by_reason: s.warnings_by_reason,
    files: s.files,
    imported_files: s.file_records.filter((f) => f.status === 'imported').map((f) => f.path),
    failed_files: s.file_records.filter((f) => f.status === 'failed').map((f) => ({ path: f.path, error_code: f.error_code, message: f.error_message })),
    seconds: s.seconds,
  };
}

function textSummary(s: ImportSummary): string {
  const lines = [
    `Import ${s.status}: ${s.files.imported} imported, ${s.files.unchanged} unchanged, ${s.files.failed} failed, ${s.files.ignored} ignored (${s.seconds.toFixed(1)} s)`,
    `Rows: ${s.rows_read} read, ${s.accepted} accepted, ${s.duplicates} duplicates, ${s.rejected} rejected ${JSON.stringify(s.rejected_by_reason)}, warnings ${JSON.stringify(s.warnings_by_reason)}`,
  ];
  for (const f of s.file_records) if (f.status === 'failed') lines.push(`Failed: ${f.path}: ${f.error_message}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
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
  if (args.command === 'metrics' && !fs.existsSync(args.db)) {
    process.stderr.write(`error: there is no database at ${args.db}; import some files first.\n`);
    return 2;
  }
  let engine: EngineClient;
  try {
    engine = await EngineClient.open(args.db);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
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
