// A field with a quote that is closed but malformed (such as "1"x) is one malformed row. The parser
// cannot tell it from a row cut inside a quoted field at a chunk boundary, so this checks that only
// that row is lost, wherever it falls: in the first chunk, at the end of the file, or in a file
// smaller than a chunk.
import { describe, expect, it } from 'vitest';
import { COLUMNS, line, row, tempDir, writeFile } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

function fileWithBadRow(rows: number, badAt: number): string {
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const l = line(row());
    // The amount column written as "1"x: a quoted value with text after its closing quote.
    lines.push(i === badAt ? l.replace(',100.00,', ',"1"x,') : l);
  }
  return writeFile(tempDir(), 'activities_20240115.csv', lines.join('\n') + '\n');
}

describe('a malformed quoted field', () => {
  for (const [name, rows, badAt] of [
    ['early in a large file', 20_000, 99],
    ['on the last row of a large file', 20_000, 19_999],
    ['in a file smaller than one read', 50, 10],
  ] as const) {
    it(`rejects only its own row (${name})`, async () => {
      const file = fileWithBadRow(rows, badAt);
      const engine = await openEngine(newDbPath());
      const summary = await engine.request('importPaths', { paths: [file] });
      const record = recordFor(summary, file);
      expect(record.rows_read).toBe(rows);
      expect(record.accepted).toBe(rows - 1);
      expect(record.rejected_by_reason).toEqual({ malformed_row: 1 });
      const page = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'rejected', limit: 10 });
      expect(page.rows.map((r) => r.line)).toEqual([badAt + 2]);
      expect(page.rows[0].raw).toContain('"1"x');
    });
  }
});
