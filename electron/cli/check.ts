// `cli check --db FILE [--repair] [--json]`: proves the numbers (the engine's checkDatabase). Exit 0
// when every check passes (or the repair made them pass), 1 when a problem remains, 2 for bad usage or
// a database that cannot be opened at all for another reason than damage (foreign, newer, missing).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api.js';
import type { CheckItem, CheckReport } from '../../shared/checking.js';
import { EngineClient } from '../engine/client.js';
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
  const file: CheckItem = { name: 'file', title: 'Database file', ok: false, detail: 'Part of the file cannot be read (it is cut short or overwritten). It cannot be repaired in place.' };
  return { ok: false, checks: [file], repaired: false, changed: [], way_out: err.message, seconds: 0 };
}

function textReport(r: CheckReport): string {
  const lines = r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.title}: ${c.detail}`);
  if (r.repaired) lines.push('repaired: the summaries were counted again from the events; before, they read:');
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
    print(damagedReport(err));
    return 1;
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
