// A Parquet export larger than one batch (GROUP_ROWS) per month: the second and later batches go through
// the writer's wait for the encoder, and a batch is handed from month to month through the pool. Every
// event read back (hyparquet) must be the engine's event, field for field.
import fs from 'node:fs';
import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { GROUP_ROWS } from '../../electron/engine/export/parquet.js';
import { allRows, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { tempDir } from '../helpers/csv.js';
import { parquetFiles, readParquet } from './export-helpers.js';

const kobo = (naira: unknown) => (naira === null ? null : Math.round(Number(naira) * 100));

describe('Parquet export of several batches a month', () => {
  it('gives back every event exactly, in row groups of GROUP_ROWS', async () => {
    const src = tempDir('mad-export-big-');
    // Two days across a month end, each more than one batch.
    generateDataset({ outDir: src, days: 2, rows: 2 * (GROUP_ROWS + 4_000), startDate: '2024-01-31', seed: 7 });
    const db = newDbPath();
    const engine = await openEngine(db);
    expect((await engine.request('importPaths', { paths: [src] })).status).toBe('done');
    const out = path.join(tempDir('mad-export-out-'), 'data');
    const r = runCli(['export', '--db', db, '--format', 'parquet', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const files = parquetFiles(out);
    expect(files.map((f) => f.split(path.sep)[0])).toEqual(['month=2024-01', 'month=2024-02', 'month=__HIVE_DEFAULT_PARTITION__']);
    const { rows: expected } = await allRows(engine, {}, 1000);
    const byId = new Map(expected.map((e) => [e.event_id, e]));
    let seen = 0;
    for (const f of files) {
      const file = path.join(out, f);
      const buf = fs.readFileSync(file);
      const groups = parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer).row_groups;
      const { rows } = await readParquet(file);
      expect(groups.map((g) => Number(g.num_rows))).toEqual(
        Array.from({ length: Math.ceil(rows.length / GROUP_ROWS) }, (_, i) => Math.min(GROUP_ROWS, rows.length - i * GROUP_ROWS)),
      );
      if (!f.includes('__HIVE_DEFAULT_PARTITION__')) expect(groups.length).toBeGreaterThan(1);
      for (const row of rows) {
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
    expect(new Set(expected.map((e) => e.event_id)).size).toBe(expected.length);
  }, 120_000);
});
