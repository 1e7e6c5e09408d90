// getDimensions, getTrend and getMerchant under random filters, against brute force over the rows the
// test wrote (reference.ts): facet counts under the other dimensions' filters, per-bucket trends with
// distinct active merchants, and a merchant's volume and rank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { FilterDimension, MetricFilter } from '../../shared/filter.js';
import { tempDir } from '../helpers/csv.js';
import { newDbPath } from '../helpers/engine.js';
import { rng } from '../helpers/dataset.js';
import { merchantId, propertyDays, randomCase, writeActivity } from './generate.js';
import { fromDay, readEvents, roundedRate, select, toDay, type RefData, type RefEvent } from './reference.js';

const DIMS: FilterDimension[] = ['region', 'channel', 'tier', 'product'];
const valueOf = (e: RefEvent, d: FilterDimension) => (d === 'product' ? e.product : e[d]);

/** The filter without one dimension's own include and exclude. */
function without(f: MetricFilter, d: FilterDimension): MetricFilter {
  const out: MetricFilter = { ...f, exclude: { ...f.exclude } };
  delete out[d];
  delete out.exclude![d];
  return out;
}

/** Monday of the ISO week of a date, by the test's own day arithmetic (1970-01-01 was a Thursday). */
function monday(date: string): string {
  const n = toDay(date);
  return fromDay(n - ((n + 3) % 7 + 7) % 7);
}

describe('facets, trends and merchants under random filters equal brute force', () => {
  let engine: EngineClient;
  let ref: RefData;
  const days = propertyDays();

  beforeAll(async () => {
    const dir = tempDir('mad-explore-');
    const paths = writeActivity(dir, { seed: 777, days, rowsPerDay: () => 90, merchants: 120 });
    ref = readEvents(paths);
    engine = await EngineClient.open(newDbPath());
    await engine.request('importPaths', { paths: [dir] });
  }, 180_000);

  afterAll(async () => {
    await engine?.close();
  });

  it('getDimensions: every value counts events and merchants under the filters on the other dimensions', async () => {
    const rand = rng(11);
    let checks = 0;
    for (let i = 0; i < 40; i++) {
      const { filter } = randomCase(rand, days, 120);
      const got = await engine.request('getDimensions', { filter });
      for (const d of DIMS) {
        const sel = select(ref.events, without(filter, d));
        const want = new Map<string, { events: number; merchants: Set<string> }>();
        for (const e of sel) {
          const v = valueOf(e, d);
          if (!want.has(v)) want.set(v, { events: 0, merchants: new Set() });
          want.get(v)!.events++;
          want.get(v)!.merchants.add(e.merchant);
        }
        for (const [v, w] of want) {
          const g = got.dimensions[d].find((x) => x.value === v);
          expect(g, `${JSON.stringify(filter)} ${d}=${v}`).toMatchObject({ events: w.events, merchants: w.merchants.size });
          checks++;
        }
        for (const g of got.dimensions[d]) if (!want.has(g.value)) expect(g.events, `${d}=${g.value} has no selected event`).toBe(0);
      }
    }
    expect(checks).toBeGreaterThan(200);
  });

  it('getTrend: per day, week and month, volume, events, active merchants and failure rate', async () => {
    const rand = rng(12);
    for (let i = 0; i < 24; i++) {
      const { filter } = randomCase(rand, days, 120);
      const grain = (['day', 'week', 'month'] as const)[i % 3];
      const got = await engine.request('getTrend', { filter, grain });
      const dated = select(ref.events, filter).filter((e) => e.date !== null);
      const key = (date: string) => (grain === 'day' ? date : grain === 'week' ? monday(date) : date.slice(0, 7));
      const want = new Map<string, RefEvent[]>();
      for (const e of dated) {
        const k = key(e.date!);
        if (!want.has(k)) want.set(k, []);
        want.get(k)!.push(e);
      }
      for (const b of got.buckets) {
        const es = want.get(b.bucket) ?? [];
        const ok = es.filter((e) => e.status === 'SUCCESS');
        const failed = es.filter((e) => e.status === 'FAILED').length;
        const kobo = ok.reduce((n, e) => n + (e.kobo ?? 0), 0);
        expect(b, `${grain} ${b.bucket} of ${JSON.stringify(filter)}`).toMatchObject({
          events: es.length,
          volume: kobo / 100,
          active_merchants: new Set(ok.map((e) => e.merchant)).size,
          failure_rate: ok.length + failed ? roundedRate(failed, ok.length) : null,
        });
        want.delete(b.bucket);
      }
      expect([...want.keys()], 'every bucket with data is in the trend').toEqual([]);
    }
  });

  it("getMerchant: a merchant's volume, events by status and rank among the selection", async () => {
    const rand = rng(13);
    for (let i = 0; i < 30; i++) {
      const { filter } = randomCase(rand, days, 120);
      const id = merchantId(1 + Math.floor(rand() * 120));
      const got = await engine.request('getMerchant', { merchant_id: id, filter });
      const sel = select(ref.events, filter);
      const vol = new Map<string, number>();
      for (const e of sel) if (e.status === 'SUCCESS' && e.kobo !== null) vol.set(e.merchant, (vol.get(e.merchant) ?? 0) + e.kobo);
      const ranked = [...vol].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([m]) => m);
      const mine = sel.filter((e) => e.merchant === id);
      expect(got.volume, `${id} ${JSON.stringify(filter)}`).toBe((vol.get(id) ?? 0) / 100);
      expect(got.rank).toBe(ranked.includes(id) ? ranked.indexOf(id) + 1 : null);
      expect(got.ranked_merchants).toBe(ranked.length);
      expect(got.events).toBe(mine.length);
      expect(got.events_by_status).toEqual({
        SUCCESS: mine.filter((e) => e.status === 'SUCCESS').length,
        FAILED: mine.filter((e) => e.status === 'FAILED').length,
        PENDING: mine.filter((e) => e.status === 'PENDING').length,
      });
    }
  });
});
