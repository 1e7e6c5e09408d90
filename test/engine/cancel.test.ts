// Cancelling an import mid-way: it resolves with status cancelled, the file being read is counted
// nowhere, and importing again ends with exactly the metrics of an uninterrupted import.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { datasetCounts, writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import type { Fresh } from '../helpers/engine.js';
import type { ImportProgress } from '../../shared/importing.js';
import { recordFor } from '../helpers/ledger.js';

const ROWS_PER_FILE = 30_000;
const tuning = { batchRows: 1000, progressMs: 20 };

describe('cancel', () => {
  let dir: string;
  let files: string[];
  let reference: Fresh;

  beforeAll(async () => {
    dir = tempDir();
    files = writeDataset(dir, { files: 6, rowsPerFile: ROWS_PER_FILE, seed: 1 });
    reference = await importFresh([dir]);
    expect(reference.summary.status).toBe('done');
    // Exact duplicate and reject counts at scale (case-insensitive ids across all files).
    expect(reference.summary).toMatchObject(datasetCounts({ files: 6, rowsPerFile: ROWS_PER_FILE }));
    expect(reference.response.coverage.events).toBe(datasetCounts({ files: 6, rowsPerFile: ROWS_PER_FILE }).accepted);
  }, 120_000);

  it('stops mid-file, counts the current file nowhere, and a new import ends with the uninterrupted metrics', async () => {
    const engine = await openEngine(newDbPath(), { tuning });
    const seen: ImportProgress[] = [];
    let cancel: Promise<unknown> | null = null;
    let cancelledAt: ImportProgress | null = null;
    engine.onProgress((p) => {
      seen.push(p);
      // Well into the third file, after some of its rows have been committed.
      if (cancel === null && p.rows_read >= 2 * ROWS_PER_FILE + ROWS_PER_FILE / 2) {
        cancelledAt = p;
        cancel = engine.request('cancelImport', {});
      }
    });

    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(cancel, 'the import finished before it could be cancelled').not.toBeNull();
    expect(await cancel).toEqual({ cancelled: true });
    expect(cancelledAt!.files_done).toBeLessThan(6);
    expect(summary.status).toBe('cancelled');

    // Progress was reported with the totals of the whole input.
    const totalBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.files_total === 6 && p.bytes_total === totalBytes)).toBe(true);

    const done = summary.file_records.filter((r) => r.status === 'imported').map((r) => r.path);
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done).toEqual(files.slice(0, done.length)); // completed files are a prefix in sorted order
    const cancelledFiles = summary.file_records.filter((r) => r.status === 'cancelled');
    expect(cancelledFiles.map((r) => r.path)).toContain(files[done.length]);
    for (const r of cancelledFiles) expect(r.source_id).toBeNull();

    // The current file is counted nowhere: metrics equal those of the completed files alone.
    const partial = await importFresh(done);
    const now = await metricsOf(engine);
    expect(contract(now.metrics)).toEqual(contract(partial.metrics));
    expect(now.coverage.events).toBe(partial.response.coverage.events);
    const history = await engine.request('getHistory', {});
    expect(history.sources.map((s) => s.path).sort()).toEqual([...done].sort());
    expect(history.imports.find((i) => i.id === summary.import_id)?.status).toBe('cancelled');

    // Importing again finishes the job exactly.
    const again = await engine.request('importPaths', { paths: [dir] });
    expect(again.status).toBe('done');
    for (const f of done) expect(again.file_records.find((r) => r.path === f)?.status).toBe('unchanged');
    const final = await metricsOf(engine);
    expect(contract(final.metrics)).toEqual(contract(reference.metrics));
    expect(final.coverage.events).toBe(reference.response.coverage.events);
    expect(again.accepted + partial.summary.accepted).toBe(reference.summary.accepted);
  }, 120_000);

  /** Whole files only, then a new import ends exactly at the reference. */
  async function expectWholeFilesThenFinish(engine: Awaited<ReturnType<typeof openEngine>>, done: string[]) {
    const now = await metricsOf(engine);
    if (done.length === 0) {
      expect(now.coverage.events).toBe(0);
      expect(now.metrics.top_merchants).toEqual([]);
    } else {
      const partial = await importFresh(done);
      expect(contract(now.metrics)).toEqual(contract(partial.metrics));
      expect(now.coverage.events).toBe(partial.response.coverage.events);
    }
    const again = await engine.request('importPaths', { paths: [dir] });
    expect(again.status).toBe('done');
    const final = await metricsOf(engine);
    expect(contract(final.metrics)).toEqual(contract(reference.metrics));
    expect(final.coverage.events).toBe(reference.response.coverage.events);
  }

  it('cancelled in the middle of the first file: nothing counted, then a full import is exact', async () => {
    // A file long enough that a cancel sent at its first progress lands long before its end (a 30,000-row
    // file could finish while a cancel sent at two thirds of it was on its way).
    const big = tempDir();
    const [file] = writeDataset(big, { files: 1, rowsPerFile: 200_000, seed: 2 });
    const whole = await importFresh([big]);
    const engine = await openEngine(newDbPath(), { tuning });
    let cancel: Promise<unknown> | null = null;
    let cancelledAt = 0;
    engine.onProgress((p) => {
      if (cancel === null && p.rows_read > 0) {
        cancelledAt = p.rows_read;
        cancel = engine.request('cancelImport', {});
      }
    });
    const summary = await engine.request('importPaths', { paths: [big] });
    expect(cancel, 'the import finished before it could be cancelled').not.toBeNull();
    expect(await cancel).toEqual({ cancelled: true });
    expect(cancelledAt).toBeLessThan(200_000);
    expect(summary.status).toBe('cancelled');
    expect(summary.file_records.filter((r) => r.status === 'imported')).toEqual([]);
    expect(recordFor(summary, file).status).toBe('cancelled');
    const now = await metricsOf(engine);
    expect(now.coverage.events).toBe(0);
    expect(now.metrics.top_merchants).toEqual([]);
    const again = await engine.request('importPaths', { paths: [big] });
    expect(again.status).toBe('done');
    const final = await metricsOf(engine);
    expect(contract(final.metrics)).toEqual(contract(whole.metrics));
    expect(final.coverage.events).toBe(whole.response.coverage.events);
    await engine.close();
  }, 120_000);

  it('cancelled right after it starts: resolves as cancelled, whole files only, then a full import is exact', async () => {
    const engine = await openEngine(newDbPath(), { tuning });
    const running = engine.request('importPaths', { paths: [dir] });
    const cancelled = await engine.request('cancelImport', {});
    const summary = await running;
    expect(cancelled).toEqual({ cancelled: true });
    expect(summary.status).toBe('cancelled');
    const done = summary.file_records.filter((r) => r.status === 'imported').map((r) => r.path);
    expect(done).toEqual(files.slice(0, done.length));
    await expectWholeFilesThenFinish(engine, done);
  }, 120_000);

  it('closing the engine during an import (the app quits) leaves whole files only, and a new import is exact', async () => {
    const db = newDbPath();
    const engine = await openEngine(db, { tuning });
    let closing: Promise<void> | null = null;
    engine.onProgress((p) => {
      if (closing === null && p.rows_read >= ROWS_PER_FILE + ROWS_PER_FILE / 2) closing = engine.close();
    });
    const result = await engine.call('importPaths', { paths: [dir] });
    expect(closing, 'the import finished before the engine could be closed').not.toBeNull();
    await closing;
    if (result.ok) expect(result.value.status).not.toBe('done');

    const reopened = await openEngine(db, { tuning });
    const history = await reopened.request('getHistory', {});
    expect(history.imports.filter((i) => i.status === 'running' || i.status === 'done')).toEqual([]);
    const done = history.sources.map((s) => s.path).sort();
    expect(done).toEqual(files.slice(0, done.length));
    await expectWholeFilesThenFinish(reopened, done);
  }, 120_000);

  it('a second engine on the same database cannot import while the first one does (busy), and the first ends exactly', async () => {
    const db = newDbPath();
    const first = await openEngine(db, { tuning });
    // Opened beforehand, so its import is asked for at once: opening an engine mid-import could take
    // longer than the rest of this import.
    const other = await openEngine(db);
    let second: Promise<unknown> | null = null;
    first.onProgress((p) => {
      if (second === null && p.rows_read > 0) second = other.call('importPaths', { paths: [files[5]] });
    });
    const summary = await first.request('importPaths', { paths: [dir] });
    expect(second, 'the import finished before a second engine could try').not.toBeNull();
    const r = (await (second as unknown)) as { ok: boolean; error?: { code: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('busy');
    expect(summary.status).toBe('done');
    expect(contract((await metricsOf(first)).metrics)).toEqual(contract(reference.metrics));
    await other.close();
  }, 120_000);

  it('reports progress with whole-input totals, growing counts and the current file', async () => {
    const engine = await openEngine(newDbPath(), { tuning });
    const seen: ImportProgress[] = [];
    engine.onProgress((p) => seen.push(p));
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(summary.status).toBe('done');

    const totalBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    expect(seen.length).toBeGreaterThan(2);
    for (const [i, p] of seen.entries()) {
      expect(p).toMatchObject({ import_id: summary.import_id, files_total: 6, bytes_total: totalBytes });
      expect(p.files_done).toBeLessThanOrEqual(6);
      expect(p.bytes_done).toBeLessThanOrEqual(totalBytes);
      expect(p.accepted + p.duplicates + p.rejected).toBeLessThanOrEqual(p.rows_read);
      expect(Number.isFinite(p.rows_per_second) && p.rows_per_second >= 0).toBe(true);
      expect(p.seconds_left === null || (Number.isFinite(p.seconds_left) && p.seconds_left >= 0)).toBe(true);
      if (p.current_file !== null) expect(files).toContain(p.current_file);
      if (i > 0) {
        const q = seen[i - 1];
        for (const k of ['files_done', 'bytes_done', 'rows_read', 'accepted', 'duplicates', 'rejected'] as const) {
          expect(p[k], `${k} went down`).toBeGreaterThanOrEqual(q[k]);
        }
      }
    }
    expect(seen.some((p) => p.current_file !== null && p.rows_read > 0 && p.rows_read < 6 * ROWS_PER_FILE)).toBe(true);
    const last = seen[seen.length - 1];
    expect(last.rows_read).toBeLessThanOrEqual(summary.rows_read);
  }, 120_000);

  it('cancelling with no import running says so', async () => {
    const engine = await openEngine();
    expect(await engine.request('cancelImport', {})).toEqual({ cancelled: false });
  });
});
