// "Check and repair" (issue 11): a flipped bit in a summary page passes PRAGMA integrity_check and
// changes a metric silently; `cli check` finds it by recounting the events, `check --repair` rebuilds
// the summaries so the metrics equal a clean import of the same files, and a damaged file gets the way out.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine, runCli, type Fresh } from '../helpers/engine.js';
import type { CheckReport } from '../../shared/checking.js';
import type { Metrics } from '../../shared/metrics.js';

let files: string[];
let clean: Fresh;

beforeAll(async () => {
  files = writeDataset(tempDir(), { files: 4, rowsPerFile: 3_000, seed: 11 });
  clean = await importFresh(files);
});

async function importedDb(): Promise<string> {
  const db = newDbPath();
  const engine = await openEngine(db);
  await engine.request('importPaths', { paths: files });
  await engine.close(); // checkpoints the log into the file, so the bytes below are the live ones
  return db;
}

async function metricsIn(db: string): Promise<Metrics> {
  const engine = await openEngine(db);
  const m = (await metricsOf(engine)).metrics;
  await engine.close();
  return m;
}

function check(db: string, ...flags: string[]): { status: number | null; report: CheckReport } {
  const r = runCli(['check', '--db', db, '--json', ...flags]);
  expect(r.stderr).toBe('');
  return { status: r.status, report: JSON.parse(r.stdout) as CheckReport };
}

const failing = (r: CheckReport) => r.checks.filter((c) => !c.ok).map((c) => c.name);

function integrity(db: string): string {
  const conn = new Database(db, { readonly: true });
  const result = conn.pragma('integrity_check', { simple: true }) as string;
  conn.close();
  return result;
}

/** An integer's bytes in an SQLite record (serial types 1 to 4: 1, 2, 3 or 4 bytes, big-endian). */
function recordInt(v: number): { type: number; bytes: Buffer } {
  const size = [1, 2, 3, 4].find((n) => v >= -(2 ** (8 * n - 1)) && v < 2 ** (8 * n - 1))!;
  const bytes = Buffer.alloc(size);
  bytes.writeIntBE(v, 0, size);
  return { type: size, bytes };
}

/**
 * Flips the lowest bit of m_month's merchant count for one month, in the file itself. m_month (month
 * INTEGER PRIMARY KEY, merchants) fits its root page; its record for a row is a 3-byte header (size 3,
 * NULL for the rowid alias, the count's serial type) and then the count.
 */
function flipMonthlyCount(db: string): { month: number; merchants: number } {
  const conn = new Database(db, { readonly: true });
  const root = conn.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'm_month'").pluck().get() as number;
  const pageSize = conn.pragma('page_size', { simple: true }) as number;
  const row = conn.prepare('SELECT month, merchants FROM m_month ORDER BY month LIMIT 1').get() as { month: number; merchants: number };
  expect(conn.prepare('SELECT count(*) FROM m_month').pluck().get()).toBeGreaterThan(1);
  conn.close();
  const file = fs.readFileSync(db);
  const page = file.subarray((root - 1) * pageSize, root * pageSize);
  const { type, bytes } = recordInt(row.merchants);
  const pattern = Buffer.concat([Buffer.from([3, 0, type]), bytes]);
  const at = page.indexOf(pattern);
  expect(at, 'the record is on the root page').toBeGreaterThan(-1);
  expect(page.indexOf(pattern, at + 1), 'and only once').toBe(-1);
  const fd = fs.openSync(db, 'r+');
  const offset = (root - 1) * pageSize + at + pattern.length - 1;
  fs.writeSync(fd, Buffer.from([file[offset] ^ 1]), 0, 1, offset);
  fs.closeSync(fd);
  return row;
}

const ym = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

