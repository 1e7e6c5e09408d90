// getDimensions, getTrend and getMerchant under random filters, against brute force over the rows the
// test wrote (reference.ts): facet counts under the other dimensions' filters, per-bucket trends with
// distinct active merchants, and a merchant's volume and rank. Twice: on a varied data set, and on a
// dense one (few merchants and attribute sets, many events a day) where facets and trends read the
// months a range covers in part from their rollups (month-walk.ts), which the varied set seldom does.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/db/open.js';
import { EventIndex } from '../../electron/engine/explore/event-index.js';
import { walkMonths } from '../../electron/engine/explore/month-walk.js';
import { compileSelection } from '../../electron/engine/explore/selection.js';
import type { FilterDimension, MetricFilter } from '../../shared/filter.js';
import type { TrendGrain, TrendResponse } from '../../shared/exploring.js';
import { COLUMNS, uuid, writeFile } from '../helpers/csv.js';
import { rng } from '../helpers/dataset.js';
import { merchantId, propertyDays, randomCase, writeActivity } from './generate.js';
import { PRODUCT_NAMES, compareRange, datesBetween, fromDay, roundedRate, select, toDay, type RefEvent } from './reference.js';
import { importedDataSet } from './imported.js';

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

/** The three properties over the data set `setUp` writes into a folder (its days and merchant count given). */
function exploreProperties(days: string[], merchants: number, write: (dir: string) => string[], extra?: (db: () => string) => void): void {
  const data = importedDataSet('mad-explore-', write, 180_000);
  extra?.(() => data.db);

  it('getDimensions: every value counts events and merchants under the filters on the other dimensions', async () => {
    const rand = rng(11);
    let checks = 0;
    for (let i = 0; i < 40; i++) {
      const { filter } = randomCase(rand, days, merchants);
      const got = await data.engine.request('getDimensions', { filter });
      for (const d of DIMS) {
        const sel = select(data.ref.events, without(filter, d));
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

  it('getTrend: per day, week and month, volume, events, active merchants and failure rate, and of the comparison', async () => {
    const rand = rng(12);
    let compared = 0;
    /** Every bucket equals brute force over the selection's dated events, and every bucket with data is there. */
    const expectBuckets = (buckets: TrendResponse['buckets'], filter: MetricFilter, grain: TrendGrain, label: string) => {
      const dated = select(data.ref.events, filter).filter((e) => e.date !== null);
      const key = (date: string) => (grain === 'day' ? date : grain === 'week' ? monday(date) : date.slice(0, 7));
      const want = new Map<string, RefEvent[]>();
      for (const e of dated) {
        const k = key(e.date!);
        if (!want.has(k)) want.set(k, []);
        want.get(k)!.push(e);
      }
      for (const b of buckets) {
        const es = want.get(b.bucket) ?? [];
        const ok = es.filter((e) => e.status === 'SUCCESS');
        const failed = es.filter((e) => e.status === 'FAILED').length;
        const kobo = ok.reduce((n, e) => n + (e.kobo ?? 0), 0);
        expect(b, `${label} ${b.bucket}`).toMatchObject({
          events: es.length,
          volume: kobo / 100,
          active_merchants: new Set(ok.map((e) => e.merchant)).size,
          failure_rate: ok.length + failed ? roundedRate(failed, ok.length) : null,
        });
        want.delete(b.bucket);
      }
      expect([...want.keys()], `${label}: every bucket with data is in the trend`).toEqual([]);
    };
    for (let i = 0; i < 24; i++) {
      const { filter, compare } = randomCase(rand, days, merchants);
      const grain = (['day', 'week', 'month'] as const)[i % 3];
      const got = await data.engine.request('getTrend', compare ? { filter, grain, compare } : { filter, grain });
      const label = `${grain} of ${JSON.stringify({ filter, compare })}`;
      expectBuckets(got.buckets, filter, grain, label);
      if (!compare) continue;
      const range = compareRange(filter, compare);
      expect(got.compare, label).toMatchObject({ from: range.from, to: range.to });
      expectBuckets(got.compare!.buckets, { ...filter, ...range }, grain, `${label} compare`);
      compared++;
    }
    expect(compared).toBeGreaterThan(6);
  });

  it("getMerchant: a merchant's volume, events by status and rank among the selection", async () => {
    const rand = rng(13);
    for (let i = 0; i < 30; i++) {
      const { filter } = randomCase(rand, days, merchants);
      const id = merchantId(1 + Math.floor(rand() * merchants));
      const got = await data.engine.request('getMerchant', { merchant_id: id, filter });
      const sel = select(data.ref.events, filter);
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
}

describe('facets, trends and merchants under random filters equal brute force', () => {
  const days = propertyDays();
  exploreProperties(days, 120, (dir) => writeActivity(dir, { seed: 777, days, rowsPerDay: () => 90, merchants: 120 }));
});

/**
 * Four merchants, two regions, two channels, one tier, every product and status, 400 events a day; and
 * sixteen rare merchants (MRC-000005 to MRC-000020), each on two days of the month only, so a month's
 * rollup rows differ in their days.
 */
function writeDense(dir: string, days: string[]): string[] {
  const rand = rng(4040);
  let n = 0x5000000;
  return days.map((date) => {
    const lines = [COLUMNS.join(',')];
    for (let i = 0; i < 400; i++) {
      const m = 1 + Math.floor(rand() * 4);
      const product = PRODUCT_NAMES[Math.floor(rand() * PRODUCT_NAMES.length)];
      const type = product === 'KYC' ? ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE'][Math.floor(rand() * 3)] : 'SALE';
      const status = ['SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'][Math.floor(rand() * 4)];
      const time = `${String(Math.floor(rand() * 24)).padStart(2, '0')}:00:00`;
      const amount = `${1 + Math.floor(rand() * 5000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
      lines.push([uuid(++n), merchantId(m), `${date}T${time}`, product, type, amount, status, rand() < 0.5 ? 'POS' : 'APP', m % 2 ? 'LAGOS' : 'KANO', 'STARTER'].join(','));
    }
    const dayOfMonth = Number(date.slice(8));
    for (let m = 5; m <= 20; m++) {
      if (dayOfMonth !== m && dayOfMonth !== m + 10) continue;
      for (let i = 0; i < 3; i++) {
        const product = PRODUCT_NAMES[(m + i) % PRODUCT_NAMES.length];
        lines.push([uuid(++n), merchantId(m), `${date}T12:00:00`, product, 'SALE', '10.00', i === 2 ? 'FAILED' : 'SUCCESS', 'USSD', m % 2 ? 'LAGOS' : 'OYO', 'STARTER'].join(','));
      }
    }
    return writeFile(dir, `activities_${date.replace(/-/g, '')}.csv`, lines.join('\n') + '\n');
  });
}

describe('the same on dense data, where months covered in part are read from their rollups', () => {
  const days = datesBetween('2024-01-01', '2024-04-30').filter((d) => d !== '2024-02-14');
  exploreProperties(days, 20, (dir) => writeDense(dir, days), (db) => {
    it('random filters do send months covered in part through their rollups (what this data set is for)', () => {
      const conn = openDatabase(db(), true);
      try {
        const index = new EventIndex();
        index.sync(conn);
        // The cases of the facet and trend properties (their seeds), as those requests walk: no partial
        // month is read from a rollup under a merchant filter.
        const partial = { 11: 0, 12: 0 };
        for (const seed of [11, 12] as const) {
          const rand = rng(seed);
          for (let i = 0; i < 24; i++) {
            const { filter } = randomCase(rand, days, 20);
            if (filter.merchant) continue;
            walkMonths(index, compileSelection(index.labels, filter), 'any month', { rollup: (_r, _days, whole) => void (whole || partial[seed]++), slice: () => {} });
          }
        }
        expect(partial[11]).toBeGreaterThan(5);
        expect(partial[12]).toBeGreaterThan(5);
      } finally {
        conn.close();
      }
    });
  });
});
