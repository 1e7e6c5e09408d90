// The critical fault: in one long-lived engine (the desktop app, browser mode), an import fails on a
// full disk after some of its files committed, and the repair that follows fails too because the disk
// is still full. When the analyst frees space and imports again in the same session, every file the
// ledger lists as imported must count in every metric.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, openEngine } from '../helpers/engine.js';
import { mountOrSkip, resize, unmountAll } from '../helpers/mount.js';
import type { ImportFailure } from '../../shared/importing.js';

afterAll(unmountAll);

describe('a full disk in a long-running engine', () => {
  it('files committed before the disk filled count in every metric once space is freed, and the database opens while full', async (ctx) => {
    const dir = mountOrSkip(path.join(tempDir(), 'full'), 2 * 1024 * 1024, () => ctx.skip());
    const first = writeCsv(tempDir(), 'a_first.csv', [row({ merchant_id: 'FIRST', amount: '5.00' })]);
    const big = tempDir();
    writeDataset(big, { files: 12, rowsPerFile: 6_000, seed: 11, merchants: 20_000 });
    const later = writeCsv(tempDir(), 'z_later.csv', [row({ merchant_id: 'LATER', amount: '7.00' })]);
    const db = path.join(dir, 'full.db');

    let engine = await openEngine(db);
    await engine.request('importPaths', { paths: [first] });
    const failed = await engine.call('importPaths', { paths: [big] });
    expect(failed.ok, 'the disk did not fill up').toBe(false);
    if (failed.ok) return;
    expect(failed.error.code, failed.error.message).toBe('disk_full');
    const committed = (await engine.request('getHistory', {})).sources.map((s) => s.path).filter((p) => p.startsWith(big));
    expect(committed.length, 'no file of the failed import committed before the disk filled').toBeGreaterThan(0);
    // The error is classified once and carries the summary of what made it.
    expect(failed.error.message).not.toMatch(/unexpected error/);
    const { summary } = failed.error as ImportFailure;
    expect(summary.file_records.filter((f) => f.status === 'imported').map((f) => f.path).sort()).toEqual([...committed].sort());
    expect(summary.file_records).toHaveLength(12);

    // Fill what is left, so nothing more can be written until space is freed.
    const filler = path.join(dir, 'filler');
    try {
      fs.writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC is the point.
    }
    const between = await engine.call('getMetrics', {});
    if (between.ok) {
      // Answering is allowed only with numbers that count the committed files.
      const expected = await importFresh([first, ...committed]);
      expect(contract(between.value.metrics)).toEqual(contract(expected.metrics));
    } else {
      expect(between.error.code).toBe('summaries_stale');
      expect(between.error.message).toMatch(/out of date/i);
    }

    // Opened again while still full (the app restarted): it opens, and says the same.
    await engine.close();
    const full = await openEngine(db);
    const whileFull = await full.call('getMetrics', {});
    if (!whileFull.ok) expect(whileFull.error.code, whileFull.error.message).toBe('summaries_stale');
    else expect(contract(whileFull.value.metrics)).toEqual(contract((await importFresh([first, ...committed])).metrics));

    fs.rmSync(filler, { force: true });
    resize(dir, 64 * 1024 * 1024);
    engine = full;
    await engine.request('importPaths', { paths: [later] });
    const sources = (await engine.request('getHistory', {})).sources.map((s) => s.path);
    expect(sources).toEqual(expect.arrayContaining([first, later, ...committed]));
    const expected = await importFresh(sources);
    const now = await metricsOf(engine);
    expect(contract(now.metrics)).toEqual(contract(expected.metrics));
    expect(now.coverage.events).toBe(expected.response.coverage.events);
    await engine.close();

    const reopened = await openEngine(db);
    expect(contract((await metricsOf(reopened)).metrics)).toEqual(contract(expected.metrics));
  });
});
