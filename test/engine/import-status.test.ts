// getStatus and waitForImport (issue 10, item 1): what a window that did not start the running import
// learns from the engine, in the engine that runs it and in a read-only view of the same database
// (the app open while the CLI imports). While files of an import have committed but its summaries are
// not yet written back, the metrics' coverage counts the files the summaries count, never more.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import type { ImportProgress } from '../../shared/importing.js';

const tuning = { batchRows: 1000, progressMs: 20 };

describe('import status', () => {
  it('the running engine and a read-only view both see the import; coverage agrees with the summaries until it ends', async () => {
    const dir = tempDir();
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    const firstFiles = writeDataset(first, { files: 2, rowsPerFile: 2_000, seed: 3 });
    // Other days than the first folder's, so every file of the second import adds events.
    for (const f of writeDataset(second, { files: 10, rowsPerFile: 20_000, seed: 4 })) {
      fs.renameSync(f, path.join(second, path.basename(f).replace('activities_2024', 'activities_2025')));
    }
    const db = newDbPath();
    const writer = await openEngine(db, { tuning });
    expect(await writer.request('getStatus', {})).toEqual({ writable: true, read_only_reason: null, import: null });
    expect(await writer.request('waitForImport', {})).toEqual({ summary: null });
    await writer.request('importPaths', { paths: [first] });
    const before = await writer.request('getMetrics', {});
    expect(before.coverage.files).toBe(firstFiles.length);

    const reader = await openEngine(db);
    expect(reader.writable).toBe(false);
    const idle = await reader.request('getStatus', {});
    expect(idle).toMatchObject({ writable: false, import: null });
    expect(idle.read_only_reason).toContain('open for writing in another window or command');

    const committed = new Promise<ImportProgress>((resolve) => {
      const off = writer.onProgress((p) => {
        if (p.files_done >= 2) {
          off();
          resolve(p);
        }
      });
    });
    const importing = writer.request('importPaths', { paths: [second] });
    const progress = await committed;
    expect(progress.files_done).toBeLessThan(progress.files_total);

    const own = await writer.request('getStatus', {});
    expect(own.import?.elsewhere).toBe(false);
    expect(own.import?.progress?.import_id).toBe(progress.import_id);
    expect(own.import!.progress!.files_done).toBeGreaterThanOrEqual(progress.files_done);
    expect(await reader.request('getStatus', {})).toMatchObject({ writable: false, import: { elsewhere: true, progress: null } });
    // Files have committed, the summaries are as of before the import: both views say what they count.
    for (const engine of [writer, reader]) expect(await engine.request('getMetrics', {})).toEqual(before);

    const waits = [writer.request('waitForImport', {}), reader.request('waitForImport', {})];
    const summary = await importing;
    expect(summary.status).toBe('done');
    const [ownWait, otherWait] = await Promise.all(waits);
    expect(ownWait.summary).toEqual(summary);
    expect(otherWait.summary).toBeNull();
    const after = await reader.request('getMetrics', {});
    expect(after.coverage.files).toBe(firstFiles.length + 10);
    expect(after).toEqual(await writer.request('getMetrics', {}));
    expect(await reader.request('getStatus', {})).toMatchObject({ import: null });
  }, 120_000);
});
