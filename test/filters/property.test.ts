// Property test of issue 9: 240 random filters (fixed seed), about half with a comparison of each kind,
// on a generated multi-month data set whose rows vary every dimension. Every metric of getMetrics and of
// compare.metrics, and the coverage's counts, must equal a brute-force reference computed inside the
// test from the files it wrote (reference.ts), never from the engine's code.
import { describe, expect, it } from 'vitest';
import type { Coverage, MetricsResponse } from '../../shared/metrics.js';
import { contract } from '../helpers/engine.js';
import { rng } from '../helpers/dataset.js';
import { merchantId, propertyDays, randomCase, writeActivity, type FilterCase } from './generate.js';
import { compareRange, evaluate, metricDiffs, normalised, referenceMetrics, type RefCoverage } from './reference.js';
import { importedDataSet } from './imported.js';

const MERCHANTS = 300;
const FILTERS = 240;

function coverageDiffs(got: Coverage | undefined, want: RefCoverage, label: string): string[] {
  const out: string[] = [];
  for (const k of ['events', 'first_date', 'last_date', 'warnings', 'undated_events'] as const) {
    if (got?.[k] !== want[k]) out.push(`${label} coverage.${k}: expected ${want[k]} got ${got?.[k]}`);
  }
  return out;
}

describe('every metric under 240 random filters equals the brute-force reference', () => {
  const days = propertyDays();
  const data = importedDataSet(
    'mad-prop-',
    (dir) =>
      writeActivity(dir, {
        seed: 20240901,
        days,
        rowsPerDay: (d) => (d < '2024-01-01' ? 100 : 170 + (Number(d.slice(8)) % 7) * 10),
        merchants: MERCHANTS,
      }),
    180_000,
  );

  it('the data set is what the property needs: every dimension varies, with the defects the policy handles', () => {
    const ev = data.ref.events;
    expect(ev.length).toBeGreaterThan(20_000);
    expect(ev.length).toBeLessThan(40_000);
    expect(new Set(ev.map((e) => e.merchant)).size).toBeGreaterThan(250);
    expect(new Set(ev.map((e) => e.product)).size).toBe(7);
    expect(new Set(ev.map((e) => e.status)).size).toBe(3);
    expect(new Set(ev.map((e) => e.region)).size).toBe(6);
    expect(new Set(ev.map((e) => e.channel)).size).toBe(4);
    expect(new Set(ev.map((e) => e.tier)).size).toBe(3);
    expect(new Set(ev.flatMap((e) => (e.date ? [e.date.slice(0, 7)] : []))).size).toBeGreaterThanOrEqual(8);
    expect(ev.filter((e) => e.date === null).length).toBeGreaterThan(100);
    expect(ev.filter((e) => e.kobo === null).length).toBeGreaterThan(100);
    expect(ev.filter((e) => e.kobo !== null && e.kobo % 100 !== 0).length).toBeGreaterThan(10_000);
    expect(data.ref.rejected).toBeGreaterThan(100);
    expect(data.ref.duplicates).toBeGreaterThan(100);
    const m7 = ev.filter((e) => e.merchant === merchantId(7));
    expect(new Set(m7.map((e) => e.region))).toEqual(new Set(['LAGOS', 'ABUJA']));
    expect(new Set(m7.map((e) => e.tier)).size).toBeGreaterThan(1);
  });

  it('imports with the reference counts', () => {
    expect(data.summary.status).toBe('done');
    expect(data.summary.accepted).toBe(data.ref.events.length);
    expect(data.summary.rejected).toBe(data.ref.rejected);
    expect(data.summary.duplicates).toBe(data.ref.duplicates);
  });

  it('without a filter, every metric equals the reference', async () => {
    const r = await data.engine.request('getMetrics', {});
    expect(contract(r.metrics)).toEqual(referenceMetrics(data.ref.events));
    expect(metricDiffs(r.metrics, referenceMetrics(data.ref.events), 'unfiltered')).toEqual([]);
    expect(r.coverage.events).toBe(data.ref.events.length);
  });

  it(`${FILTERS} random filters, about half compared, give the reference answer for every metric and the coverage`, async () => {
    const rand = rng(9_2024);
    const diffs: string[] = [];
    let checks = 0;
    let engineMs = 0;
    const kinds = { none: 0, previous: 0, year: 0, explicit: 0, empty: 0, dims: 0, merchants: 0 };
    for (let i = 0; i < FILTERS; i++) {
      const c = randomCase(rand, days, MERCHANTS);
      const label = `#${i} ${JSON.stringify(c)}`;
      const t0 = performance.now();
      const result = await data.engine.call('getMetrics', c.compare ? { filter: c.filter, compare: c.compare } : { filter: c.filter });
      if (!result.ok) {
        diffs.push(`${label}: error ${JSON.stringify(result.error)}`);
        continue;
      }
      engineMs += performance.now() - t0;
      const got: MetricsResponse = result.value;
      const { selected, coverage } = evaluate(data.ref.events, c.filter);
      if (selected.length === 0) kinds.empty++;
      if (Object.keys(c.filter).some((k) => k !== 'from' && k !== 'to' && k !== 'merchant')) kinds.dims++;
      if (c.filter.merchant) kinds.merchants++;
      diffs.push(...metricDiffs(got.metrics, referenceMetrics(selected), label));
      diffs.push(...coverageDiffs(got.coverage, coverage, label));
      checks += 6 + 5;
      if (Object.keys(c.filter).length) {
        checks++;
        if (JSON.stringify(sortKeys(got.filter)) !== JSON.stringify(sortKeys(normalised(c.filter))))
          diffs.push(`${label} filter echo: expected ${JSON.stringify(normalised(c.filter))} got ${JSON.stringify(got.filter)}`);
      }
      if (!c.compare) {
        kinds.none++;
        checks++;
        if (got.compare !== undefined) diffs.push(`${label}: a compare block without a comparison`);
        continue;
      }
      kinds[typeof c.compare === 'object' ? 'explicit' : c.compare]++;
      const range = compareRange(c.filter, c.compare);
      const cf = { ...c.filter, from: range.from, to: range.to };
      checks += 2 + 6 + 5;
      if (got.compare?.from !== range.from || got.compare?.to !== range.to)
        diffs.push(`${label} compare dates: expected ${range.from}..${range.to} got ${got.compare?.from}..${got.compare?.to}`);
      const other = evaluate(data.ref.events, cf);
      diffs.push(...metricDiffs(got.compare?.metrics, referenceMetrics(other.selected), `${label} compare`));
      diffs.push(...coverageDiffs(got.compare?.coverage, other.coverage, `${label} compare`));
    }
    console.log(`property: ${FILTERS} filters, ${checks} checks, kinds ${JSON.stringify(kinds)}, ${diffs.length} differences; engine ${Math.round(engineMs)} ms`);
    // The mix is what the property claims: each comparison kind, dimensions, merchants, empty selections.
    expect(kinds.previous).toBeGreaterThan(15);
    expect(kinds.year).toBeGreaterThan(15);
    expect(kinds.explicit).toBeGreaterThan(15);
    expect(kinds.none).toBeGreaterThan(FILTERS * 0.4);
    expect(kinds.dims).toBeGreaterThan(FILTERS * 0.6);
    expect(kinds.merchants).toBeGreaterThan(15);
    expect(kinds.empty).toBeGreaterThan(3);
    const failing = new Map<string, string[]>();
    for (const d of diffs) {
      const [label, what] = d.split(/ (?=(?:compare )?(?:top_merchants?|monthly_active_merchants|product_adoption|kyc_funnel|failure_rates|coverage\.\w+|filter echo|compare dates)\b)/);
      failing.set(label, [...(failing.get(label) ?? []), (what ?? '').split(':')[0]]);
    }
    if (failing.size) console.log(`failing filters (${failing.size}):\n${[...failing].map(([l, w]) => `${l} -> ${w.join(', ')}`).join('\n')}`);
    expect(diffs.slice(0, 12)).toEqual([]);
    expect(diffs.length).toBe(0);
  }, 120_000);
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
