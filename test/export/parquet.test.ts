// cli export --format parquet, read back by an independent reader (hyparquet) and by DuckDB running the
// data set's own metrics.sql, which must give exactly the engine's five metrics.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, contract, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { tempDir } from '../helpers/csv.js';
import { HOSTILE, generatedFolder, metricsFromSql, parquetFiles, readParquet } from './export-helpers.js';

async function importedDb(source: string): Promise<{ db: string; engine: Awaited<ReturnType<typeof openEngine>> }> {
  const db = newDbPath();
  const engine = await openEngine(db);
  const s = await engine.request('importPaths', { paths: [source] });
  expect(s.status).toBe('done');
  return { db, engine };
}

function exportParquet(db: string, extra: string[] = []): string {
  const out = path.join(tempDir('mad-export-out-'), 'data');
  const r = runCli(['export', '--db', db, '--format', 'parquet', '--out', out, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

describe('Parquet export of generated data', () => {
  it('writes typed, exact, month-partitioned files that give back every event', async () => {
    const { db, engine } = await importedDb(generatedFolder());
    const out = exportParquet(db);
    const files = parquetFiles(out);
    expect(files).toContain(path.join('month=__HIVE_DEFAULT_PARTITION__', 'part-0.parquet'));
    expect(files.map((f) => f.split(path.sep)[0])).toEqual(expect.arrayContaining(['month=2024-01', 'month=2024-02', 'month=2024-03', 'month=2024-04']));
    expect(fs.existsSync(path.join(out, 'README.txt'))).toBe(true);

    const all: Record<string, unknown>[] = [];
    for (const f of files) {
      const { rows, types } = await readParquet(path.join(out, f));
      expect(types.amount).toMatchObject({ type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 2 });
      expect(types.event_date).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
      expect(types.merchant_id).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
      const month = f.split(path.sep)[0].slice('month='.length);
      for (const r of rows) {
        // Each event sits in the partition of its timestamp's month, undated ones in Hive's default one.
        if (month === '__HIVE_DEFAULT_PARTITION__') expect(r.event_timestamp).toBeNull();
        else expect(String(r.event_timestamp).slice(0, 7)).toBe(month);
      }
      all.push(...rows);
    }
    const events = await engine.request('getEvents', { limit: 1 });
    expect(all.length).toBe(events.total);

    const byMerchant = (id: string) => all.filter((r) => r.merchant_id === id);
    expect(byMerchant('MRC-UNDATED').map((r) => [r.event_timestamp, r.event_date])).toEqual([[null, null], [null, null]]);
    expect(byMerchant('MRC-UNDATED').map((r) => r.amount as number).sort((a, b) => a - b)).toEqual([100, 12345.67]);
    expect(byMerchant('MRC-NOAMOUNT')[0].amount).toBeNull();
    // A negative amount is invalid under the import policy: kept, with no amount.
    expect(byMerchant(HOSTILE)[0].amount).toBeNull();
    const dated = all.find((r) => String(r.event_timestamp).endsWith('.250'))!;
    expect((dated.event_date as Date).toISOString().slice(0, 10)).toBe(String(dated.event_timestamp).slice(0, 10));
    // Amounts exact to the kobo: the sum in kobo equals the engine's exact sum.
    const kobo = all.reduce((s, r) => s + (r.amount === null ? 0 : Math.round((r.amount as number) * 100)), 0);
    expect(kobo).toBe(Math.round(events.amount * 100));

    expect(await metricsFromSql(out)).toEqual(contract((await metricsOf(engine)).metrics));
  });

  it('a filtered export holds exactly the filtered events, and its metrics.sql the filtered metrics', async () => {
    const { db, engine } = await importedDb(generatedFolder());
    const filter = { region: ['LAGOS', 'ABUJA'], from: '2024-02-01', to: '2024-03-31', exclude: { product: ['AIRTIME'] } };
    const out = exportParquet(db, ['--region', 'LAGOS,ABUJA', '--from', '2024-02-01', '--to', '2024-03-31', '--exclude-product', 'AIRTIME']);
    expect(parquetFiles(out).map((f) => f.split(path.sep)[0]).sort()).toEqual(['month=2024-02', 'month=2024-03']);
    let n = 0;
    for (const f of parquetFiles(out)) {
      for (const r of (await readParquet(path.join(out, f))).rows) {
        n++;
        expect(['LAGOS', 'ABUJA']).toContain(r.region);
        expect(r.product).not.toBe('AIRTIME');
      }
    }
    expect(n).toBe((await engine.request('getEvents', { filter, limit: 1 })).total);
    expect(await metricsFromSql(out)).toEqual(contract((await engine.request('getMetrics', { filter })).metrics));
  });

  it('an empty selection is a valid empty data set that DuckDB reads as zero events', async () => {
    const { db } = await importedDb(generatedFolder());
    const out = exportParquet(db, ['--region', 'NOWHERE']);
    expect(parquetFiles(out)).toEqual([path.join('month=__HIVE_DEFAULT_PARTITION__', 'part-0.parquet')]);
    expect((await readParquet(path.join(out, parquetFiles(out)[0]))).rows).toEqual([]);
    const m = await metricsFromSql(out);
    expect(m.top_merchant).toBeNull();
    expect(m.product_adoption).toEqual({});
    expect(m.failure_rates).toEqual([]);
  });
});

const SAMPLE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-sample');
const present = fs.existsSync(path.join(SAMPLE, 'expected.json'));
if (!present) {
  // On CI the sample must be there: a missing fixture must not pass as a skipped check.
  if (process.env.CI === 'true') throw new Error(`the real sample is missing at ${SAMPLE} (required when CI=true)`);
  console.warn(`real-sample export test skipped: ${SAMPLE}/expected.json not found`);
}

describe.skipIf(!present)('Parquet export of the real sample (../shared/fixtures/real-sample)', () => {
  it('metrics.sql over the export gives exactly the engine\'s metrics', async () => {
    const { db, engine } = await importedDb(SAMPLE);
    const out = exportParquet(db);
    let rows = 0;
    for (const f of parquetFiles(out)) rows += (await readParquet(path.join(out, f))).rows.length;
    expect(rows).toBe((await engine.request('getEvents', { limit: 1 })).total);
    expect(await metricsFromSql(out)).toEqual(contract((await metricsOf(engine)).metrics));
  });
});
