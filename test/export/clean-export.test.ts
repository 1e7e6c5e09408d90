// The app's path of "Export clean events": runCleanExport runs exportCleanEvents in its own worker thread
// while the engine stays open, and its files hold exactly the events getEvents finds for the same filter.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api.js';
import { runCleanExport } from '../../electron/engine/export/run-clean-export.js';
import { allRows, newDbPath, openEngine } from '../helpers/engine.js';
import { tempDir } from '../helpers/csv.js';
import { generatedFolder, parquetFiles, readParquet } from './export-helpers.js';

const filter = { region: ['LAGOS', 'KANO'], from: '2024-01-15', to: '2024-03-31', exclude: { product: ['BILLS'] } };

/** The filter written out by hand, as the reference the engine's index is checked against. */
function inFilter(r: { region?: unknown; product?: unknown; event_date?: unknown; event_timestamp?: unknown }): boolean {
  const when = r.event_date ?? r.event_timestamp ?? '';
  // hyparquet reads a DATE as a Date at UTC midnight; CSV and getEvents give text.
  const day = (when instanceof Date ? when.toISOString() : String(when)).slice(0, 10);
  return ['LAGOS', 'KANO'].includes(String(r.region)) && r.product !== 'BILLS' && day >= '2024-01-15' && day <= '2024-03-31';
}

async function imported() {
  const db = newDbPath();
  const engine = await openEngine(db);
  expect((await engine.request('getEvents', { limit: 1 })).total).toBe(0);
  expect((await engine.request('importPaths', { paths: [generatedFolder()] })).status).toBe('done');
  const expected = await allRows(engine, { filter }, 50);
  expect(expected.total).toBeGreaterThan(20);
  for (const r of expected.rows) expect(inFilter(r)).toBe(true);
  return { db, engine, ids: expected.rows.map((r) => r.event_id).sort() };
}

describe('runCleanExport (the app path)', () => {
  it('writes a CSV of exactly the filtered events while the engine stays open', async () => {
    const { db, engine, ids } = await imported();
    const out = path.join(tempDir('mad-clean-'), 'clean.csv');
    const summary = await runCleanExport(db, { format: 'csv', filter, out });
    expect(summary).toMatchObject({ format: 'csv', out, events: ids.length });
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.event_id).sort()).toEqual(ids);
    for (const r of rows) expect(inFilter(r)).toBe(true);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    // The engine answered before and still answers after: the export never went through it.
    expect((await engine.request('getEvents', { filter, limit: 1 })).total).toBe(ids.length);
    await engine.close();
  });

  it('writes a Parquet data set of exactly the filtered events, read back by hyparquet', async () => {
    const { db, engine, ids } = await imported();
    const out = path.join(tempDir('mad-clean-'), 'data');
    const summary = await runCleanExport(db, { format: 'parquet', filter, out });
    expect(summary).toMatchObject({ format: 'parquet', out, events: ids.length, partitions: 3 });
    const got: string[] = [];
    for (const f of parquetFiles(out)) {
      for (const r of (await readParquet(path.join(out, f))).rows) {
        expect(inFilter(r)).toBe(true);
        got.push(String(r.event_id));
      }
    }
    expect(got.sort()).toEqual(ids);
    expect(fs.readdirSync(out).sort()).toEqual(['README.txt', 'metrics.sql', 'month=2024-01', 'month=2024-02', 'month=2024-03']);
    await engine.close();
  });

  it('refuses a folder that is not empty, in words, and leaves it as it was', async () => {
    const { db, engine } = await imported();
    const out = tempDir('mad-clean-');
    fs.writeFileSync(path.join(out, 'keep.txt'), 'keep me');
    const err = await runCleanExport(db, { format: 'parquet', filter, out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'bad_request', message: expect.stringContaining('is not an empty folder') });
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    await engine.close();
  });

  it('refuses an existing CSV file when asked not to replace it', async () => {
    const { db, engine } = await imported();
    const out = path.join(tempDir('mad-clean-'), 'clean.csv');
    fs.writeFileSync(out, 'keep me');
    await expect(runCleanExport(db, { format: 'csv', filter, out, replaceCsv: false })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('already exists') });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    await engine.close();
  });
});
