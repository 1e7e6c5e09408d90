// `cli watch` across stops: what changed while it was closed comes in at the next start, and SIGTERM in
// the middle of an import ends it cleanly (exit 0, lock released, the file in progress rolled back).
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { line, row, tempDir, writeCsv } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { WatchProcess } from './watch-process.js';

describe('cli watch: stopping and starting again', () => {
  it('picks up at start what changed while it was closed', async () => {
    const dir = tempDir();
    const db = newDbPath();
    const a = writeCsv(dir, 'activities_20240101.csv', [row(), row(), row(), row(), row({ merchant_id: 'MRC-2' })]);
    const first = await WatchProcess.started(db, [dir]);
    await first.waitForAccepted(5);
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    // While closed: a new file, and two more rows appended to the one already imported.
    writeCsv(dir, 'activities_20240102.csv', [row({ merchant_id: 'MRC-3' }), row(), row()]);
    fs.appendFileSync(a, `${line(row({ merchant_id: 'MRC-4' }))}\n${line(row({ product: 'BILLS' }))}\n`);

    const second = await WatchProcess.started(db, [dir]);
    await second.waitFor('the start-up import', () => second.summaries.length >= 1);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    // a.csv again: its 5 known events are duplicates, the 2 new ones come in; b.csv: 3 new.
    expect(second.summaries).toEqual([expect.objectContaining({ status: 'done', accepted: 5, duplicates: 5, rejected: 0, files: expect.objectContaining({ imported: 2 }) })]);

    const engine = await openEngine(db);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract((await importFresh([dir])).metrics));
  });

  it('on SIGTERM mid-import rolls back the file in progress, releases the lock and exits 0', async () => {
    const dir = tempDir();
    const db = newDbPath();
    // Enough left after the first file that it cannot all commit between the viewer seeing that file and SIGTERM.
    writeDataset(dir, { files: 6, rowsPerFile: 40_000, seed: 7 });
    const w = await WatchProcess.started(db, [dir]);
    await w.waitForStderr(/^importing 6 files/);
    // Another process's read-only view shows when the first file has committed: stop right then,
    // while the others are still being read.
    const viewer = await openEngine(db);
    while ((await metricsOf(viewer)).coverage.events === 0 && w.summaries.length === 0) await sleep(5);
    expect(await w.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await viewer.close();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);

    expect(w.summaries, 'the one import, reported').toHaveLength(1);
    const [s] = w.summaries;
    expect(s.status, 'the import finished before SIGTERM arrived: nothing was left to roll back').toBe('cancelled');
    expect(s.files.imported).toBeGreaterThan(0);
    expect(s.files.cancelled).toBeGreaterThan(0);

    // What is stored is exactly the files that completed: none of the cancelled one's rows.
    const engine = await openEngine(db);
    const history = await engine.request('getHistory', {});
    const completed = history.files.filter((f) => f.status === 'imported');
    expect((await metricsOf(engine)).coverage.events).toBe(completed.reduce((n, f) => n + f.accepted, 0));
    expect(completed.reduce((n, f) => n + f.accepted, 0)).toBe(s.accepted);
    // And importing again completes to exactly the metrics of an uninterrupted import.
    await engine.request('importPaths', { paths: [dir] });
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract((await importFresh([dir])).metrics));
  });
});
