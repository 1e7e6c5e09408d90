// Damaged and foreign database files. The analyst's own database, cut short or overwritten in part,
// is called damaged (not "not a Merchant Analytics database") with the way out; another program's
// SQLite file, even one holding only a view, is refused unchanged; our databases carry an
// application_id, and ones made before it existed still open and get it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { contract, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { sha256 } from '../helpers/ledger.js';
import { AppError } from '../../shared/api.js';
import { APPLICATION_ID } from '../../electron/engine/db/migrate.js';
import { readDamagedLedger } from '../../electron/engine/db/damaged-ledger.js';

async function databaseWithData(): Promise<{ db: string; files: string[] }> {
  const data = tempDir();
  const files = writeDataset(data, { files: 3, rowsPerFile: 3_000, seed: 3 });
  const db = newDbPath();
  const engine = await openEngine(db);
  await engine.request('importPaths', { paths: [data] });
  await engine.close();
  return { db, files };
}

/** The error of opening the engine and reading the metrics, whichever step meets the damage. */
async function failureOf(db: string): Promise<{ code: string; message: string }> {
  try {
    const engine = await openEngine(db);
    const r = await engine.call('getMetrics', {});
    if (r.ok) throw new Error('the damaged database answered metrics');
    return r.error;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, message: err.message };
  }
}

function expectDamaged(e: { code: string; message: string }, db: string) {
  expect(e.code, e.message).toBe('db_damaged');
  expect(e.message).toContain(db);
  expect(e.message).toMatch(/your .*database .*damaged/i);
  expect(e.message).toMatch(/new database/i);
  expect(e.message).toMatch(/import .*again/i);
  expect(e.message).not.toMatch(/not a Merchant Analytics database/i);
}

describe('a damaged database', () => {
  it('cut short: called damaged, with the way out and the files its ledger lists', async () => {
    const { db, files } = await databaseWithData();
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 3));
    const e = await failureOf(db);
    expectDamaged(e, db);
    expect(e.message).toContain(files[0]);
  });

  it('its first page overwritten: called damaged, not foreign', async () => {
    const { db } = await databaseWithData();
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    fs.closeSync(fd);
    expectDamaged(await failureOf(db), db);
  });

  it('page 1 damaged past its header: the ledger is still read and named', async () => {
    const { db, files } = await databaseWithData();
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(2000, 0xff), 0, 2000, 100);
    fs.closeSync(fd);
    const e = await failureOf(db);
    expectDamaged(e, db);
    // The schema on page 1 is gone, yet the ledger is found (on a copy with page 1 rebuilt) and named.
    expect(e.message).toContain('lists 3 files');
    expect(e.message).toContain(files[0]);
  });

  it('its ledger is read once while the file is unchanged (salvage copies the whole file), and again once it changes', async () => {
    const { db, files } = await databaseWithData();
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(2000, 0xff), 0, 2000, 100);
    fs.closeSync(fd);
    const first = readDamagedLedger(db);
    expect(first.paths).toEqual([...files].sort());
    expect(readDamagedLedger(db)).toBe(first);
    fs.truncateSync(db, 4096);
    const after = readDamagedLedger(db);
    expect(after).not.toBe(first);
    expect(after.paths).toEqual([]);
  });
});

describe('application_id', () => {
  it('is set on a database the app creates', async () => {
    const db = newDbPath();
    await (await openEngine(db)).close();
    const conn = new Database(db, { readonly: true });
    expect(conn.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    conn.close();
  });

  it('an SQLite file holding only a view is refused and left unchanged', async () => {
    const db = newDbPath('view.db');
    const conn = new Database(db);
    conn.exec('CREATE VIEW v AS SELECT 1 AS x');
    conn.close();
    const before = sha256(db);
    const e = await failureOf(db);
    expect(e.code, e.message).toBe('db_foreign');
    expect(sha256(db)).toBe(before);
  });

  it("another program's id is refused even with our tables", async () => {
    const db = newDbPath();
    await (await openEngine(db)).close();
    const conn = new Database(db);
    conn.pragma('application_id = 1234');
    conn.close();
    expect((await failureOf(db)).code).toBe('db_foreign');
  });

  it('a database made before the id existed (id 0) still opens, the same, and gets it', async () => {
    const { db } = await databaseWithData();
    const first = await openEngine(db);
    const before = await metricsOf(first);
    await first.close();
    const conn = new Database(db);
    conn.pragma('application_id = 0');
    conn.close();
    const engine = await openEngine(db);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(before.metrics));
    await engine.close();
    const check = new Database(db, { readonly: true });
    expect(check.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    check.close();
  });
});
