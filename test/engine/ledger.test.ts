// The import ledger: what getHistory says about each file of each import, and the rejected rows page by page.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, row, tempDir, uuid, writeCsv } from '../helpers/csv.js';
import { openEngine } from '../helpers/engine.js';
import { nonzero, sha256 } from '../helpers/ledger.js';

describe('getHistory', () => {
  it('records per file its path, size, hash, counts by reason, status and error message', async () => {
    const dir = tempDir();
    const dup = uuid();
    const good = writeCsv(dir, 'activities_20240105.csv', [
      row({ event_id: dup }),
      row(),
      row(),
      row({ event_id: dup.toUpperCase() }), // duplicate
      row({ product: 'GOLD' }), // invalid_product
      row({ merchant_id: '' }), // missing_merchant_id
      row({ amount: 'INVALID' }), // kept, invalid_amount
      row({ event_timestamp: 'NOT-A-DATE' }), // kept, invalid_timestamp
    ]);
    const broken = writeCsv(dir, 'broken.csv', [row()], { columns: COLUMNS.filter((c) => c !== 'merchant_tier') });

    const engine = await openEngine();
    const summary = await engine.request('importPaths', { paths: [dir] });
    const history = await engine.request('getHistory', {});

    expect(history.imports.map((i) => i.id)).toContain(summary.import_id);
    const imp = history.imports.find((i) => i.id === summary.import_id)!;
    expect(imp).toMatchObject({ status: 'done', rows_read: 8, accepted: 5, duplicates: 1, rejected: 2, files_imported: 1, files_failed: 1 });

    const files = history.files.filter((f) => f.import_id === summary.import_id);
    expect(files).toHaveLength(2);
    const g = files.find((f) => f.path === good)!;
    expect(g).toBeDefined();
    expect(g).toMatchObject({
      size: fs.statSync(good).size,
      hash: sha256(good),
      status: 'imported',
      rows_read: 8,
      accepted: 5,
      duplicates: 1,
      rejected: 2,
      error_code: null,
      error_message: null,
      file_date: '2024-01-05',
    });
    expect(nonzero(g.rejected_by_reason)).toEqual({ invalid_product: 1, missing_merchant_id: 1 });
    expect(nonzero(g.warnings_by_reason)).toEqual({ invalid_amount: 1, invalid_timestamp: 1 });

    const b = files.find((f) => f.path === broken)!;
    expect(b).toBeDefined();
    expect(b).toMatchObject({ size: fs.statSync(broken).size, status: 'failed', accepted: 0, error_code: 'missing_columns' });
    expect(b.error_message).toMatch(/merchant_tier/);

    // The good file is stored now; the broken one is not.
    expect(history.sources.map((src) => src.path)).toEqual([good]);
    expect(history.sources[0]).toMatchObject({ hash: sha256(good), events: 5 });
  });
});

describe('coverage and missing days', () => {
  it('names the days without a file between the first and last file date, and the first and last event date', async () => {
    const dir = tempDir();
    writeCsv(dir, 'activities_20240101.csv', [row({ event_timestamp: '2024-01-01T08:00:00' }), row({ event_timestamp: 'NOT-A-DATE' })]);
    writeCsv(dir, 'activities_20240103.csv', [row({ event_timestamp: '2023-12-31T23:59:59' })]);
    writeCsv(dir, 'activities_20240105.csv', [row({ event_timestamp: '2024-01-05 10:00:00' }), row({ event_timestamp: '' })]);
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });
    const history = await engine.request('getHistory', {});
    expect(history.missing_days).toEqual(['2024-01-02', '2024-01-04']);
    expect(history.sources.map((s) => s.file_date)).toEqual(['2024-01-01', '2024-01-03', '2024-01-05']);
    const { coverage } = await engine.request('getMetrics', {});
    expect(coverage).toMatchObject({ first_date: '2023-12-31', last_date: '2024-01-05', files: 3, events: 5 });
  });

  it('counts the rejected rows of the files still stored, and forgets them with their file', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', [row(), row({ status: 'X' }), row({ product: 'Y' })]);
    writeCsv(dir, 'b.csv', [row(), row({ merchant_id: '' })]);
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });
    expect((await engine.request('getMetrics', {})).coverage).toMatchObject({ files: 2, events: 2, rejected_rows: 3 });
    const source = (await engine.request('getHistory', {})).sources.find((s) => s.path === a)!;
    await engine.request('forgetFile', { source_id: source.id });
    expect((await engine.request('getMetrics', {})).coverage).toMatchObject({ files: 1, events: 1, rejected_rows: 1 });
  });
});

describe('getRejectedRows', () => {
  it('pages through the rejected rows with offset, limit and total, per import', async () => {
    const dir = tempDir();
    const rows = [];
    for (let i = 0; i < 25; i++) rows.push(row({ status: `BAD${i}` }), row());
    for (let i = 0; i < 5; i++) rows.push(row({ amount: 'INVALID' }));
    const first = writeCsv(dir, 'first.csv', rows);
    const second = writeCsv(dir, 'second.csv', [row({ product: 'X' }), row({ product: 'Y' }), row()]);

    const engine = await openEngine();
    const one = await engine.request('importPaths', { paths: [first] });

    const pages = [];
    for (const offset of [0, 10, 20]) {
      const page = await engine.request('getRejectedRows', { kind: 'rejected', offset, limit: 10 });
      expect(page).toMatchObject({ total: 25, offset, limit: 10 });
      pages.push(page.rows);
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat();
    expect(new Set(all.map((r) => r.id)).size).toBe(25);
    // Rows 1, 3, 5, ... of the data (lines 2, 4, 6, ...) were the rejected ones.
    expect(all.map((r) => r.line).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => 2 + 2 * i));
    expect(all.every((r) => r.reason === 'invalid_status' && r.path === first && r.import_id === one.import_id)).toBe(true);

    expect((await engine.request('getRejectedRows', { kind: 'warning' })).total).toBe(5);
    expect((await engine.request('getRejectedRows', { kind: 'all', limit: 100 })).total).toBe(30);
    expect((await engine.request('getRejectedRows', { kind: 'rejected', offset: 30, limit: 10 })).rows).toEqual([]);

    const two = await engine.request('importPaths', { paths: [second] });
    const latest = await engine.request('getRejectedRows', { kind: 'rejected' });
    expect(latest.total).toBe(2);
    expect(latest.rows.every((r) => r.import_id === two.import_id && r.path === second)).toBe(true);
    expect((await engine.request('getRejectedRows', { kind: 'rejected', import_id: one.import_id })).total).toBe(25);
  });
});
