// The coverage's files and rejected rows are those of the files holding at least one selected event,
// whether the filter is absent, empty or selects everything another way: an empty file and a file whose
// rows were all rejected hold none.
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS, line, row, tempDir, writeFile } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';

describe('coverage files', () => {
  const engines: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('an empty file and a wholly rejected file count in no coverage, with or without a filter', async () => {
    const dir = tempDir();
    const header = COLUMNS.join(',');
    writeFile(dir, 'activities_20240110.csv', [header, line(row({ event_timestamp: '2024-01-10T09:00:00' })), line(row({ event_timestamp: '2024-01-10T10:00:00' }))].join('\n') + '\n');
    writeFile(dir, 'activities_20240111.csv', header + '\n');
    writeFile(dir, 'activities_20240112.csv', [header, line(row({ merchant_id: '' })), line(row({ merchant_id: '' })), line(row({ product: 'NOPE' }))].join('\n') + '\n');
    const engine = await openEngine(newDbPath());
    engines.push(engine);
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(summary.rejected_by_reason).toEqual({ missing_merchant_id: 2, invalid_product: 1 });
    const pick = (c: { files: number; events: number; rejected_rows: number }) => [c.files, c.events, c.rejected_rows];
    const none = await engine.request('getMetrics', {});
    const empty = await engine.request('getMetrics', { filter: {} });
    const everything = await engine.request('getMetrics', { filter: { exclude: { region: ['NOWHERE'] } } });
    expect(pick(everything.coverage)).toEqual([1, 2, 0]);
    expect(pick(empty.coverage)).toEqual([1, 2, 0]);
    expect(pick(none.coverage)).toEqual([1, 2, 0]);
    // The rejected rows the empty filter's coverage counts are the ones its list shows.
    const listed = await engine.request('getRejectedRows', { filter: {}, kind: 'rejected', limit: 10 });
    expect(listed.total).toBe(0);
  });
});
