// A file that fails once its reading has begun (its header lacks a required column) is one file done,
// not two: the last progress event says 3 of 3 files and never more bytes than there are.
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv, writeFile } from '../helpers/csv.js';
import { openEngine } from '../helpers/engine.js';
import type { ImportProgress } from '../../shared/importing.js';

describe('progress beside a failed file', () => {
  it('counts a file whose header lacks columns once', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', [row({ merchant_id: 'A' })]);
    writeFile(dir, 'b.csv', 'event_id,merchant_id\n1,2\n');
    writeCsv(dir, 'c.csv', [row({ merchant_id: 'C' })]);
    const engine = await openEngine(undefined, { tuning: { progressMs: 1 } });
    const seen: ImportProgress[] = [];
    engine.onProgress((p) => seen.push(p));
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(summary.files).toMatchObject({ imported: 2, failed: 1 });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(p.files_done, JSON.stringify(p)).toBeLessThanOrEqual(p.files_total);
      expect(p.bytes_done, JSON.stringify(p)).toBeLessThanOrEqual(p.bytes_total);
    }
    expect(seen[seen.length - 1]).toMatchObject({ files_done: 3, files_total: 3 });
  });
});
