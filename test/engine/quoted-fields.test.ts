// Files that quote every field (R's write.csv, Python's QUOTE_ALL) go through a faster path that splits
// on commas and unwraps whole quoted fields; any row that quotes differently (a comma, a doubled quote or
// a line break inside quotes, a malformed quote) must still be read exactly as RFC 4180 says, wherever
// it falls among the simple rows, with its line number. The expected values are the rows as written.
import { describe, expect, it } from 'vitest';
import { COLUMNS, row, tempDir, writeFile } from '../helpers/csv.js';
import type { Row } from '../helpers/csv.js';
import { allRows, newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

const ROWS = 30_000; // about 7 MB: rows of every kind land mid-block and at block starts

/** Every field quoted, doubled quotes inside, CRLF: what QUOTE_ALL writers produce. */
function quoteAll(values: readonly string[]): string {
  return values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
}

interface Written {
  file: string;
  /** Expected stored rows by line number. */
  kept: Map<number, Row>;
  /** Line numbers of rows that must be rejected as malformed. */
  malformed: number[];
}

const MB = 1024 * 1024;

function writeQuotedFile(): Written {
  const lines = [quoteAll(COLUMNS)];
  let bytes = lines[0].length + 2;
  const kept = new Map<number, Row>();
  const malformed: number[] = [];
  let lineNo = 2;
  let commaNearEnd = -1;
  let straddleAt = -1;
  for (let i = 0; i < ROWS; i++) {
    const r = row({ merchant_id: `MRC-${String(i % 997).padStart(6, '0')}`, amount: `${(i % 500) + 1}.25` });
    if (i % 4001 === 17) r.region = 'LAGOS, ISLAND'; // a comma inside quotes
    if (i % 5003 === 42) r.merchant_id = `MRC-"${i}"`; // doubled quotes
    // Just before each 1 MB mark (a read boundary; reads are 64 KB): a row that needs full quote
    // handling, then a field of 80 lines that the boundary cuts, so the read ends inside quotes after
    // the parser has changed path.
    const mb = Math.floor(bytes / MB);
    const toBoundary = MB - (bytes % MB);
    if (toBoundary < 6000 && commaNearEnd !== mb) {
      r.region = 'KANO, NORTH';
      commaNearEnd = mb;
    } else if (toBoundary < 3000 && straddleAt !== mb) {
      r.region = `NOTE ${i}\n${Array.from({ length: 79 }, (_, k) => `line ${k} `.padEnd(99, '.')).join('\n')}`;
      straddleAt = mb;
    }
    const bad = i % 6007 === 99;
    if (!bad && i % 7001 === 500) r.region = 'RIVERS\nPORT HARCOURT'; // a line break inside quotes
    let text = quoteAll(COLUMNS.map((c) => r[c]));
    if (bad) {
      text = text.replace(`"${r.amount}"`, `"1"x`); // malformed
      malformed.push(lineNo);
    } else kept.set(lineNo, r);
    lines.push(text);
    bytes += Buffer.byteLength(text) + 2;
    lineNo += 1 + (text.match(/\n/g)?.length ?? 0);
  }
  expect(straddleAt).toBeGreaterThanOrEqual(3);
  const file = writeFile(tempDir(), 'activities_20240115.csv', lines.join('\r\n') + '\r\n');
  return { file, kept, malformed };
}

describe('a file with every field quoted', () => {
  it('stores every row as written, with its line, and rejects only the malformed ones', async () => {
    const { file, kept, malformed } = writeQuotedFile();
    expect(malformed.length).toBeGreaterThan(1);
    const engine = await openEngine(newDbPath());
    const summary = await engine.request('importPaths', { paths: [file] });
    const record = recordFor(summary, file);
    expect(record.rows_read).toBe(ROWS);
    expect(record.accepted).toBe(kept.size);
    expect(record.rejected_by_reason).toEqual({ malformed_row: malformed.length });

    const rejected = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'rejected', limit: 100 });
    expect(rejected.rows.map((r) => r.line).sort((a, b) => a - b)).toEqual(malformed);

    const { rows: events } = await allRows(engine, {}, 5000);
    expect(events.length).toBe(kept.size);
    for (const e of events) {
      const want = kept.get(e.source_line ?? -1);
      expect(want, `an event at line ${e.source_line} that was not written there`).toBeDefined();
      if (!want) continue;
      expect([e.event_id, e.merchant_id, e.region, e.channel, e.merchant_tier, e.amount]).toEqual([
        want.event_id,
        want.merchant_id,
        want.region,
        want.channel,
        want.merchant_tier,
        Number(want.amount),
      ]);
    }
  });
});
