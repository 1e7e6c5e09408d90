// Starting over from a damaged database (issue 11): `check --repair` on a file cut short or with its
// first page overwritten moves it aside untouched, makes a new database and imports the files its
// ledger lists through the ordinary import, so the metrics equal a clean import of the same files; a
// listed file deleted since is reported missing and the exit code is 1 (the new database is still made).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { sha256 } from '../helpers/ledger.js';
import { generateDataset } from '../../bench/generate.js';
import { AppError } from '../../shared/api.js';
import type { CheckReport } from '../../shared/checking.js';
import { releaseWriterLock, takeWriterLock } from '../../electron/engine/db/open.js';
import { startOver } from '../../electron/engine/db/start-over.js';
import type { Metrics } from '../../shared/metrics.js';

/** Generated daily exports in a folder of their own (a test may delete one). */
const generated = () => generateDataset({ outDir: tempDir('mad-so-data-'), days: 4, rows: 16_000, seed: 23 }).files;

let shared: string[];
let clean: Metrics;

beforeAll(async () => {
  shared = generated();
  clean = (await importFresh(shared)).metrics;
});

async function importedDb(files: string[]): Promise<string> {
  const db = newDbPath();
  const engine = await openEngine(db);
  await engine.request('importPaths', { paths: files });
  await engine.close();
  return db;
}

const cutShort = (db: string) => fs.truncateSync(db, Math.floor(fs.statSync(db).size / 3));

function overwritePageOne(db: string): void {
  const fd = fs.openSync(db, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
  fs.closeSync(fd);
}

async function metricsIn(db: string): Promise<Metrics> {
  const engine = await openEngine(db);
  const m = (await metricsOf(engine)).metrics;
  await engine.close();
  return m;
}

function repair(db: string): { status: number | null; report: CheckReport } {
  const r = runCli(['check', '--db', db, '--repair', '--json']);
  expect(r.stderr).toBe('');
  return { status: r.status, report: JSON.parse(r.stdout) as CheckReport };
}

/**
 * The database and its write-ahead log by content, before the damage is moved. (The -shm is SQLite's
 * shared-memory index of the log, rebuilt by every connection that opens the file, also by the ones
 * that find it damaged; it is moved along but holds no data.)
 */
function contents(db: string): Map<string, string> {
  return new Map(['', '-wal'].filter((s) => fs.existsSync(db + s)).map((s) => [s, sha256(db + s)]));
}

describe('check --repair on a damaged database starts over', () => {
  for (const [name, damage] of [
    ['cut short', cutShort],
    ['its first page overwritten', overwritePageOne],
  ] as const) {
    it(`${name}: moved aside byte for byte, the files imported again, the metrics of a clean import`, async () => {
      const db = await importedDb(shared);
      damage(db);
      const before = contents(db);
      expect(runCli(['metrics', '--db', db, '--json']).status).not.toBe(0); // damaged, as the issue says

      const { status, report } = repair(db);
      expect(status).toBe(0);
      expect(report.ok).toBe(true);
      const so = report.start_over!;
      expect(so.ledger).toBe('read');
      expect(so.paths).toEqual([...shared].sort());
      expect(so.missing).toEqual([]);
      expect(so.failed).toEqual([]);
      expect(path.dirname(so.moved_to)).toBe(path.dirname(db));
      expect(path.basename(so.moved_to)).toMatch(/^test\.db\.damaged-\d{8}-\d{6}$/);
      for (const [side, hash] of before) expect(sha256(so.moved_to + side), `damaged${side || ' file'}`).toBe(hash);
      expect(fs.existsSync(`${so.moved_to}-shm`)).toBe(fs.existsSync(`${so.moved_to}-wal`));
      expect(report.changed.map((c) => c.name)).toEqual(['file']);
      expect(report.checks.every((c) => c.ok)).toBe(true);

      expect(contract(await metricsIn(db))).toEqual(contract(clean));
      const engine = await openEngine(db);
      const history = await engine.request('getHistory', {});
      expect(history.imports).toHaveLength(1); // one ordinary import, with its ledger
      expect(so.accepted).toBe(history.imports[0].accepted);
    });
  }

  it('a listed file deleted since is missing: exit 1, the others imported, the new database made', async () => {
    const files = generated();
    const db = await importedDb(files);
    cutShort(db);
    const [gone, ...kept] = files;
    fs.rmSync(gone);

    const text = runCli(['check', '--db', db, '--repair']);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^moved the damaged database to .*\.damaged-\d{8}-\d{6} /m);
    expect(text.stdout).toContain(`missing  ${gone}`);
    expect(text.stdout).toMatch(/^what to do: 1 listed file is no longer there/m);

    const reference = (await importFresh(kept)).metrics;
    expect(contract(await metricsIn(db))).toEqual(contract(reference));
    // The new database lists only what it holds: damaged again, it starts over with nothing missing,
    // and both damaged copies are kept.
    cutShort(db);
    const { status, report } = repair(db);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.start_over!.missing).toEqual([]);
    expect(report.start_over!.paths).toEqual([...kept].sort());
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.includes('.damaged-') && !/-(wal|shm)$/.test(f))).toHaveLength(2);
  });

  it('without --repair nothing is moved: the way out in words, exit 1', async () => {
    const db = await importedDb(shared);
    cutShort(db);
    const hash = sha256(db);
    const r = runCli(['check', '--db', db, '--json']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as CheckReport).start_over).toBeUndefined();
    expect(sha256(db)).toBe(hash);
    expect(fs.readdirSync(path.dirname(db)).some((f) => f.includes('.damaged-'))).toBe(false);
  });
});

