// Files without a line feed: a classic-Mac export (CR alone ends each line) imports like its LF twin;
// a file with no line end in its first 16 MB fails at once, named for what it is, instead of taking
// time and memory that grow with the square of the line before the header is found.
import { describe, expect, it } from 'vitest';
import { csv, row, tempDir, writeFile } from '../helpers/csv.js';
import { openEngine } from '../helpers/engine.js';

describe('line ends', () => {
  it('a CR-only file imports with the same rows and metrics as the same file with LF', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row({ merchant_id: `MRC-${i % 7}`, amount: `${i}.25`, ...(i === 9 ? { amount: 'INVALID' } : {}), ...(i === 11 ? { merchant_id: '' } : {}) }));
    const lf = csv(rows);
    const cr = lf.replace(/\r?\n/g, '\r');
    expect(cr.includes('\n')).toBe(false);
    const a = await openEngine();
    const b = await openEngine();
    const sa = await a.request('importPaths', { paths: [writeFile(tempDir(), 'activities_20240115.csv', lf)] });
    const sb = await b.request('importPaths', { paths: [writeFile(tempDir(), 'activities_20240115.csv', cr)] });
    expect(sb).toMatchObject({ status: 'done', rows_read: 50, accepted: 49, rejected: 1, warnings_by_reason: { invalid_amount: 1 } });
    expect({ rows: sb.rows_read, accepted: sb.accepted, rejected: sb.rejected }).toEqual({ rows: sa.rows_read, accepted: sa.accepted, rejected: sa.rejected });
    expect((await b.request('getMetrics', {})).metrics).toEqual((await a.request('getMetrics', {})).metrics);
    const bad = await b.request('getRejectedRows', { kind: 'rejected' });
    expect(bad.rows.map((r) => r.line)).toEqual([13]);
  });

  it('a file whose first 16 MB hold no line end fails as not a CSV, and the other files go on', async () => {
    const dir = tempDir();
    writeFile(dir, 'activities_20240101.csv', 'x'.repeat(20 << 20));
    writeFile(dir, 'activities_20240102.csv', csv([row(), row()]));
    const engine = await openEngine();
    const s = await engine.request('importPaths', { paths: [dir] });
    expect(s.accepted).toBe(2);
    const failed = s.file_records.find((f) => f.path.endsWith('activities_20240101.csv'))!;
    expect(failed).toMatchObject({ status: 'failed', error_code: 'not_csv', accepted: 0 });
    expect(failed.error_message).toMatch(/no line end/);
  });
});
