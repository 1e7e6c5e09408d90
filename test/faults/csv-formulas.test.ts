// Exported CSV must never run a formula when a spreadsheet opens it: merchant ids and rejected rows
// come from the analyst's input files, which anyone could have written.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv } from '../helpers/csv.js';
import { openEngine } from '../helpers/engine.js';
import { safeCell, toCsv } from '../../shared/csv-safe.js';
import type { CsvFile } from '../../shared/api.js';

const HOSTILE = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3'];

function cells(file: CsvFile): string[][] {
  return Papa.parse<string[]>(file.content.trimEnd(), { newline: '\r\n' }).data;
}

describe('CSV cells that a spreadsheet would run', () => {
  it('get a leading quote; plain numbers and other text stay as they are', () => {
    for (const text of HOSTILE) expect(safeCell(text)).toBe(`'${text}`);
    expect(safeCell('\t=1+1')).toBe("'\t=1+1");
    expect(safeCell('\r=1+1')).toBe("'\r=1+1");
    // Papaparse's escapeFormulae pattern misses these: the formula's cell spans two lines.
    expect(safeCell('=1+1\nx')).toBe("'=1+1\nx");
    expect(safeCell('\r\n=1+1')).toBe("'\r\n=1+1");
    for (const same of [-5, 0, 12.5, 3n, true, null, undefined, '-5', '-5.00', '+1.5e3', 'MRC-000001', 'a=b', '', "'=x"]) {
      expect(safeCell(same)).toBe(same);
    }
    expect(safeCell({ toString: () => '=1' })).toBe("'=1");
  });

  it('toCsv writes CRLF lines with a trailing CRLF and neutralises every cell', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [-5, '-5'], ['=1+1', '@x']])).toBe("a,b\r\n1,x\r\n-5,-5\r\n'=1+1,'@x\r\n");
    expect(toCsv(['q'], [['=HYPERLINK("u","c")']])).toBe('q\r\n"\'=HYPERLINK(""u"",""c"")"\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('every export of the engine escapes hostile merchant ids and rejected rows', async () => {
    const dir = tempDir();
    const rows = HOSTILE.map((merchant_id, i) => row({ merchant_id, amount: `${(i + 1) * 10}.00` }));
    writeCsv(dir, 'activities_20240101.csv', [...rows, ...HOSTILE.map((h) => h.replace(/"/g, '')), '\t=1+1,x']);
    const engine = await openEngine();
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(summary.accepted).toBe(HOSTILE.length);
    expect(summary.rejected).toBe(HOSTILE.length + 1);

    const top = cells(await engine.request('getCsv', { target: 'top_merchants' }));
    expect(top.slice(1).map((r) => r[1])).toEqual([...HOSTILE].reverse().map((h) => `'${h}`));
    // The money column is a number as text and stays one.
    expect(top[1][2]).toBe('40.00');

    const rejected = cells(await engine.request('getCsv', { target: 'rejected_rows' }));
    const raws = rejected.slice(1).map((r) => r[4]);
    expect(raws).toEqual([...HOSTILE.map((h) => `'${h.replace(/"/g, '')}`), "'\t=1+1,x"]);
    for (const r of [...top, ...rejected]) for (const cell of r) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
