// Parquet exports larger than one batch (GROUP_ROWS) per month, where the second and later batches go
// through the writer's wait for the encoder and batches pass from month to month through the pool, and
// with months interleaved in stored order. Every event read back (hyparquet) must be the engine's
// event, field for field.
import fs from 'node:fs';
import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { GROUP_ROWS } from '../../electron/engine/export/parquet.js';
import type { EngineClient } from '../../electron/engine/client.js';
import { allRows, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { tempDir } from '../helpers/csv.js';
import { parquetFiles, readParquet } from './export-helpers.js';

const kobo = (naira: unknown) => (naira === null ? null : Math.round(Number(naira) * 100));

function exportParquet(db: string): string {
  const out = path.join(tempDir('mad-export-out-'), 'data');
  const r = runCli(['export', '--db', db, '--format', 'parquet', '--out', out, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

/** Checks every exported event against the engine's getEvents row, field for field; returns each file's row-group sizes. */
async function expectEngineEvents(engine: EngineClient, out: string): Promise<Map<string, number[]>> {
  const { rows: expected } = await allRows(engine, {}, 1000);
  expect(new Set(expected.map((e) => e.event_id)).size).toBe(expected.length);
  const byId = new Map(expected.map((e) => [e.event_id, e]));
  const groups = new Map<string, number[]>();
  let seen = 0;
  for (const f of parquetFiles(out)) {
    const file = path.join(out, f);
    const buf = fs.readFileSync(file);
    groups.set(f, parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer).row_groups.map((g) => Number(g.num_rows)));
    for (const row of (await readParquet(file)).rows) {
      const e = byId.get(row.event_id as string);
      expect(e).toBeDefined();
      const { amount, ...text } = e!;
      expect({ ...row, amount: kobo(row.amount), event_date: row.event_date === null ? null : (row.event_date as Date).toISOString().slice(0, 10) }).toEqual({
        ...text,
        amount: kobo(amount),
        event_date: e!.event_timestamp === null ? null : e!.event_timestamp.slice(0, 10),
      });
      seen++;
    }
  }
  expect(seen).toBe(expected.length);
  return groups;
}

describe('Parquet export of several batches a month', () => {
  it('gives back every event exactly, in row groups of GROUP_ROWS', async () => {
    const src = tempDir('mad-export-big-');
    // Two days across a month end, each more than one batch.
    generateDataset({ outDir: src, days: 2, rows: 2 * (GROUP_ROWS + 4_000), startDate: '2024-01-31', seed: 7 });
    const db = newDbPath();
    const engine = await openEngine(db);
    expect((await engine.request('importPaths', { paths: [src] })).status).toBe('done');
    const out = exportParquet(db);
    const groups = await expectEngineEvents(engine, out);
    expect([...groups.keys()].map((f) => f.split(path.sep)[0])).toEqual(['month=2024-01', 'month=2024-02', 'month=__HIVE_DEFAULT_PARTITION__']);
    for (const [f, sizes] of groups) {
      const rows = sizes.reduce((a, b) => a + b, 0);
      expect(sizes).toEqual(Array.from({ length: Math.ceil(rows / GROUP_ROWS) }, (_, i) => Math.min(GROUP_ROWS, rows - i * GROUP_ROWS)));
      if (!f.includes('__HIVE_DEFAULT_PARTITION__')) expect(sizes.length).toBeGreaterThan(1);
    }
  }, 120_000);

  it('months interleaved in stored order: batches handed to the writer early, every event still exact', async () => {
    // Two rounds of one day in each of five months, imported one file at a time, so five months (and
    // the undated events) wait for a batch at once: more than the export keeps.
    const db = newDbPath();
    const engine = await openEngine(db);
    for (const round of [1, 2]) {
      for (const month of ['01', '02', '03', '04', '05']) {
        const src = tempDir('mad-export-mix-');
        generateDataset({ outDir: src, days: 1, rows: 3_000, startDate: `2024-${month}-${10 + round}`, seed: round * 100 + Number(month) });
        expect((await engine.request('importPaths', { paths: [src] })).status).toBe('done');
      }
    }
    const groups = await expectEngineEvents(engine, exportParquet(db));
    expect([...groups.keys()].map((f) => f.split(path.sep)[0])).toEqual(['month=2024-01', 'month=2024-02', 'month=2024-03', 'month=2024-04', 'month=2024-05', 'month=__HIVE_DEFAULT_PARTITION__']);
    // The writer keeps what it was handed early until a row group is full: one row group a month here.
    for (const sizes of groups.values()) expect(sizes.length).toBe(1);
  }, 120_000);
});
