// A quote that is never closed (a stray quote) must cost its own line only. The parser reads the
// quoted field on into the next line holding a quote and the merged "row" is rejected; these check
// that only the first line of it is rejected and the lines it swallowed are read again as rows, with
// their own line numbers: in a small file, at the read boundaries of a large one, and on the last line.
// A quoted field that really spans lines, in a valid row, stays one row.
import { describe, expect, it } from 'vitest';
import { COLUMNS, line, row, tempDir, writeFile, type Row } from '../helpers/csv.js';
import { allRows, newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

/** The parse thread's read size (electron/engine/import/parse-file.ts). */
const CHUNK = 64 * 1024;

/** A row's line with the quote before its timestamp left unclosed. */
const stray = (r: Row) => line(r).replace(`,${r.event_timestamp},`, `,"${r.event_timestamp},`);

interface Expected {
  /** Lines of the rows that must be stored, by event id. */
  kept: Map<string, number>;
  /** Lines that must be rejected, with their text. */
  rejected: { line: number; raw: string }[];
  rowsRead: number;
  /** The rejected counts by reason, when not all malformed_row. */
  byReason?: Record<string, number>;
}

async function importAndCheck(file: string, want: Expected) {
  const engine = await openEngine(newDbPath());
  const summary = await engine.request('importPaths', { paths: [file] });
  const record = recordFor(summary, file);
  expect(record.rows_read).toBe(want.rowsRead);
  expect(record.accepted).toBe(want.kept.size);
  expect(record.rejected_by_reason).toEqual(want.byReason ?? (want.rejected.length ? { malformed_row: want.rejected.length } : {}));
  const page = await engine.request('getRejectedRows', { import_id: summary.import_id, kind: 'rejected', limit: 10_000 });
  expect(page.rows.map((r) => ({ line: r.line, raw: r.raw }))).toEqual(want.rejected);
  const { rows } = await allRows(engine, {}, 5000);
  const stored = new Map(rows.map((r) => [r.event_id, r.source_line]));
  expect(stored).toEqual(want.kept);
  return { engine, rows };
}

describe('a stray quote', () => {
  it('costs its own line only: the reported case', async () => {
    const header = COLUMNS.join(',');
    const lines = [
      header,
      '00000000-0000-4000-8000-000000000001,MRC-1,"2024-02-29T10:00:00,POS,TRANSFER,10.00,SUCCESS,APP,LAGOS,STARTER',
      '00000000-0000-4000-8000-000000000002,MRC-2,2024-02-29T11:00:00,POS,TRANSFER,20.00,SUCCESS,APP,LAGOS,STARTER',
      '00000000-0000-4000-8000-000000000003,MRC-3,2024-02-29T12:00:00,POS,TRANSFER,30.00,SUCCESS,APP,"LAGOS",STARTER',
      '00000000-0000-4000-8000-000000000004,MRC-4,2024-02-29T13:00:00,POS,TRANSFER,40.00,SUCCESS,APP,LAGOS,STARTER',
    ];
    const file = writeFile(tempDir(), 'activities_20240229.csv', lines.join('\n') + '\n');
    const kept = new Map([2, 3, 4].map((n) => [`00000000-0000-4000-8000-00000000000${n}`, n + 1]));
    const { rows } = await importAndCheck(file, { rowsRead: 4, kept, rejected: [{ line: 2, raw: lines[1] }] });
    expect(rows.map((r) => [r.merchant_id, r.region]).sort()).toEqual([['MRC-2', 'LAGOS'], ['MRC-3', 'LAGOS'], ['MRC-4', 'LAGOS']]);
  });

  for (const [name, eol, trailing] of [
    ['on the last line', '\n', true],
    ['on the last line, with no line end after it', '\n', false],
    ['on the last line of a CRLF file', '\r\n', true],
  ] as const) {
    it(`costs its own line only: ${name}`, async () => {
      const rows = Array.from({ length: 5 }, () => row());
      const lines = [COLUMNS.join(','), ...rows.slice(0, 4).map((r) => line(r)), stray(rows[4])];
      const file = writeFile(tempDir(), 'activities_20240115.csv', lines.join(eol) + (trailing ? eol : ''));
      const kept = new Map(rows.slice(0, 4).map((r, i) => [r.event_id, i + 2]));
      await importAndCheck(file, { rowsRead: 5, kept, rejected: [{ line: 6, raw: lines[5] }] });
    });
  }

  it('does not merge a valid quoted field that spans lines, before or after it', async () => {
    const multi = row({ region: 'LAGOS\nISLAND' });
    const bad = row();
    const after = [row(), row({ region: 'KANO' })];
    const last = row({ region: 'ABA\nNORTH' });
    const text = [COLUMNS.join(','), line(multi), stray(bad), ...after.map((r) => line(r)), line(last)];
    const file = writeFile(tempDir(), 'activities_20240115.csv', text.join('\n') + '\n');
    // The header is line 1, the two-line row lines 2-3, the stray quote line 4.
    const kept = new Map([[multi.event_id, 2], [after[0].event_id, 5], [after[1].event_id, 6], [last.event_id, 7]]);
    const { rows } = await importAndCheck(file, { rowsRead: 5, kept, rejected: [{ line: 4, raw: text[2] }] });
    expect(rows.find((r) => r.event_id === multi.event_id)?.region).toBe('LAGOS\nISLAND');
    expect(rows.find((r) => r.event_id === last.event_id)?.region).toBe('ABA\nNORTH');
  });

  it('on every other line of a file of many reads costs those lines only', async () => {
    const rows = Array.from({ length: 6000 }, () => row());
    const text = rows.map((r, i) => (i % 2 ? stray(r) : line(r)));
    const file = writeFile(tempDir(), 'activities_20240115.csv', [COLUMNS.join(','), ...text].join('\n') + '\n');
    const kept = new Map(rows.flatMap((r, i) => (i % 2 ? [] : [[r.event_id, i + 2] as const])));
    const rejected = text.flatMap((raw, i) => (i % 2 ? [{ line: i + 2, raw }] : []));
    await importAndCheck(file, { rowsRead: rows.length, kept, rejected });
  });

  it('a well-formed row of several lines rejected for another reason is one rejected row', async () => {
    // Its shape is right (a quoted field with a line break, ten fields) but its product is unknown: it
    // is rejected whole, as invalid_product, and the row after it is read as usual.
    const before = row();
    const bad = row({ product: 'NOT-A-PRODUCT', region: 'LAGOS\nISLAND' });
    const after = row();
    const file = writeFile(tempDir(), 'activities_20240115.csv', [COLUMNS.join(','), line(before), line(bad), line(after)].join('\n') + '\n');
    const kept = new Map([[before.event_id, 2], [after.event_id, 5]]);
    await importAndCheck(file, { rowsRead: 3, kept, rejected: [{ line: 3, raw: line(bad) }], byReason: { invalid_product: 1 } });
  });

  it('a row of several lines with the wrong number of fields costs its first line only', async () => {
    const before = row();
    const bad = `${line(row({ region: 'LAGOS\nISLAND' }))},extra`;
    const after = row();
    const [first, second] = bad.split('\n');
    const file = writeFile(tempDir(), 'activities_20240115.csv', [COLUMNS.join(','), line(before), bad, line(after)].join('\n') + '\n');
    const kept = new Map([[before.event_id, 2], [after.event_id, 5]]);
    await importAndCheck(file, { rowsRead: 4, kept, rejected: [{ line: 3, raw: first }, { line: 4, raw: second }] });
  });

  it('costs its own line only wherever the reads of a large file are cut', async () => {
    // The read boundaries take turns: a stray quote in the line the cut falls in; in the line just
    // before it (so it ends a read); a valid two-line field the cut falls in. Valid quoted fields are
    // written in the first third of the file only, so the later stray quotes pair with the next one, a
    // read or more on, and the last with none.
    const rows = Array.from({ length: 9000 }, () => row());
    const want: Expected = { kept: new Map(), rejected: [], rowsRead: rows.length };
    const out: string[] = [COLUMNS.join(',')];
    let offset = out[0].length + 1;
    let lineNo = 2;
    let boundary = CHUNK;
    let turn = 0;
    const cases = [0, 0, 0];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const plain = line(r);
      const ends = (text: string) => offset + text.length + 1;
      const crosses = (text: string) => ends(text) > boundary;
      let text = i < 3000 && i % 41 === 0 ? plain.replace(`,${r.region},`, `,"${r.region}",`) : plain;
      let kind: 'kept' | 'stray' | 'multi' = 'kept';
      const mode = turn % 3;
      const nextLen = i + 1 < rows.length ? line(rows[i + 1]).length + 1 : 0;
      if (mode === 0 && crosses(stray(r))) kind = 'stray';
      if (mode === 1 && !crosses(stray(r)) && ends(stray(r)) + nextLen > boundary) kind = 'stray';
      if (mode === 2 && crosses(line({ ...r, region: 'LAGOS\nISLE' }))) {
        kind = 'multi';
        r.region = 'LAGOS\nISLE';
        text = line(r);
      }
      if (kind === 'stray') {
        text = stray(r);
        want.rejected.push({ line: lineNo, raw: text });
      } else want.kept.set(r.event_id, lineNo);
      if (kind !== 'kept') cases[mode]++;
      out.push(text);
      offset = ends(text);
      lineNo += kind === 'multi' ? 2 : 1;
      if (offset > boundary) {
        turn++;
        boundary += CHUNK;
      }
    }
    // The file must hold every case more than once, or this test proves less than it says.
    expect(Math.min(...cases)).toBeGreaterThanOrEqual(3);
    const file = writeFile(tempDir(), 'activities_20240115.csv', out.join('\n') + '\n');
    await importAndCheck(file, want);
  });
});
