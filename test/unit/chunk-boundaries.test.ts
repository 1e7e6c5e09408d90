// Files are read in 1 MB chunks and cut at newlines; a quoted field with line breaks that straddles a
// chunk boundary must still parse as one row, with every later line number right.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';

const HEADER = 'event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier';
const MB = 1024 * 1024;

describe('chunk boundaries', () => {
  it('keep multi-line quoted fields whole across every 1 MB boundary, with exact line numbers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-chunks-'));
    const parts: string[] = [HEADER + '\n'];
    let bytes = parts[0].length;
    let line = 2;
    let rows = 0;
    let straddling = 0;
    const rejectedLines: number[] = [];
    for (let i = 0; bytes < 3.5 * MB; i++) {
      const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      const merchant = i % 101 === 50 ? '' : `M-${i % 300}`;
      let type = 'SALE';
      const toBoundary = MB - (bytes % MB);
      if (toBoundary < 4000) {
        // A quoted field of 80 lines (about 8 KB, with a doubled quote and commas) across the boundary.
        type = `"NOTE ${i} ""quoted"", with commas\n${Array.from({ length: 79 }, (_, k) => `line ${k} `.padEnd(99, '.')).join('\n')}"`;
        straddling++;
      }
      const text = `${id},${merchant},2024-03-01T10:00:00,POS,${type},${(i % 900) + 0.25},SUCCESS,APP,LAGOS,STARTER\n`;
      if (merchant === '') rejectedLines.push(line);
      line += text.split('\n').length - 1;
      parts.push(text);
      bytes += Buffer.byteLength(text);
      rows++;
    }
    expect(straddling).toBeGreaterThanOrEqual(3);
    const file = path.join(dir, 'activities_20240301.csv');
    fs.writeFileSync(file, parts.join(''));

    const engine = await EngineClient.open(path.join(dir, 'db.sqlite'));
    try {
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(summary.rows_read).toBe(rows);
      expect(summary.rejected_by_reason).toEqual({ missing_merchant_id: rejectedLines.length });
      expect(summary.accepted).toBe(rows - rejectedLines.length);
      const page = await engine.request('getRejectedRows', { limit: 10_000 });
      expect(page.rows.map((r) => r.line)).toEqual(rejectedLines);
      expect((await engine.request('getMetrics', {})).metrics.product_adoption).toEqual({ POS: 300 });
    } finally {
      await engine.close();
    }
  });
});
