// Files are parsed by two threads (file i by thread i % 2) but applied in sorted path order. These
// observe what that must not change: which of two equal event ids wins when the files are read by
// different threads, and which rejected rows are kept when there are more than the ledger keeps.
import { describe, expect, it } from 'vitest';
import { row, tempDir, uuid, writeCsv } from '../helpers/csv.js';
import { metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

describe('two parse threads', () => {
  it('apply files in path order, so the earlier file keeps each shared id whichever thread read it', async () => {
    const dir = tempDir();
    const shared = Array.from({ length: 40 }, () => uuid());
    // Files 1 and 3 go to one thread, 2 and 4 to the other; every file repeats the ids of the one before.
    const files = [1, 2, 3, 4].map((day) =>
      writeCsv(dir, `activities_2024010${day}.csv`, shared.map((id) => row({ event_id: id, merchant_id: `MRC-${day}`, amount: '10.00', status: 'SUCCESS' }))),
    );
    const engine = await openEngine(newDbPath(), { tuning: { batchRows: 7 } });
    const summary = await engine.request('importPaths', { paths: [...files].reverse() });
    expect(files.map((f) => [recordFor(summary, f).accepted, recordFor(summary, f).duplicates])).toEqual([[40, 0], [0, 40], [0, 40], [0, 40]]);
    const { metrics } = await metricsOf(engine);
    expect(metrics.top_merchant?.merchant_id).toBe('MRC-1');
  });

  it('keep the first rejected rows in file order when there are more than the ledger keeps', async () => {
    const dir = tempDir();
    // 4 files of 5 rows with an empty merchant id each; the ledger keeps 7.
    const files = [1, 2, 3, 4].map((day) => writeCsv(dir, `activities_2024010${day}.csv`, Array.from({ length: 5 }, () => row({ merchant_id: '' }))));
    const engine = await openEngine(newDbPath(), { tuning: { maxLoggedRows: 7, batchRows: 2 } });
    const summary = await engine.request('importPaths', { paths: files });
    expect(files.map((f) => recordFor(summary, f).rejected)).toEqual([5, 5, 5, 5]);
    const page = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'all', limit: 100 });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => [r.path, r.line])).toEqual([
      ...[2, 3, 4, 5, 6].map((l) => [files[0], l]),
      ...[2, 3].map((l) => [files[1], l]),
    ]);
  });
});
