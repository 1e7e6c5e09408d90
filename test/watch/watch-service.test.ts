// Watched folders in the engine (issue 12): an engine opened with watch: true imports what lands in
// its stored folders and pushes a notice. Every wait is on a notice (a latch), never on a timer; a
// folder that must not import is checked after a control folder's file, written later, has come in.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { WatchNotice } from '../../shared/api.js';
import type { EngineClient } from '../../electron/engine/client.js';
import { csv, row, tempDir, writeCsv } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { metricsOf, newDbPath, openEngine } from '../helpers/engine.js';

const SETTLE_MS = 300;
const tuning = { watchSettleMs: SETTLE_MS, watchRescanMs: 1000 };

/** Every notice an engine pushes, and a way to wait for the next one that matches. */
function noticesOf(engine: EngineClient) {
  const seen: WatchNotice[] = [];
  const waiters: { match: (n: WatchNotice) => boolean; resolve: (n: WatchNotice) => void }[] = [];
  engine.onWatchNotice((n) => {
    seen.push(n);
    for (const w of [...waiters]) {
      if (w.match(n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(n);
      }
    }
  });
  return {
    seen,
    /** The first notice from now on that matches. */
    next(match: (n: WatchNotice) => boolean): Promise<WatchNotice> {
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const about = (file: string) => (n: WatchNotice) => n.kind === 'imported' && n.text.includes(file);

async function watching(db = newDbPath()) {
  const engine = await openEngine(db, { watch: true, tuning });
  return { engine, notices: noticesOf(engine) };
}

/**
 * An engine watching a folder under test and a control folder. A control file written after a file
 * in the folder under test settles after it: once it is in, the other had every chance to come in.
 */
async function withControl() {
  const w = await watching();
  const dir = tempDir();
  const control = tempDir();
  const [folder] = (await w.engine.request('addWatchedFolder', { path: dir })).folders;
  await w.engine.request('addWatchedFolder', { path: control });
  const controlFile = async (name: string) => {
    const landed = w.notices.next(about(name));
    writeCsv(control, name, [row()]);
    await landed;
  };
  return { ...w, dir, control, id: folder.id, controlFile };
}

async function importedPaths(engine: EngineClient): Promise<string[]> {
  const h = await engine.request('getHistory', {});
  return h.files.filter((f) => f.status === 'imported').map((f) => path.basename(f.path));
}

describe('watched folders in the engine', () => {
  it('imports a file that lands in an added folder and says what came in', async () => {
    const { engine, notices } = await watching();
    const dir = tempDir();
    const added = await engine.request('addWatchedFolder', { path: dir });
    expect(added.folders).toEqual([expect.objectContaining({ path: dir, paused: false, status: 'watching', last_scan_at: null })]);

    const notice = notices.next(about('activities_20240105.csv'));
    writeCsv(dir, 'activities_20240105.csv', [row(), row(), row({ merchant_id: 'MRC-2', product: 'NOT_A_PRODUCT' })]);
    expect(await notice).toEqual({ kind: 'imported', folder: dir, text: 'activities_20240105.csv: 2 rows, 1 rejected' });
    expect(notices.seen).toEqual([{ kind: 'importing', folder: dir, text: `Importing activities_20240105.csv from the watched folder ${dir}.` }, await notice]);
    expect((await metricsOf(engine)).coverage.events).toBe(2);
    const [folder] = (await engine.request('listWatchedFolders', {})).folders;
    expect(folder.last_scan_at).not.toBeNull();
  });

  it('refuses a path that is not a full path to a folder', async () => {
    const { engine } = await watching();
    const dir = tempDir();
    const file = writeCsv(dir, 'activities_20240101.csv', [row()]);
    expect(await engine.call('addWatchedFolder', { path: 'exports' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_request' }) });
    expect(await engine.call('addWatchedFolder', { path: path.join(dir, 'missing') })).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found' }) });
    expect(await engine.call('addWatchedFolder', { path: file })).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found' }) });
    expect(await engine.call('pauseWatchedFolder', { id: 99, paused: true })).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found' }) });
    expect(await engine.call('pauseWatchedFolder', { id: 1, paused: 'yes' } as never)).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_request' }) });
    expect(await engine.call('removeWatchedFolder', {} as never)).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_request', message: expect.stringContaining('id is required') }) });
    expect((await engine.request('listWatchedFolders', {})).folders).toEqual([]);
  });

  it('does not import from a paused folder, and catches up when it is resumed', async () => {
    const { engine, notices, dir, id, controlFile } = await withControl();
    const list = await engine.request('pauseWatchedFolder', { id, paused: true });
    expect(list.folders.find((f) => f.id === id)).toEqual(expect.objectContaining({ paused: true, status: 'paused' }));

    writeCsv(dir, 'activities_20240101.csv', [row(), row()]);
    await controlFile('activities_20240102.csv');
    expect(await importedPaths(engine)).toEqual(['activities_20240102.csv']);

    const resumedIn = notices.next(about('activities_20240101.csv'));
    await engine.request('pauseWatchedFolder', { id, paused: false });
    await resumedIn;
    expect((await importedPaths(engine)).sort()).toEqual(['activities_20240101.csv', 'activities_20240102.csv']);
  });

  it('stops watching a removed folder and keeps what it imported', async () => {
    const { engine, notices, dir, control, id, controlFile } = await withControl();
    const first = notices.next(about('activities_20240101.csv'));
    writeCsv(dir, 'activities_20240101.csv', [row()]);
    await first;

    const after = await engine.request('removeWatchedFolder', { id });
    expect(after.folders.map((f) => f.path)).toEqual([control]);
    writeCsv(dir, 'activities_20240103.csv', [row(), row()]);
    await controlFile('activities_20240104.csv');
    expect((await importedPaths(engine)).sort()).toEqual(['activities_20240101.csv', 'activities_20240104.csv']);
    expect((await metricsOf(engine)).coverage.events).toBe(2);
  });

  it('never reads a file written slowly in pieces before it is whole', async () => {
    const { engine, notices } = await watching();
    const dir = tempDir();
    await engine.request('addWatchedFolder', { path: dir });
    const rows = Array.from({ length: 40 }, (_, i) => row({ merchant_id: `MRC-${i}` }));
    const text = csv(rows);
    const file = path.join(dir, 'activities_20240107.csv');
    const whole = notices.next(about('activities_20240107.csv'));
    // Pieces a fraction of the settle interval apart: a writer still at work, not a finished file.
    const pieces = 8;
    const step = Math.ceil(text.length / pieces);
    for (let i = 0; i < pieces; i++) {
      fs.appendFileSync(file, text.slice(i * step, (i + 1) * step));
      await sleep(SETTLE_MS / 4);
    }
    expect((await whole).text).toBe('activities_20240107.csv: 40 rows');
    const records = (await engine.request('getHistory', {})).files.filter((f) => f.path === file);
    expect(records.map((f) => [f.status, f.accepted, f.rejected])).toEqual([['imported', 40, 0]]);
  });

  it('imports at start-up what landed in a watched folder while the engine was closed', async () => {
    const db = newDbPath();
    const dir = tempDir();
    const first = await watching(db);
    const landed = first.notices.next(about('activities_20240101.csv'));
    await first.engine.request('addWatchedFolder', { path: dir });
    writeCsv(dir, 'activities_20240101.csv', [row()]);
    await landed;
    await first.engine.close();

    writeCsv(dir, 'activities_20240102.csv', [row(), row(), row()]);
    const second = await watching(db);
    const caughtUp = await second.notices.next((n) => n.kind === 'imported');
    // Only the new file is news: the one already stored is recognised by its content.
    expect(caughtUp.text).toBe('activities_20240102.csv: 3 rows');
    expect((await metricsOf(second.engine)).coverage.events).toBe(4);
    await second.engine.close();

    // Nothing changed while closed: the start-up scan ends quietly ('unchanged' is not shown).
    const third = await watching(db);
    const ended = await third.notices.next((n) => n.kind !== 'importing');
    expect(ended).toEqual({ kind: 'unchanged', folder: dir, text: `Nothing new in the watched folder ${dir}.` });
    expect((await metricsOf(third.engine)).coverage.events).toBe(4);
  });

  it('reports a folder that goes away once, as unavailable, and takes it up again when it is back', async () => {
    const { engine, notices } = await watching();
    const parent = tempDir();
    const dir = path.join(parent, 'drive');
    fs.mkdirSync(dir);
    await engine.request('addWatchedFolder', { path: dir });

    const gone = notices.next((n) => n.kind === 'unavailable');
    fs.rmSync(dir, { recursive: true });
    expect(await gone).toEqual(expect.objectContaining({ folder: dir, text: expect.stringContaining('unavailable') }));
    expect((await engine.request('listWatchedFolders', {})).folders[0].status).toBe('unavailable');

    // Several rescans pass while it is away (a latch on the next one would need a hook): one notice only.
    const back = notices.next((n) => n.kind === 'available');
    const fileIn = notices.next(about('activities_20240109.csv'));
    await sleep(2500);
    fs.mkdirSync(dir);
    writeCsv(dir, 'activities_20240109.csv', [row()]);
    await back;
    expect((await engine.request('listWatchedFolders', {})).folders[0].status).toBe('watching');
    await fileIn;
    expect(notices.seen.filter((n) => n.kind === 'unavailable')).toHaveLength(1);
    expect(notices.seen.filter((n) => n.kind === 'failed')).toEqual([]);
  });

  it("queues the analyst's imports behind a watched folder's, and the analyst's Cancel leaves the folder's import alone", async () => {
    const { engine, notices } = await watching();
    const dir = tempDir();
    await engine.request('addWatchedFolder', { path: dir });
    // Big enough that the folder's import is still running while the requests below arrive.
    // Written aside and moved in at once, so they settle together into one import.
    const staging = tempDir();
    const files = writeDataset(staging, { files: 8, rowsPerFile: 30_000, seed: 5 });
    for (const f of files) fs.renameSync(f, path.join(dir, path.basename(f)));
    const started = notices.next((n) => n.kind === 'importing');
    const done = notices.next((n) => n.kind !== 'importing');
    await started;

    const mine = tempDir();
    writeCsv(mine, 'activities_20240301.csv', [row(), row()]);
    const cancelled = engine.call('importPaths', { paths: [mine] });
    expect(await engine.request('cancelImport', {})).toEqual({ cancelled: true });
    expect(await cancelled).toEqual({ ok: false, error: expect.objectContaining({ code: 'cancelled' }) });

    const waited = await engine.call('importPaths', { paths: [mine] });
    expect(waited).toEqual({ ok: true, value: expect.objectContaining({ status: 'done', accepted: 2 }) });
    const folderDone = await done;
    expect(folderDone.kind).toBe('imported');
    const history = await engine.request('getHistory', {});
    const analyst = history.imports.find((i) => i.inputs[0] === mine && i.status === 'done')!;
    const folder = history.imports.find((i) => i.inputs.length === files.length)!;
    expect(folder.status).toBe('done');
    expect(folder.files_imported).toBe(files.length);
    // One after the other, never side by side.
    expect(analyst.started_at >= folder.finished_at!).toBe(true);
  });
});