/** Every page but the one holding the meta table (which names the app) overwritten: ours, but no ledger left. */
function keepOnlyMeta(db: string): void {
  const conn = new Database(db, { readonly: true });
  const meta = conn.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").pluck().get() as number;
  const pageSize = conn.pragma('page_size', { simple: true }) as number;
  conn.close();
  const bytes = fs.readFileSync(db);
  const kept = Buffer.from(bytes.subarray((meta - 1) * pageSize, meta * pageSize));
  bytes.fill(0x5a);
  kept.copy(bytes, (meta - 1) * pageSize);
  fs.writeFileSync(db, bytes);
}

describe('starting over when the ledger or the file cannot be had', () => {
  it('no ledger left: the list could not be read, exit 1, an empty new database, the damaged file kept', async () => {
    const db = await importedDb(shared);
    keepOnlyMeta(db);
    const hash = sha256(db);
    const { status, report } = repair(db);
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.start_over).toMatchObject({ ledger: 'unreadable', paths: [], missing: [], failed: [], accepted: 0 });
    expect(report.way_out).toMatch(/could not be read .*import your CSV files into the new database yourself/);
    expect(sha256(report.start_over!.moved_to)).toBe(hash);
    const engine = await openEngine(db);
    expect((await metricsOf(engine)).coverage.files).toBe(0);
  });

  it('another window or command holding the database: busy, nothing moved', async () => {
    const db = await importedDb(shared);
    cutShort(db);
    expect(takeWriterLock(db)).toBe('taken');
    try {
      expect(() => startOver(db)).toThrow(AppError);
      expect(() => startOver(db)).toThrow(/Another window or command is using the database/);
    } finally {
      releaseWriterLock(db);
    }
    expect(fs.readdirSync(path.dirname(db)).some((f) => f.includes('.damaged-'))).toBe(false);
  });

  it('two start-overs in the same second keep both damaged files', async () => {
    const db = await importedDb(shared);
    const now = new Date(2024, 4, 6, 7, 8, 9);
    cutShort(db);
    const first = startOver(db, now);
    fs.writeFileSync(db, 'a second damaged file');
    const second = startOver(db, now);
    expect(first.moved_to).toBe(`${db}.damaged-20240506-070809`);
    expect(second.moved_to).toBe(`${db}.damaged-20240506-070809-2`);
    expect(fs.readFileSync(second.moved_to, 'utf8')).toBe('a second damaged file');
    expect(first.paths).toEqual([...shared].sort());
    expect(second.ledger).toBe('unreadable');
  });
});
