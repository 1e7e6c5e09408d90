// `cli watch` as an analyst runs it: bad flags, files landing while watched (with `metrics` from another
// process meanwhile), a replaced file, a deleted file, and a folder that goes away and comes back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv, type Row } from '../helpers/csv.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { WatchProcess } from './watch-process.js';

let merchant = 0;
/** n valid rows of distinct merchants, so every metric moves with every row. */
const rows = (n: number): Row[] => Array.from({ length: n }, () => row({ merchant_id: `MRC-${String(++merchant).padStart(6, '0')}` }));

describe('cli watch: bad flags', () => {
  it.each([
    ['no --db', (_db: string, dir: string) => ['watch', dir]],
    ['no folder', (db: string) => ['watch', '--db', db]],
    ['an unknown option', (db: string, dir: string) => ['watch', '--db', db, '--frobnicate', dir]],
    ['a missing folder', (db: string, dir: string) => ['watch', '--db', db, path.join(dir, 'nope')]],
    ['a file instead of a folder', (db: string, dir: string) => ['watch', '--db', db, writeCsv(dir, 'a.csv', rows(1))]],
    ['a settle time that is not a number', (db: string, dir: string) => ['watch', '--db', db, '--settle', 'soon', dir]],
    ['a rescan time below a second', (db: string, dir: string) => ['watch', '--db', db, '--rescan', '0.01', dir]],
  ])('%s: one line, exit 2, nothing written', (_name, args) => {
    const dir = tempDir();
    const db = newDbPath();
    const r = runCli(args(db, dir));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(db))).toEqual([]);
  });
});

describe('cli watch', () => {
  it('imports what is there, then each file that lands; holds the lock while other processes read', async () => {
    const dir = tempDir();
    const db = newDbPath();
    writeCsv(dir, 'activities_20240101.csv', rows(3));
    const w = await WatchProcess.started(db, [dir]);
    await w.waitForAccepted(3);

    writeCsv(dir, 'activities_20240102.csv', rows(4));
    writeCsv(dir, 'later/activities_20240103.CSV', rows(5));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not data');
    await w.waitForAccepted(12);

    const metrics = runCli(['metrics', '--db', db, '--json']);
    expect(metrics.status, metrics.stderr).toBe(0);
    expect(JSON.parse(metrics.stdout).product_adoption).toEqual({ POS: 12 });
    const other = runCli(['import', '--db', db, '--json', dir]);
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/open for writing in another/);
    const second = runCli(['watch', '--db', db, dir]);
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(/open for writing in another window or command/)]);
    expect(fs.existsSync(`${db}.lock`)).toBe(true);

    expect(await w.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    const [first, ...later] = w.summaries;
    expect(first).toMatchObject({ status: 'done', accepted: 3, files: { imported: 1 } });
    // The two that landed together usually share one import; either way each came in once.
    expect(later.every((s) => s.status === 'done')).toBe(true);
    expect(later.reduce((n, s) => n + s.files.imported, 0)).toBe(2);
    expect(w.total('rejected')).toBe(0);
    const engine = await openEngine(db);
    expect((await metricsOf(engine)).coverage).toMatchObject({ files: 3, events: 12 });
  });

  it('imports a replaced file as a new version, its known event_ids counted as duplicates', async () => {
    const dir = tempDir();
    const db = newDbPath();
    const v1 = rows(6);
    const file = writeCsv(dir, 'activities_20240101.csv', v1);
    const w = await WatchProcess.started(db, [dir]);
    await w.waitForAccepted(6);

    // The way exporters and editors replace a file: write beside it, then rename over it.
    const kept = v1.slice(0, 4).map((r, i) => (i === 0 ? { ...r, event_id: r.event_id.toUpperCase() } : r));
    const tmp = writeCsv(dir, 'activities_20240101.csv.part', [...kept, ...rows(5)]);
    fs.renameSync(tmp, file);
    await w.waitFor('the new version', () => w.summaries.length >= 2);
    expect(await w.stop()).toEqual({ code: 0, signal: null });

    expect(w.summaries[1]).toMatchObject({ status: 'done', rows_read: 9, accepted: 5, duplicates: 4, rejected: 0, files: { imported: 1 } });
    expect(w.summaries).toHaveLength(2);
    const engine = await openEngine(db);
    const history = await engine.request('getHistory', {});
    expect(history.sources.filter((s) => s.path === file)).toHaveLength(2);
    expect((await metricsOf(engine)).coverage.events).toBe(11);
  });

  it('keeps the events of a deleted file', async () => {
    const dir = tempDir();
    const db = newDbPath();
    const a = writeCsv(dir, 'activities_20240101.csv', rows(3));
    writeCsv(dir, 'activities_20240102.csv', rows(4));
    const w = await WatchProcess.started(db, [dir]);
    await w.waitForAccepted(7);

    fs.rmSync(a);
    writeCsv(dir, 'activities_20240103.csv', rows(2)); // lands after the deletion: proof it was seen
    await w.waitForAccepted(9);
    expect(await w.stop()).toEqual({ code: 0, signal: null });

    expect(w.summaries.every((s) => s.files.failed === 0 && s.rejected === 0)).toBe(true);
    const engine = await openEngine(db);
    expect((await metricsOf(engine)).coverage).toMatchObject({ files: 3, events: 9 });
  });

  it('reports a folder that disappears once, and imports from it again when it is back', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'exports');
    const other = path.join(parent, 'other');
    fs.mkdirSync(dir);
    fs.mkdirSync(other);
    writeCsv(dir, 'activities_20240101.csv', rows(2));
    const db = newDbPath();
    // Rescans every second, settling in two: the marker file below waits through rescans of the missing folder.
    const w = await WatchProcess.started(db, [dir, other], ['--settle', '2', '--rescan', '1']);
    await w.waitForAccepted(2);

    fs.renameSync(dir, path.join(parent, 'unplugged'));
    await w.waitForStderr(/exports is unavailable/);
    writeCsv(other, 'marker.csv', rows(1));
    await w.waitForAccepted(3);

    fs.mkdirSync(dir);
    writeCsv(dir, 'activities_20240102.csv', rows(3));
    await w.waitForAccepted(6);
    await w.waitForStderr(/exports is back/);
    expect(await w.stop()).toEqual({ code: 0, signal: null });

    expect(w.stderr.filter((l) => /unavailable/.test(l))).toHaveLength(1);
    expect(w.stderr.filter((l) => /error|warning/i.test(l))).toEqual([]);
    const engine = await openEngine(db);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(
      contract((await importFresh([path.join(parent, 'unplugged'), other, dir])).metrics),
    );
  });
});
