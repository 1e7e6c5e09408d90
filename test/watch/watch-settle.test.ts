// `cli watch` never reads a file before its writer is done: one file written slowly in pieces is read
// once, whole; a burst of 400 small files all come in, each once, with the metrics of a one-shot import.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { csv, row, tempDir, writeCsv } from '../helpers/csv.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { WatchProcess } from './watch-process.js';

describe('cli watch: settling', () => {
  it('reads a file written slowly in pieces once, whole, after the writer stops', async () => {
    const dir = tempDir();
    const db = newDbPath();
    const w = await WatchProcess.started(db, [dir], ['--settle', '2']);

    const ROWS = 400;
    const text = Buffer.from(csv(Array.from({ length: ROWS }, (_, i) => row({ merchant_id: `MRC-${i % 37}` }))));
    const file = path.join(dir, 'activities_20240105.csv');
    const fd = fs.openSync(file, 'w');
    // 30 pieces cut anywhere (mid-line, mid-field), with pauses far shorter than the settle interval:
    // a read of any prefix would show up as a short count or a malformed last row.
    const PIECES = 30;
    for (let k = 0; k < PIECES; k++) {
      fs.writeSync(fd, text.subarray(Math.floor((k * text.length) / PIECES), Math.floor(((k + 1) * text.length) / PIECES)));
      await sleep(50);
    }
    fs.closeSync(fd);
    await w.waitForAccepted(ROWS);
    expect(await w.stop()).toEqual({ code: 0, signal: null });

    expect(w.summaries).toHaveLength(1);
    expect(w.summaries[0]).toMatchObject({ status: 'done', rows_read: ROWS, accepted: ROWS, rejected: 0, files: { imported: 1 } });
    const engine = await openEngine(db);
    const history = await engine.request('getHistory', {});
    expect(history.files.map((f) => [f.path, f.status, f.accepted])).toEqual([[file, 'imported', ROWS]]);
  });

  it('imports a burst of 400 small files, each once, with the metrics of a one-shot import', async () => {
    const dir = tempDir();
    const db = newDbPath();
    const w = await WatchProcess.started(db, [dir]);
    const FILES = 400;
    const ROWS = 5;
    for (let f = 0; f < FILES; f++) {
      const day = `2024${String(1 + (f % 12)).padStart(2, '0')}${String(1 + (f % 28)).padStart(2, '0')}`;
      const rows = Array.from({ length: ROWS }, (_, i) =>
        row({ merchant_id: `MRC-${(f * 7 + i) % 150}`, event_timestamp: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T10:00:00`, product: i % 2 ? 'BILLS' : 'POS' }),
      );
      writeCsv(dir, `batch${f % 4}/activities_${day}_${f}.csv`, rows);
    }
    await w.waitForAccepted(FILES * ROWS);
    expect(await w.stop()).toEqual({ code: 0, signal: null });

    const sum = (k: 'imported' | 'unchanged' | 'failed') => w.summaries.reduce((n, s) => n + s.files[k], 0);
    expect([sum('imported'), sum('unchanged'), sum('failed')]).toEqual([FILES, 0, 0]);
    expect(w.total('accepted')).toBe(FILES * ROWS);
    console.info(`400 files arrived in ${w.summaries.length} imports`);
    const engine = await openEngine(db);
    const watched = await metricsOf(engine);
    const oneShot = await importFresh([dir]);
    expect(watched.coverage).toMatchObject({ files: FILES, events: FILES * ROWS });
    expect(contract(watched.metrics)).toEqual(contract(oneShot.metrics));
  });
});
