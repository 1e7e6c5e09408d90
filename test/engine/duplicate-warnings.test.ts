// A row is "kept with a warning"; a duplicate is not kept, so its bad timestamp or amount must count
// nowhere: not in a file's or an import's warnings_by_reason, nor among the logged warning rows. The
// parse threads see every row but only the writer knows which are duplicates. Checked against a
// reference that walks the files in path order with the set of ids seen so far.
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/importing.js';
import { COLUMNS, row, tempDir, uuid, writeCsv, writeFile } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';
import type { EngineClient } from '../../electron/engine/client.js';

interface Spec {
  id: string;
  badTs?: boolean;
  badAmount?: boolean;
}

type Counts = Record<string, number>;

/** What must be counted: per file, the warnings of rows whose id was not seen before (in path order). */
function reference(files: { path: string; rows: Spec[] }[], seen = new Set<string>()) {
  const perFile = new Map<string, Counts>();
  const total: Counts = {};
  const logged: [string, number, string][] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const counts: Counts = {};
    f.rows.forEach((r, i) => {
      if (seen.has(r.id)) return;
      seen.add(r.id);
      for (const [bad, reason] of [[r.badTs, 'invalid_timestamp'], [r.badAmount, 'invalid_amount']] as const) {
        if (!bad) continue;
        counts[reason] = (counts[reason] ?? 0) + 1;
        total[reason] = (total[reason] ?? 0) + 1;
        logged.push([f.path, i + 2, reason]);
      }
    });
    perFile.set(f.path, counts);
  }
  return { perFile, total, logged: logged.sort() };
}

function write(dir: string, name: string, rows: Spec[]): { path: string; rows: Spec[] } {
  const csvRows = rows.map((r) => row({ event_id: r.id, ...(r.badTs ? { event_timestamp: 'NOT-A-DATE' } : {}), ...(r.badAmount ? { amount: 'INVALID' } : {}) }));
  return { path: writeCsv(dir, name, csvRows), rows };
}

async function check(engine: EngineClient, summary: ImportSummary, want: ReturnType<typeof reference>) {
  for (const [path, counts] of want.perFile) expect([path, recordFor(summary, path).warnings_by_reason]).toEqual([path, counts]);
  expect(summary.warnings_by_reason).toEqual(want.total);
  const page = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'warning', limit: 10_000 });
  expect(page.rows.map((r) => [r.path, r.line, r.reason]).sort()).toEqual(want.logged);
}

/** A fixed pseudo-random sequence, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('warnings on duplicate rows', () => {
  it('count nowhere: the reported case', async () => {
    const lines = [
      COLUMNS.join(','),
      '00000000-0000-4000-8000-000000000001,MRC-1,2024-02-29T10:00:00,POS,TRANSFER,10.00,SUCCESS,APP,LAGOS,STARTER',
      '00000000-0000-4000-8000-000000000001,MRC-1,NOT-A-DATE,POS,TRANSFER,INVALID,SUCCESS,APP,LAGOS,STARTER',
      '00000000-0000-4000-8000-000000000002,MRC-2,2024-02-29T11:00:00,POS,TRANSFER,20.00,SUCCESS,APP,LAGOS,STARTER',
    ];
    const file = writeFile(tempDir(), 'activities_20240229.csv', lines.join('\n') + '\n');
    const engine = await openEngine(newDbPath());
    const summary = await engine.request('importPaths', { paths: [file] });
    expect(recordFor(summary, file)).toMatchObject({ rows_read: 3, accepted: 2, duplicates: 1, warnings_by_reason: {} });
    expect(summary.warnings_by_reason).toEqual({});
    const page = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'warning', limit: 10 });
    expect(page.total).toBe(0);
  });

  it('count nowhere within a file, while the kept rows with a warning still count', async () => {
    const [a, b, c] = [uuid(), uuid(), uuid()];
    // a kept valid then repeated with both warnings; b kept with a bad amount then repeated valid;
    // c kept with both warnings; small batches, so repeats fall in later batches too.
    const rows: Spec[] = [{ id: a }, { id: b, badAmount: true }, { id: a, badTs: true, badAmount: true }, { id: c, badTs: true, badAmount: true }, { id: b }, { id: a, badTs: true }];
    const f = write(tempDir(), 'activities_20240115.csv', rows);
    const engine = await openEngine(newDbPath(), { tuning: { batchRows: 2 } });
    const summary = await engine.request('importPaths', { paths: [f.path] });
    const want = reference([f]);
    expect(want.total).toEqual({ invalid_amount: 2, invalid_timestamp: 1 });
    await check(engine, summary, want);
  });

  it('count nowhere across files read by both parse threads, and across imports', async () => {
    const dir = tempDir();
    const next = lcg(7);
    const pool = Array.from({ length: 60 }, () => uuid());
    const spec = (): Spec => ({ id: pool[Math.floor(next() * pool.length)], badTs: next() < 0.3, badAmount: next() < 0.3 });
    const files = [1, 2, 3, 4].map((day) => write(dir, `activities_2024010${day}.csv`, Array.from({ length: 40 }, spec)));
    const firstFile = new Set(files[0].rows.map((r) => r.id));
    // Files 2 and 4 are read by the other thread than file 1: they repeat its ids with warnings.
    expect(files[1].rows.filter((r) => firstFile.has(r.id) && (r.badTs || r.badAmount)).length).toBeGreaterThan(5);
    const engine = await openEngine(newDbPath(), { tuning: { batchRows: 7 } });
    // Given in reverse: files are applied in path order whichever thread read them.
    const summary = await engine.request('importPaths', { paths: files.map((f) => f.path).reverse() });
    const seen = new Set<string>();
    await check(engine, summary, reference(files, seen));
    const later = write(dir, 'activities_20240105.csv', [...Array.from({ length: 30 }, spec), { id: uuid(), badAmount: true }]);
    // Repeats of ids stored by the first import, with warnings, or this proves nothing about them.
    expect(later.rows.filter((r) => seen.has(r.id) && (r.badTs || r.badAmount)).length).toBeGreaterThan(5);
    const again = await engine.request('importPaths', { paths: [later.path] });
    await check(engine, again, reference([later], seen));
  });
});
