// The command line: `import --db FILE --json PATH...` and `metrics --db FILE --json`, run as the
// compiled CLI with the project's Node; bad arguments fail in one line and write nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COLUMNS, row, tempDir, uuid, writeCsv, writeFile } from '../helpers/csv.js';
import { CLI, NODE, ROOT, contract, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { datasetCounts, writeDataset } from '../helpers/dataset.js';
import { nonzero, sha256 } from '../helpers/ledger.js';

function smallInput(): string {
  const dir = tempDir();
  const dup = uuid();
  writeCsv(dir, 'activities_20240101.csv', [
    row({ event_id: dup, merchant_id: 'M-1', amount: '10.00' }),
    row({ event_id: dup, merchant_id: 'M-1', amount: '99.00' }), // duplicate
    row({ merchant_id: 'M-2', amount: '5.55', product: 'BILLS' }),
    row({ merchant_id: 'M-3', amount: 'INVALID', status: 'FAILED' }), // kept, invalid_amount
    row({ merchant_id: 'M-4', status: 'MAYBE' }), // invalid_status
    row({ merchant_id: '' }), // missing_merchant_id
  ]);
  writeCsv(dir, 'sub/activities_20240102.csv', [row({ merchant_id: 'M-2', amount: '4.45', event_timestamp: '' })]);
  writeCsv(dir, 'broken.csv', [row()], { columns: COLUMNS.slice(1) });
  writeFile(dir, 'readme.txt', 'not data');
  return dir;
}

function expectOneLineError(r: { status: number | null; stdout: string; stderr: string }) {
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, `stderr was: ${r.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/\w{3,}.*\w{3,}/);
}

describe('cli import --json', () => {
  it('prints one JSON summary with the counts, the files and the seconds', () => {
    const dir = smallInput();
    const db = newDbPath();
    const r = runCli(['import', '--db', db, '--json', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr, 'no progress on stderr when it is not a terminal').toBe('');
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      rows_read: 7,
      accepted: 4,
      duplicates: 1,
      rejected: 2,
      files: { imported: 2, unchanged: 0, failed: 1, ignored: 1 },
    });
    expect(nonzero(summary.rejected_by_reason)).toEqual({ invalid_status: 1, missing_merchant_id: 1 });
    expect(nonzero(summary.warnings_by_reason)).toEqual({ invalid_amount: 1, invalid_timestamp: 1 });
    expect(typeof summary.seconds).toBe('number');
    expect(summary.seconds).toBeGreaterThanOrEqual(0);

    const again = JSON.parse(runCli(['import', '--db', db, '--json', dir]).stdout);
    expect(again).toMatchObject({ accepted: 0, files: { imported: 0, unchanged: 2, failed: 1, ignored: 1 } });
  });

  it('accepts several paths, files and folders', () => {
    const a = tempDir();
    const b = tempDir();
    writeCsv(a, 'one.csv', [row(), row()]);
    const single = writeCsv(b, 'two.csv', [row()]);
    const r = runCli(['import', '--db', newDbPath(), '--json', a, single]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 3, files: { imported: 2 } });
  });
});

describe('cli progress', () => {
  it('shows progress when stderr is a terminal (through script(1)), and still prints the JSON summary', (ctx) => {
    const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
    if (!hasScript) {
      console.warn('skipped: script(1) is not installed, so no terminal can be given to the CLI');
      return ctx.skip();
    }
    const dir = tempDir();
    writeDataset(dir, { files: 1, rowsPerFile: 100_000, seed: 5 });
    const db = newDbPath();
    const command = [NODE, CLI, 'import', '--db', db, '--json', dir].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: ROOT, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
    const json = lines.filter((l) => l.startsWith('{'));
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0])).toMatchObject(datasetCounts({ files: 1, rowsPerFile: 100_000 }));
    expect(lines.some((l) => !l.startsWith('{') && /rows/i.test(l)), `no progress line in: ${r.stdout.slice(0, 500)}`).toBe(true);
  });
});

describe('cli paths', () => {
  it('takes the database and the inputs relative to the current folder', () => {
    const cwd = tempDir();
    writeCsv(cwd, 'in/one.csv', [row({ merchant_id: 'REL', amount: '3.00' })]);
    const r = runCli(['import', '--db', 'rel.db', '--json', 'in'], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 1 });
    expect(fs.existsSync(path.join(cwd, 'rel.db'))).toBe(true);
    const m = runCli(['metrics', '--db', 'rel.db', '--json'], cwd);
    expect(JSON.parse(m.stdout).top_merchant).toEqual({ merchant_id: 'REL', total_volume: 3 });
  });
});

describe('cli metrics --json', () => {
  it('prints the same metrics as getMetrics, with the contract keys', async () => {
    const db = newDbPath();
    expect(runCli(['import', '--db', db, '--json', smallInput()]).status).toBe(0);
    const r = runCli(['metrics', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    for (const key of ['top_merchant', 'top_merchants', 'monthly_active_merchants', 'product_adoption', 'kyc_funnel', 'failure_rates']) {
      expect(printed).toHaveProperty(key);
    }
    // Hand-checked: M-1 10.00 and M-2 5.55 + 4.45 = 10.00 tie, M-1 is the smaller id.
    expect(printed.top_merchant).toEqual({ merchant_id: 'M-1', total_volume: 10 });
    expect(printed.top_merchants).toEqual([
      { merchant_id: 'M-1', total_volume: 10 },
      { merchant_id: 'M-2', total_volume: 10 },
    ]);
    expect(Object.keys(printed.product_adoption)).toEqual(['POS', 'BILLS']);

    const engine = await openEngine(db);
    const fromApi = contract((await metricsOf(engine)).metrics);
    expect(contract(printed)).toEqual(fromApi);
    expect(Object.keys(printed.monthly_active_merchants)).toEqual(Object.keys(fromApi.monthly_active_merchants));
    expect(Object.keys(printed.product_adoption)).toEqual(Object.keys(fromApi.product_adoption));
  });
});

describe('cli errors', () => {
  const cases: [string, (db: string) => string[]][] = [
    ['no arguments', () => []],
    ['an unknown command', (db) => ['frobnicate', '--db', db]],
    ['import without --db', () => ['import', '--json', tempDir()]],
    ['import with --db but no file name', () => ['import', '--db']],
    ['import without paths', (db) => ['import', '--db', db, '--json']],
    ['an unknown option', (db) => ['import', '--db', db, '--frobnicate', tempDir()]],
    ['metrics without --db', () => ['metrics', '--json']],
    ['metrics on a database that does not exist', (db) => ['metrics', '--db', db, '--json']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: one line on stderr, non-zero exit, no database created`, () => {
      const db = newDbPath('never.db');
      const r = runCli(args(db));
      expectOneLineError(r);
      expect(fs.readdirSync(path.dirname(db))).toEqual([]);
    });
  }

  it('metrics on a database newer than the code: one line, non-zero exit, the file untouched', async () => {
    const db = newDbPath();
    expect(runCli(['import', '--db', db, '--json', smallInput()]).status).toBe(0);
    const conn = new Database(db);
    conn.pragma(`user_version = ${(conn.pragma('user_version', { simple: true }) as number) + 50}`);
    conn.close();
    const before = sha256(db);
    const r = runCli(['metrics', '--db', db, '--json']);
    expectOneLineError(r);
    expect(r.stderr).toMatch(/newer/i);
    expect(sha256(db)).toBe(before);
  });

  for (const command of ['metrics', 'import'] as const) {
    it(`${command} on a foreign file: one line, non-zero exit, the file untouched`, () => {
      const dir = tempDir();
      const db = writeFile(dir, 'thesis.db', 'Chapter 1. Introduction\n');
      const before = sha256(db);
      const args = command === 'metrics' ? ['metrics', '--db', db, '--json'] : ['import', '--db', db, '--json', smallInput()];
      expectOneLineError(runCli(args));
      expect(sha256(db)).toBe(before);
      expect(fs.readdirSync(dir)).toEqual(['thesis.db']);
    });
  }
});