describe('check and repair', () => {
  it('a clean database passes every check', async () => {
    const db = await importedDb();
    const { status, report } = check(db);
    expect(failing(report)).toEqual([]);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.repaired).toBe(false);
    expect(report.checks.map((c) => c.name)).toEqual(['file', 'stored_files', 'top_merchants', 'monthly_active_merchants', 'product_adoption', 'kyc_funnel', 'failure_rates', 'dates_covered']);
  });

  it('one flipped bit in a summary page: integrity_check says ok, check names the metric, --repair restores a clean import', async () => {
    const db = await importedDb();
    const { month, merchants } = flipMonthlyCount(db);
    expect(integrity(db)).toBe('ok');
    // The silent change the issue describes: the metric moved, nothing said so.
    const flipped = (await metricsIn(db)).monthly_active_merchants[ym(month)];
    expect(flipped).toBe(merchants ^ 1);
    expect(clean.metrics.monthly_active_merchants[ym(month)]).toBe(merchants);

    const found = check(db);
    expect(found.status).toBe(1);
    expect(found.report.ok).toBe(false);
    expect(failing(found.report)).toEqual(['monthly_active_merchants']);
    const item = found.report.checks.find((c) => c.name === 'monthly_active_merchants')!;
    const n = (v: number) => v.toLocaleString('en-US');
    expect(item.detail).toContain(`merchants in ${ym(month)}: ${n(merchants ^ 1)} in the summaries, ${n(merchants)} in the events`);

    const text = runCli(['check', '--db', db]);
    expect(text.status).toBe(1);
    expect(text.stdout.trim().split('\n')).toHaveLength(found.report.checks.length);
    expect(text.stdout).toMatch(/^FAIL {2}Monthly active merchants: /m);

    const fixed = check(db, '--repair');
    expect(failing(fixed.report)).toEqual([]);
    expect(fixed.status).toBe(0);
    expect(fixed.report.repaired).toBe(true);
    expect(fixed.report.changed.map((c) => c.name)).toEqual(['monthly_active_merchants']);
    expect(contract(await metricsIn(db))).toEqual(contract(clean.metrics));
    expect(check(db).status).toBe(0);
  });

  it('a summary value changed by SQL: the top merchant check fails until repaired', async () => {
    const db = await importedDb();
    const conn = new Database(db);
    conn.prepare('UPDATE s_volume SET kobo = kobo + 1 WHERE merchant = (SELECT merchant FROM s_volume ORDER BY kobo DESC, merchant LIMIT 1)').run();
    conn.close();
    expect(integrity(db)).toBe('ok');
    const found = check(db);
    expect(found.status).toBe(1);
    expect(failing(found.report)).toEqual(['top_merchants']);
    expect(found.report.checks.find((c) => c.name === 'top_merchants')!.detail).toContain(clean.metrics.top_merchant!.merchant_id);
    expect(check(db, '--repair').status).toBe(0);
    expect(contract(await metricsIn(db))).toEqual(contract(clean.metrics));
  });

  it('a file whose stored events differ from the history: named, and repair cannot bring them back', async () => {
    const db = await importedDb();
    const conn = new Database(db);
    const path = conn.prepare("UPDATE sources SET events = events + 1 WHERE id = (SELECT min(id) FROM sources) RETURNING path").pluck().get() as string;
    conn.close();
    const { status, report } = check(db, '--repair');
    expect(status).toBe(1);
    expect(failing(report)).toEqual(['stored_files']);
    expect(report.repaired).toBe(false);
    expect(report.checks.find((c) => c.name === 'stored_files')!.detail).toContain(path);
    expect(report.checks.find((c) => c.name === 'stored_files')!.detail).toMatch(/import them again/);
  });

  it('a read-only view checks but does not repair: busy, as data', async () => {
    const db = await importedDb();
    const writer = await openEngine(db);
    const reader = await openEngine(db);
    expect(reader.writable).toBe(false);
    expect((await reader.request('checkDatabase', {})).ok).toBe(true);
    const r = await reader.call('checkDatabase', { repair: true });
    expect(r.ok ? null : r.error.code).toBe('busy');
    expect((await writer.request('checkDatabase', { repair: true })).repaired).toBe(false); // nothing to repair
    const bad = await writer.call('checkDatabase', { repair: 'yes' } as never);
    expect(bad.ok ? null : bad.error.code).toBe('bad_request');
  });

  it('a damaged file cannot be repaired in place: check says so and gives the way out (--repair starts over: start-over.test.ts)', async () => {
    const db = await importedDb();
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 3));
    const { status, report } = check(db);
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.repaired).toBe(false);
    expect(failing(report)).toContain('file');
    expect(report.way_out).toMatch(/new database/i);
    expect(report.way_out).toMatch(/import .*again/i);
  });

  it('bad usage exits 2', () => {
    expect(runCli(['check', '--db', newDbPath(), '--frobnicate']).status).toBe(2);
    expect(runCli(['check']).status).toBe(2);
  });
});
