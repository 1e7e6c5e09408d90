// The next pages of a drill reuse the totals its first page counted; an import or a forget in between
// must never be answered from them: totals, merchants, amount and rows follow the stored events.
import { afterAll, describe, expect, it } from 'vitest';
import { row, tempDir, uuid, writeCsv } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

describe('drill pages after the data changed', () => {
  const engines: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('an import and a forget between two asks of the same drill change its answer', async () => {
    const engine = await openEngine(newDbPath());
    engines.push(engine);
    const day = (d: number, n: number, merchant: string, amount: string) =>
      Array.from({ length: n }, (_, k) => row({ event_id: uuid(), merchant_id: merchant, event_timestamp: `2024-01-${String(d).padStart(2, '0')}T${String(k % 24).padStart(2, '0')}:00:00`, amount }));
    const first = writeCsv(tempDir(), 'activities_20240110.csv', day(10, 30, 'MRC-A', '10.00'));
    await engine.request('importPaths', { paths: [first] });
    const ask = (offset: number, sort: 'time' | '-time' = 'time') => engine.request('getEvents', { filter: { region: [] }, status: ['SUCCESS'], sort, offset, limit: 7 });
    const before = await ask(0);
    expect([before.total, before.merchants, before.amount]).toEqual([30, 1, 300]);
    expect((await ask(7)).total).toBe(30);

    const second = writeCsv(tempDir(), 'activities_20240111.csv', day(11, 20, 'MRC-B', '2.50'));
    const summary = await engine.request('importPaths', { paths: [second] });
    const later = await ask(28);
    expect([later.total, later.merchants, later.amount]).toEqual([50, 2, 350]);
    // Matches 28..34 in time order: the last two of 10 January, then the first five of 11 January.
    expect(later.rows.map((r) => r.merchant_id)).toEqual(['MRC-A', 'MRC-A', 'MRC-B', 'MRC-B', 'MRC-B', 'MRC-B', 'MRC-B']);
    expect((await ask(0, '-time')).rows.every((r) => r.merchant_id === 'MRC-B')).toBe(true);

    await engine.request('forgetFile', { source_id: recordFor(summary, second).source_id! });
    const after = await ask(28);
    expect([after.total, after.merchants, after.amount]).toEqual([30, 1, 300]);
    expect(after.rows.map((r) => r.merchant_id)).toEqual(['MRC-A', 'MRC-A']);
  });
});
