// Another program (a cleaner, a sync tool) deletes the database's -wal file while an import runs. What
// the other process opening the database, and the import itself, then say must be in an analyst's
// words, never a bare "disk I/O error".
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import { AppError } from '../../shared/api.js';
import { EngineClient } from '../../electron/engine/client.js';

describe('the -wal file deleted during an import', () => {
  it('is reported in words an analyst can act on', async () => {
    const data = tempDir();
    writeDataset(data, { files: 3, rowsPerFile: 10_000, seed: 8 });
    const db = newDbPath();
    const engine = await openEngine(db, { tuning: { progressMs: 1 } });
    // The latch: the first progress event after a file committed (the log then exists and holds data).
    let deleted = false;
    engine.onProgress((p) => {
      if (!deleted && p.files_done >= 1) {
        fs.rmSync(`${db}-wal`, { force: true });
        deleted = true;
      }
    });
    const r = await engine.call('importPaths', { paths: [data] });
    expect(deleted).toBe(true);
    const messages: string[] = [];
    if (!r.ok) messages.push(r.error.message);
    else for (const f of r.value.file_records) if (f.error_message) messages.push(f.error_message);
    try {
      const other = await EngineClient.open(db);
      const m = await other.call('getMetrics', {});
      if (!m.ok) messages.push(m.error.message);
      await other.close();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      messages.push(err.message);
    }
    expect(messages.length, 'nothing noticed the missing log').toBeGreaterThan(0);
    for (const m of messages) {
      expect(m).not.toMatch(/: disk I\/O error$|went wrong inside/i);
      expect(m).toMatch(/-wal|removed|drive/);
      expect(m).toMatch(/open it again|import .*again/i);
    }
  });
});
