// The real sample (../shared/fixtures/real-sample, three days 2024-01-01..03) under a few filters, against
// answers this test computes from the files itself (reference.ts: a plain comma split, which is enough
// for the sample's unquoted fields, and the policy's rules: empty merchant_id rejected, empty or
// NOT-A-DATE timestamps out of dated filters, INVALID amounts out of volume). The files are read in
// place. Skipped with a message when the folder is missing, except on CI, where that is a failure.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { CompareSpec, MetricFilter } from '../../shared/filter.js';
import type { Metrics } from '../../shared/metrics.js';
import { ROOT, contract, newDbPath } from '../helpers/engine.js';
import { compareRange, evaluate, metricDiffs, readEvents, referenceMetrics, type RefData } from './reference.js';

const SAMPLE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-sample');
const FILES = ['activities_20240101.csv', 'activities_20240102.csv', 'activities_20240103.csv'].map((f) => path.join(SAMPLE, f));
const present = FILES.every((f) => fs.existsSync(f)) && fs.existsSync(path.join(SAMPLE, 'expected.json'));

if (!present && process.env.CI === 'true') {
  it('the real sample is present on CI', () => {
    throw new Error(`the real sample is missing: ${SAMPLE} must hold activities_20240101..03.csv and expected.json on CI`);
  });
} else if (!present) {
  console.warn(`test/filters/real-sample.test.ts skipped: the real sample is not at ${SAMPLE}`);
}

describe.skipIf(!present)('real sample under filters, against answers computed from its files', () => {
  let engine: EngineClient;
  let ref: RefData;

  beforeAll(async () => {
    ref = readEvents(FILES);
    engine = await EngineClient.open(newDbPath());
    const s = await engine.request('importPaths', { paths: FILES });
    expect(s.status).toBe('done');
  }, 180_000);

  afterAll(async () => {
    await engine?.close();
  });

  it("the test's own reading of the files gives expected.json (so the reference can be trusted)", () => {
    const expected = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8')) as Metrics & { top10: Metrics['top_merchants']; stats: Record<string, number> };
    const m = referenceMetrics(ref.events);
    expect(m.top_merchant).toEqual(expected.top_merchant);
    expect(m.top_merchants).toEqual(expected.top10);
    expect(JSON.stringify(m.monthly_active_merchants)).toBe(JSON.stringify(expected.monthly_active_merchants));
    expect(JSON.stringify(m.product_adoption)).toBe(JSON.stringify(expected.product_adoption));
    expect(m.kyc_funnel).toEqual(expected.kyc_funnel);
    expect(m.failure_rates).toEqual(expected.failure_rates);
    expect(ref.events.length).toBe(expected.stats.accepted);
    expect(ref.rejected).toBe(expected.stats.rejected);
    expect(ref.events.filter((e) => e.date === null).length).toBe(expected.stats.invalid_timestamp);
    expect(ref.events.filter((e) => e.kobo === null).length).toBe(expected.stats.invalid_amount);
  });

  const cases: [string, MetricFilter, CompareSpec?][] = [
    ['one day (2024-01-02)', { from: '2024-01-02', to: '2024-01-02' }],
    ['one region (KADUNA)', { region: ['KADUNA'] }],
    ['a product (POS)', { product: ['POS'] }],
    ['a region and channel left out (LAGOS, OFFLINE), from 2024-01-02', { from: '2024-01-02', exclude: { region: ['LAGOS'], channel: ['OFFLINE'] } }],
    ['2024-01-03 compared with the previous day', { from: '2024-01-03', to: '2024-01-03' }, 'previous'],
  ];
  for (const [what, filter, compare] of cases) {
    it(what, async () => {
      const r = await engine.request('getMetrics', compare ? { filter, compare } : { filter });
      const want = evaluate(ref.events, filter);
      expect(want.selected.length).toBeGreaterThan(1000);
      expect(contract(r.metrics)).toEqual(referenceMetrics(want.selected));
      expect(metricDiffs(r.metrics, referenceMetrics(want.selected), what)).toEqual([]);
      expect(r.coverage.events).toBe(want.coverage.events);
      expect(r.coverage.undated_events).toBe(want.coverage.undated_events);
      if (!compare) return;
      const range = compareRange(filter, compare);
      expect([r.compare?.from, r.compare?.to]).toEqual([range.from, range.to]);
      const other = evaluate(ref.events, { ...filter, ...range });
      expect(metricDiffs(r.compare?.metrics, referenceMetrics(other.selected), `${what} compare`)).toEqual([]);
      expect(r.compare?.coverage.events).toBe(other.coverage.events);
    });
  }
});
