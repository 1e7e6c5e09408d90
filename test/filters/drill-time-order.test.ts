// getEvents sorted by time is in time order within a day, not only by day: files written out of time
// order, a file holding several days, two files of one day with equal timestamps, and undated events,
// paged with offsets inside a day, ascending and descending, against a brute-force sort written here
// (stored time as written, ties by file then line, undated last).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { EventsRequest } from '../../shared/exploring.js';
import { tempDir, uuid, writeFile } from '../helpers/csv.js';
import { allRows, newDbPath } from '../helpers/engine.js';

interface Written {
  id: string;
  /** Milliseconds of the timestamp as written (no zone), null when invalid. */
  ms: number | null;
  date: string | null;
  file: number;
  line: number;
  merchant: string;
  status: string;
  kobo: number;
}

const HEADER = 'event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier';
const STATUSES = ['SUCCESS', 'FAILED', 'PENDING'];
const INVALID = ['not-a-time', '', '2024-13-01T00:00:00'];

/** A seeded LCG, so a failure can be replayed. */
function rand(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('getEvents sorted by time', () => {
  let engine: EngineClient;
  const written: Written[] = [];

  beforeAll(async () => {
    const r = rand(2026);
    const dir = tempDir('mad-time-order-');
    const randomTime = (date: string) => `${date}T${pad(r(24))}:${pad(r(60))}:${pad(r(60))}${r(3) === 0 ? `.${pad(r(1000), 3)}` : ''}`;
    // Per file (imported in path order, so this is also the file order): what each line holds.
    const plan: { rel: string; stamps: string[] }[] = [
      { rel: 'a/activities_20240301.csv', stamps: [] },
      { rel: 'b/activities_20240301.csv', stamps: [] },
      { rel: 'c/activities_20240302.csv', stamps: [] },
    ];
    const [a, b, c] = plan;
    // a: 1 March and 2 March interleaved, some times repeated within the file, three undated rows.
    for (let i = 0; i < 30; i++) a.stamps.push(randomTime('2024-03-01'));
    for (let i = 0; i < 8; i++) a.stamps.splice(r(a.stamps.length + 1), 0, randomTime('2024-03-02'));
    for (let i = 0; i < 4; i++) a.stamps.splice(r(a.stamps.length + 1), 0, a.stamps[r(a.stamps.length)]);
    for (const bad of INVALID) a.stamps.splice(r(a.stamps.length + 1), 0, bad);
    // b: 1 March again, a third of it at times a also has, and two undated rows.
    for (let i = 0; i < 20; i++) b.stamps.push(i % 3 === 0 ? a.stamps.filter((t) => t.startsWith('2024-03-01'))[r(20)] : randomTime('2024-03-01'));
    b.stamps.splice(r(b.stamps.length + 1), 0, 'later');
    b.stamps.splice(r(b.stamps.length + 1), 0, '');
    // c: 3 March then 2 March, each in reverse time order.
    for (let i = 0; i < 12; i++) c.stamps.push(randomTime('2024-03-03'));
    for (let i = 0; i < 15; i++) c.stamps.push(randomTime('2024-03-02'));
    c.stamps.sort().reverse();
    plan.forEach(({ rel, stamps }, file) => {
      const lines = [HEADER];
      stamps.forEach((ts, k) => {
        const id = uuid();
        const merchant = `MRC-${pad(r(9), 3)}`;
        const status = STATUSES[r(3)];
        const kobo = 100 * (1 + r(50));
        const valid = /^\d{4}-\d{2}-\d{2}T/.test(ts) && !Number.isNaN(Date.parse(`${ts}Z`));
        written.push({ id, ms: valid ? Date.parse(`${ts}Z`) : null, date: valid ? ts.slice(0, 10) : null, file, line: k + 2, merchant, status, kobo });
        lines.push(`${id},${merchant},${ts},POS,CARD_TRANSACTION,${kobo / 100},${status},POS,LAGOS,STARTER`);
      });
      writeFile(dir, rel, `${lines.join('\n')}\n`);
    });
    engine = await EngineClient.open(newDbPath());
    await engine.request('importPaths', { paths: [dir] });
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
  });

  /** The brute-force order: by stored time, then file, then line; undated after every dated event. */
  const ascending = (xs: Written[]) => {
    const at = (w: Written) => w.ms ?? Infinity;
    return [...xs].sort((x, y) => (at(x) === at(y) ? 0 : at(x) - at(y)) || x.file - y.file || x.line - y.line);
  };
  const ids = (xs: { id?: string; event_id?: string }[]) => xs.map((x) => (x.id ?? x.event_id ?? '').toLowerCase());

  it('the data has what the cases need: days out of order in a file, equal times across files, undated events', () => {
    const march1 = written.filter((w) => w.date === '2024-03-01');
    expect(march1.some((w, k) => k > 0 && w.file === march1[k - 1].file && w.ms! < march1[k - 1].ms!)).toBe(true);
    expect(march1.some((w) => w.file === 1 && march1.some((v) => v.file === 0 && v.ms === w.ms))).toBe(true);
    expect(written.filter((w) => w.ms === null).length).toBe(5);
  });

  for (const limit of [7, 1, 100]) {
    it(`pages of ${limit}, ascending and descending, follow the brute-force order with the same totals`, async () => {
      const want = ascending(written);
      const up = await allRows(engine, { sort: 'time' }, limit);
      expect(ids(up.rows)).toEqual(ids(want));
      expect(up.rows.map((r) => r.source_line)).toEqual(want.map((w) => w.line));
      const down = await allRows(engine, { sort: '-time' }, limit);
      expect(ids(down.rows)).toEqual(ids(want).reverse());
      const page = await engine.request('getEvents', { sort: 'time', limit });
      expect([page.total, page.merchants, page.amount]).toEqual([written.length, new Set(written.map((w) => w.merchant)).size, written.reduce((s, w) => s + w.kobo, 0) / 100]);
    });
  }

  it('a first page next to a day boundary, with no totals remembered, holds the right events, both ways', async () => {
    const want = ascending(written);
    const starts = want.flatMap((w, k) => (k > 0 && w.date !== want[k - 1].date ? [k] : []));
    expect(starts.length).toBeGreaterThan(1);
    let fresh = 0;
    for (const start of starts) {
      for (const [offset, limit] of [[start - 1, 1], [start - 1, 3], [start, 2], [start - 2, 2]]) {
        for (const sort of ['time', '-time'] as const) {
          // A region no row has: the same events, in a selection the engine has not counted before.
          const filter = { exclude: { region: [`NOWHERE-${fresh++}`] } };
          const got = await engine.request('getEvents', { filter, sort, offset, limit });
          const order = sort === 'time' ? want : [...want].reverse();
          expect(ids(got.rows), `${sort} ${offset}+${limit}`).toEqual(ids(order.slice(offset, offset + limit)));
        }
      }
    }
  });

  it('a page starting inside a day and ending in the next holds the right events, both ways', async () => {
    const want = ascending(written);
    const march1 = want.filter((w) => w.date === '2024-03-01').length;
    for (const [offset, limit] of [[march1 - 3, 6], [march1 + 2, 20], [want.length - 7, 5], [want.length - 2, 10]]) {
      const up = await engine.request('getEvents', { sort: 'time', offset, limit });
      expect(ids(up.rows), `asc ${offset}+${limit}`).toEqual(ids(want.slice(offset, offset + limit)));
      const down = await engine.request('getEvents', { sort: '-time', offset, limit });
      expect(ids(down.rows), `desc ${offset}+${limit}`).toEqual(ids([...want].reverse().slice(offset, offset + limit)));
    }
    expect((await engine.request('getEvents', { sort: 'time', offset: want.length, limit: 5 })).rows).toEqual([]);
  });

  it('under a filter (dates leave undated events out; a status keeps part of each day) the order holds', async () => {
    const cases: [EventsRequest, (w: Written) => boolean][] = [
      [{ filter: { from: '2024-03-01', to: '2024-03-02' } }, (w) => w.date !== null && w.date <= '2024-03-02'],
      [{ status: ['FAILED'] }, (w) => w.status === 'FAILED'],
      [{ filter: { from: '2024-03-02' }, status: ['SUCCESS', 'PENDING'] }, (w) => w.date !== null && w.date >= '2024-03-02' && w.status !== 'FAILED'],
    ];
    for (const [req, keep] of cases) {
      const want = ascending(written.filter(keep));
      expect(want.length).toBeGreaterThan(5);
      const up = await allRows(engine, { ...req, sort: 'time' }, 4);
      expect(up.total).toBe(want.length);
      expect(ids(up.rows), JSON.stringify(req)).toEqual(ids(want));
      const down = await allRows(engine, { ...req, sort: '-time' }, 4);
      expect(ids(down.rows), JSON.stringify(req)).toEqual(ids(want).reverse());
    }
  });
});
