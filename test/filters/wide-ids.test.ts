// The index keeps a file's merchant and attribute-set ids in 16 bits when they all fit and in 32 when
// they do not. Here one file brings 70,000 new merchants and 700 regions (ids past both limits) between
// ordinary files, so wide and narrow files sit side by side in one index; every answer under random
// filters must still equal brute force over the rows the test wrote.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/db/open.js';
import { EventIndex } from '../../electron/engine/explore/event-index.js';
import { COLUMNS, uuid, writeFile } from '../helpers/csv.js';
import { rng } from '../helpers/dataset.js';
import { merchantId, randomCase, writeActivity } from './generate.js';
import { datesBetween, evaluate, metricDiffs, referenceMetrics, select } from './reference.js';
import { importedDataSet } from './imported.js';

const WIDE_DAY = '2024-01-20';
const WIDE_MERCHANTS = 70_000;

function writeWideFile(dir: string): string {
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < WIDE_MERCHANTS; i++) {
    const status = i % 5 === 0 ? 'FAILED' : 'SUCCESS';
    // A few of the ordinary merchants too, so their volume adds up across narrow and wide files.
    const merchant = i % 1000 === 0 ? merchantId(1 + (i / 1000) % 50) : merchantId(100_000 + i);
    const region = i % 3 === 0 ? 'LAGOS' : `R${i % 700}`;
    lines.push([uuid(0x9000000 + i), merchant, `${WIDE_DAY}T${String(i % 24).padStart(2, '0')}:00:00`, 'POS', 'CARD_TRANSACTION', `${1 + (i % 997)}.${String(i % 100).padStart(2, '0')}`, status, 'POS', region, 'STARTER'].join(','));
  }
  return writeFile(dir, `activities_${WIDE_DAY.replace(/-/g, '')}.csv`, lines.join('\n') + '\n');
}

describe('files with 16-bit and 32-bit ids side by side answer as brute force does', () => {
  const days = datesBetween('2024-01-01', '2024-02-29').filter((d) => d !== WIDE_DAY);
  const data = importedDataSet('mad-wide-', (dir) => [...writeActivity(dir, { seed: 4242, days, rowsPerDay: () => 60, merchants: 80 }), writeWideFile(dir)], 180_000);

  it('the index holds both widths of both columns (what this test is for)', () => {
    const conn = openDatabase(data.db, true);
    try {
      const index = new EventIndex(false);
      index.sync(conn);
      const kinds = (col: 'merchant' | 'packed') => new Set(index.segmentList().map((s) => s[col].constructor.name));
      expect(kinds('merchant')).toEqual(new Set(['Uint16Array', 'Uint32Array']));
      expect(kinds('packed')).toEqual(new Set(['Uint16Array', 'Uint32Array']));
    } finally {
      conn.close();
    }
  });

  it('metrics, facets, merchants and drills under random filters', async () => {
    const rand = rng(77);
    const diffs: string[] = [];
    const wide = [merchantId(100_001), merchantId(100_000 + 69_999), merchantId(3)];
    let wideBuckets = 0;
    for (let i = 0; i < 40; i++) {
      const { filter } = randomCase(rand, [...days, WIDE_DAY].sort(), 80);
      if (i % 4 === 1) filter.region = ['R7', 'LAGOS', 'R699'];
      if (i % 4 === 2) filter.merchant = [wide[i % 3], merchantId(1)];
      const label = `#${i} ${JSON.stringify(filter)}`;
      const got = await data.engine.request('getMetrics', { filter });
      const { selected } = evaluate(data.ref.events, filter);
      diffs.push(...metricDiffs(got.metrics, referenceMetrics(selected), label));

      const dims = await data.engine.request('getDimensions', { filter: { from: filter.from, to: filter.to } });
      const dated = select(data.ref.events, { from: filter.from, to: filter.to });
      const regionEvents = dims.dimensions.region.find((v) => v.value === 'R699')?.events ?? 0;
      expect(regionEvents, `${label} R699 events`).toBe(dated.filter((e) => e.region === 'R699').length);

      const id = wide[i % 3];
      const mine = selected.filter((e) => e.merchant === id);
      const drill = await data.engine.request('getEvents', { filter, merchant: id, limit: 5 });
      expect(drill.total, `${label} events of ${id}`).toBe(mine.length);
      expect(drill.rows.every((e) => e.merchant_id === id)).toBe(true);
      const trend = await data.engine.request('getTrend', { filter, grain: 'day' });
      for (const b of trend.buckets.filter((x) => x.bucket === WIDE_DAY || x.bucket === '2024-01-19')) {
        const es = selected.filter((e) => e.date === b.bucket);
        const ok = es.filter((e) => e.status === 'SUCCESS');
        expect({ events: b.events, active: b.active_merchants }, `${label} trend ${b.bucket}`).toEqual({ events: es.length, active: new Set(ok.map((e) => e.merchant)).size });
        if (b.bucket === WIDE_DAY && es.length > 0) wideBuckets++;
      }
      const profile = await data.engine.request('getMerchant', { merchant_id: id, filter });
      const kobo = mine.reduce((n, e) => n + (e.status === 'SUCCESS' && e.kobo !== null ? e.kobo : 0), 0);
      expect(profile.volume, `${label} volume of ${id}`).toBe(kobo / 100);
    }
    expect(diffs).toEqual([]);
    expect(wideBuckets, 'trends over the wide file were checked').toBeGreaterThan(5);
  });
});
